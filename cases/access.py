"""Who may use each view, and the one way every view loads a person or a case.

Every view is wrapped in `allow(...)` or `public`, so the roles it admits are declared beside it and can be
walked by the access tests. Records are loaded through `get_person_for` / `get_case_for`, which check the
object permission, hide other people's records from citizens (404, not 403, so nothing leaks that they
exist) and write the audit row.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from cases.audit import record_access
from cases.models import AccessEvent, Case, Person
from cases.roles import Role
from config.requests import keep_unsent

PUBLIC = "public"
ANY_SIGNED_IN = "signed_in"


def _declare(view: Callable, roles) -> Callable:
    view.allowed_roles = roles
    return view


def public(view: Callable) -> Callable:
    """Anyone, signed in or not."""
    return _declare(view, PUBLIC)


def _to_sign_in(request) -> HttpResponse:
    """The sign-in page; but an htmx request (an autosave, a poll) gets a 401, so the page that sent it keeps
    what was typed instead of having the sign-in form swapped into it. A form sent after the session ended is
    kept (see config.requests.posted) and shown again, unsaved, once the person has signed back in."""
    if getattr(request, "htmx", False):
        return HttpResponse("Sign in again", status=401)
    if request.method == "POST":
        keep_unsent(request)
    return redirect_to_login(request.get_full_path())


def signed_in(view: Callable) -> Callable:
    """Anyone with an account, whatever their role."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _to_sign_in(request)
        return view(request, *args, **kwargs)

    return _declare(wrapper, ANY_SIGNED_IN)


def allow(*roles: Role | Iterable[Role]) -> Callable[[Callable], Callable]:
    """Signed-in users whose role is one of `roles` (roles or sets of roles)."""
    allowed: set[str] = set()
    for item in roles:
        allowed.update([item] if isinstance(item, str) else item)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return _to_sign_in(request)
            if request.user.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(wrapper, frozenset(allowed))

    return decorator


ACTION_TO_AUDIT = {
    "view": AccessEvent.Action.VIEW,
    "change": AccessEvent.Action.CHANGE,
    "audit": AccessEvent.Action.VIEW,
    "manage": AccessEvent.Action.CHANGE,
    "settle": AccessEvent.Action.CHANGE,
}


def _check(request, obj, perm: str, *, person: Person, case: Case | None, what: str):
    if request.user.has_perm(perm, obj):
        return
    if request.user.role == Role.CITIZEN:
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
