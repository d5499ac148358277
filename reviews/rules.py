"""Who may start support and see the reviews, and who tells the council how support is going before a review: the
`reviews.*` permissions (see config.access)."""

import rules

from cases.roles import Role
from cases.rules import has_role, is_citizen, is_manager, is_provider, is_their_case, no_object
from reviews.selectors import organisation_supports

writes_plans = has_role("writes_plans", {Role.PRACTITIONER, Role.TEAM_MANAGER})
follows_reviews = has_role(
    "follows_reviews", {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.HEAD_OF_SERVICE}
)

# An agreed plan's support started: the direct payment agreement, the orders to providers; the case goes live.
rules.add_perm("reviews.go_live", writes_plans)
# A review recorded: how far each outcome was met, and what happens next.
rules.add_perm("reviews.review", writes_plans)
# The reviews due: a worker's own and their team's, due soon, due and overdue; and what was sent for each.
rules.add_perm("reviews.view_reviews", follows_reviews)
# The person tells their worker how their support is going (their own case only): the start of their review.
rules.add_perm("reviews.self_review", is_citizen & (no_object | is_their_case))


@rules.predicate
def supports_them(user, case) -> bool:
    """Someone at a provider or user-led organisation named on the person's plan in place (reviews.providers)."""
    return user.organisation_id is not None and organisation_supports(user.organisation, case)


# A provider's list of the people whose plans in place name their organisation.
rules.add_perm("reviews.view_supported_people", is_provider)
# Their progress towards the outcomes the organisation supports, changes in independence, and asking for a review:
# only for someone the organisation supports.
rules.add_perm("reviews.record_progress", is_provider & (no_object | supports_them))

# Brokerage: help to find a provider for an item of an agreed plan. The council's practitioners and team managers
# broker (docs/decisions.md): they ask for it, work the queue, record providers' offers and choose one.
rules.add_perm("reviews.broker", writes_plans)
# The person asks online for the same help (their own case; the service admits only those paying the full cost).
rules.add_perm("reviews.ask_for_brokerage", is_citizen & (no_object | is_their_case))
# The person's direct payment return online, on their own case (reviews.monitoring); a worker records one for them
# with reviews.review.
rules.add_perm("reviews.send_direct_payment_return", is_citizen & (no_object | is_their_case))
# Ending support, all of it or one service, with a reason and a date; and closing the case once it has ended.
rules.add_perm("reviews.end_support", writes_plans)

# Urgent interim support before a plan's support is in place: started, extended with a reason, ended early.
rules.add_perm("reviews.arrange_interim", writes_plans)
# How much urgent interim support there is, how much runs past its end date, how much the plan carries on unchanged.
rules.add_perm("reviews.view_interim_figures", is_manager)
