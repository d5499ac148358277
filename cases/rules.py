"""Object permissions as predicates, checked through cases.access and nowhere else."""

import rules

from cases.roles import CASEWORK, RECORD_KEEPERS, Role


@rules.predicate
def does_casework(user) -> bool:
    return getattr(user, "role", None) in CASEWORK


@rules.predicate
def keeps_records(user) -> bool:
    return getattr(user, "role", None) in RECORD_KEEPERS


@rules.predicate
def is_council_admin(user) -> bool:
    return getattr(user, "role", None) == Role.COUNCIL_ADMIN


@rules.predicate
def is_the_person(user, person) -> bool:
    return getattr(user, "role", None) == Role.CITIZEN and person is not None and user.person_id == person.pk


@rules.predicate
def is_their_case(user, case) -> bool:
    return (
        getattr(user, "role", None) == Role.CITIZEN and case is not None and user.person_id == case.person_id
    )


@rules.predicate
def manages_the_team_of(user, case) -> bool:
    """The team manager of the team the case belongs to: who allocates it and settles what keeps it open."""
    return (
        getattr(user, "role", None) == Role.TEAM_MANAGER
        and case is not None
        and user.team_id is not None
        and user.team_id == case.team_id
    )


@rules.predicate
def started_its_enquiry(user, case) -> bool:
    """The manager who decided on a section 42 enquiry, whichever team holds the case, sees it through."""
    return (
        case is not None
        and case.flags.filter(kind="safeguarding_enquiry", cleared_at=None, raised_by=user.pk).exists()
    )


rules.add_perm("cases.view_person", does_casework | is_the_person)
rules.add_perm("cases.change_person", keeps_records)
rules.add_perm("cases.view_case", does_casework | is_their_case)
rules.add_perm("cases.change_case", keeps_records)
rules.add_perm("cases.manage_case", manages_the_team_of)
rules.add_perm("cases.settle_case", manages_the_team_of | started_its_enquiry)
rules.add_perm("cases.audit_person", is_council_admin)
