"""Who may do what with support plans: the `support_planning.*` permissions (see config.access)."""

import rules

from cases.roles import Role
from cases.rules import (
    does_casework,
    has_role,
    is_citizen,
    is_council_admin,
    is_provider,
    is_their_case,
    no_object,
)

writes_plans = has_role("writes_plans", {Role.PRACTITIONER, Role.TEAM_MANAGER})

# A plan written with the person, by a practitioner or team manager.
rules.add_perm("support_planning.plan", writes_plans)
# A plan read: by staff who do casework, and by the person on their own case.
rules.add_perm("support_planning.view_plan", does_casework | (is_citizen & (no_object | is_their_case)))
# The person's own plan, on their own case: they read it, and agree or say what they would change.
rules.add_perm("support_planning.view_own_plan", is_citizen & (no_object | is_their_case))
rules.add_perm("support_planning.answer_own_plan", is_citizen & (no_object | is_their_case))


@rules.predicate
def holds_the_draft(user, plan) -> bool:
    """The person whose own draft plan it is, while they are writing it."""
    return plan.is_draft and plan.held_by == "person" and is_their_case(user, plan.case)


@rules.predicate
def drafts_it_for_their_organisation(user, plan) -> bool:
    """Someone at the provider or user-led organisation the worker asked to draft the plan, while it holds it."""
    return (
        plan.is_draft
        and plan.held_by == "organisation"
        and user.organisation_id is not None
        and user.organisation_id == plan.drafting_organisation_id
    )


# Self-directed: the person drafts their own plan from their outcomes and budget, then sends it to their worker.
rules.add_perm("support_planning.draft_own_plan", is_citizen & (no_object | is_their_case))
# A draft plan changed by whoever is drafting it, other than the worker (the object is the plan): the person, or
# a provider or user-led organisation drafting it with them. The council keeps the decision.
rules.add_perm(
    "support_planning.draft_plan",
    (is_citizen & (no_object | holds_the_draft))
    | (is_provider & (no_object | drafts_it_for_their_organisation)),
)
# A provider or user-led organisation's list of the people whose plans the council asked it to draft.
rules.add_perm("support_planning.view_referred_plans", is_provider)


@rules.predicate
def in_a_complex_team(user, team) -> bool:
    """A member of a complex support planning team (with a team: that one)."""
    own = getattr(user, "team", None)
    return own is not None and own.plans_complex_support and (team is None or team.pk == own.pk)


# The complex support planning team's queue: its practitioners and team manager pick referred plans up.
rules.add_perm("support_planning.plan_complex", writes_plans & in_a_complex_team)
# The planning rules (tolerance, complex-case criteria): drafted and published with a date, like the RAS.
rules.add_perm("support_planning.manage_planning_rules", is_council_admin)
