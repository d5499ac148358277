"""Who may start support and see the reviews: the `reviews.*` permissions (see config.access)."""

import rules

from cases.roles import Role
from cases.rules import has_role

writes_plans = has_role("writes_plans", {Role.PRACTITIONER, Role.TEAM_MANAGER})
follows_reviews = has_role(
    "follows_reviews", {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.HEAD_OF_SERVICE}
)

# An agreed plan's support started: the direct payment agreement, the orders to providers; the case goes live.
rules.add_perm("reviews.go_live", writes_plans)
# A review recorded: how far each outcome was met, and what happens next.
rules.add_perm("reviews.review", writes_plans)
# The reviews due: a worker's own and their team's, due soon, due and overdue.
rules.add_perm("reviews.view_reviews", follows_reviews)
