"""Who may do what with the case record: the `cases.*` permissions, as predicates over the actor and the record.

Each permission answers two questions (see config.access). Without an object: may the actor do this at all,
to some record? With one: to this record? A predicate over a record therefore reads `no_object | ...`, so the
view's decorator lets a team manager reach the allocation page and the case itself then decides whether it is
one of their team's. The predicates here are shared by the later stages' own `rules.py`.
"""

import rules

from cases.roles import CASEWORK, DECIDERS, MANAGERS, RECORD_KEEPERS, Role


def has_role(name: str, roles) -> rules.Predicate:
    """A predicate true for a user whose role is one of `roles`."""
    wanted = frozenset([roles] if isinstance(roles, str) else roles)

    def check(user) -> bool:
        return getattr(user, "role", None) in wanted

    return rules.predicate(check, name=name)


does_casework = has_role("does_casework", CASEWORK)
keeps_records = has_role("keeps_records", RECORD_KEEPERS)
is_manager = has_role("is_manager", MANAGERS)
is_team_manager = has_role("is_team_manager", Role.TEAM_MANAGER)
is_decider = has_role("is_decider", DECIDERS)
is_finance_officer = has_role("is_finance_officer", Role.FINANCE_OFFICER)
is_council_admin = has_role("is_council_admin", Role.COUNCIL_ADMIN)
is_citizen = has_role("is_citizen", Role.CITIZEN)
is_provider = has_role("is_provider", Role.PROVIDER)


@rules.predicate
def no_object(user, obj) -> bool:
    """Asked without a record: whether the actor may do this to some record."""
    return obj is None


@rules.predicate
def is_the_person(user, person) -> bool:
    return person is not None and user.person_id is not None and user.person_id == person.pk


@rules.predicate
def is_their_case(user, case) -> bool:
    return case is not None and user.person_id is not None and user.person_id == case.person_id


@rules.predicate
def manages_the_team_of(user, case) -> bool:
    """The team manager of the team the case belongs to: who allocates it and settles what keeps it open."""
    return case is not None and user.team_id is not None and user.team_id == case.team_id


@rules.predicate
def started_its_enquiry(user, case) -> bool:
    """The manager who decided on a section 42 enquiry, whichever team holds the case, sees it through."""
    return (
        case is not None
        and case.flags.filter(kind="safeguarding_enquiry", cleared_at=None, raised_by=user.pk).exists()
    )


# People and their cases. A citizen reaches only their own; staff who do casework reach everyone's.
rules.add_perm("cases.find_person", does_casework)
rules.add_perm("cases.view_person", does_casework | (is_citizen & (no_object | is_the_person)))
rules.add_perm("cases.change_person", keeps_records)
rules.add_perm("cases.view_case", does_casework | (is_citizen & (no_object | is_their_case)))
rules.add_perm("cases.change_case", keeps_records)
# A citizen's own page of their case, with the decisions of every stage.
rules.add_perm("cases.follow_own_case", is_citizen & (no_object | is_their_case))
# Work coming in and held.
rules.add_perm("cases.view_caseload", keeps_records)
rules.add_perm("cases.view_team_queue", is_manager)
rules.add_perm("cases.allocate_case", is_team_manager & (no_object | manages_the_team_of))
# What keeps a case open (a section 42 enquiry), settled by a manager who answers for it.
rules.add_perm("cases.settle_case", is_manager & (no_object | manages_the_team_of | started_its_enquiry))
# The audit trail of reads and changes, and the configuration screens (the Django admin).
rules.add_perm("cases.audit_person", is_council_admin)
rules.add_perm("cases.configure", is_council_admin)
