"""The one way every view loads a person or a case: the object permission checked, other people's records hidden
from citizens (404, not 403, so nothing leaks that they exist), and the read written to the audit trail.

Who may use a view at all is declared on it with `config.access` (`requires`, `signed_in`, `public`); the
permissions themselves are in each app's `rules.py`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cases.audit import record_access
from cases.models import AccessEvent, Case, Person

# Each action names the permission asked of the record (`cases.<action>_case` or `cases.<action>_person`).
ACTION_TO_AUDIT = {
    "view": AccessEvent.Action.VIEW,
    "change": AccessEvent.Action.CHANGE,
    "audit": AccessEvent.Action.VIEW,
    "allocate": AccessEvent.Action.CHANGE,
    "follow_own": AccessEvent.Action.VIEW,
    "settle": AccessEvent.Action.CHANGE,
}


def _check(request, obj, perm: str, *, person: Person, case: Case | None, what: str):
    if request.user.has_perm(perm, obj):
        return
    if request.user.is_citizen:
        raise Http404
    record_access(request, action=AccessEvent.Action.DENIED, person=person, case=case, what=what)
    raise PermissionDenied


def get_person_for(request, pk: int, action: str = "view", *, what: str = "person record") -> Person:
    try:
        person = Person.objects.get(pk=pk)
    except Person.DoesNotExist as missing:
        raise Http404 from missing
    _check(request, person, f"cases.{action}_person", person=person, case=None, what=what)
    record_access(request, action=ACTION_TO_AUDIT[action], person=person, what=what)
    return person


def check_case_permission(request, case: Case, action: str, *, what: str) -> None:
    """For a record that belongs to a case (a contact, an assessment): the case's permission decides."""
    _check(request, case, f"cases.{action}_case", person=case.person, case=case, what=what)


def get_case_for(request, pk: int, action: str = "view", *, what: str = "case overview") -> Case:
    try:
        case = Case.objects.with_overview().get(pk=pk)
    except Case.DoesNotExist as missing:
        raise Http404 from missing
    check_case_permission(request, case, action, what=what)
    record_access(request, action=ACTION_TO_AUDIT[action], case=case, what=what)
    return case
