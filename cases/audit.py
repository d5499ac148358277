"""Recording who looked at or changed whose record. Row changes are also captured by database triggers."""

from cases.models import AccessEvent, Case, Person
from config.requests import client_ip


def record_access(request, *, action: str, what: str, person: Person | None = None, case: Case | None = None):
    if case is not None and person is None:
        person = case.person
    user = request.user if request.user.is_authenticated else None
    return AccessEvent.objects.create(
        user=user,
        action=action,
        person=person,
        case=case,
        what=what[:200],
        path=request.get_full_path()[:500],
        method=request.method,
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
