"""Who may do what in validation: the `validation.*` permissions (see config.access). The amount, the scheme in
force and who wrote the plan decide further whether a manager may decide a particular plan; the services say why
not, in words (validation.services)."""

import rules

from cases.roles import Role
from cases.rules import does_casework, has_role, is_council_admin, is_manager, no_object


@rules.predicate
def signs_off_for_the_team_of(user, case) -> bool:
    """A team manager signs off the plans of their own team's cases; service managers and heads of service sign
    off for every team."""
    if user.role != Role.TEAM_MANAGER:
        return True
    return case is not None and user.team_id is not None and user.team_id == case.team_id


# Sign-off: the approvals queue, a plan with everything the decision needs, and the decision (agree, return with
# reasons, escalate with a note), within the delegation scheme's limits.
rules.add_perm("validation.sign_off", is_manager & (no_object | signs_off_for_the_team_of))
# The delegation scheme: who may agree a plan's cost, and the order of escalation, drafted and published with the
# date it takes effect, like the RAS.
rules.add_perm("validation.manage_delegation", is_council_admin)

# The risk enablement panel, by exception. Whoever writes plans (practitioners, team managers) or agrees them
# (managers) may refer a plan or one of its risks, withdraw the referral and say who comes; caseworkers read the
# agendas; managers arrange meetings (council admins too, seeing only when and where) and record the decisions.
refers_to_panel = has_role(
    "refers_to_panel",
    {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.HEAD_OF_SERVICE},
)
rules.add_perm("validation.see_panel_meetings", does_casework | is_council_admin)
rules.add_perm("validation.view_panel", does_casework)
rules.add_perm("validation.refer_to_panel", refers_to_panel)
rules.add_perm("validation.schedule_panel", is_manager | is_council_admin)
rules.add_perm("validation.decide_panel", is_manager)
# How long sign-off takes: decisions per level, the time from sending to the decision against the scheme's target,
# returns by reason and escalations, for the whole council. Figures only, never a person: managers, and the council
# admins who set the levels and the target (docs/decisions.md).
rules.add_perm("validation.view_turnaround", is_manager | is_council_admin)
