"""Who may use each view, declared beside it, and the one check a service makes before it changes anything.

Permissions are named `app.verb` and written as `rules` predicates in each app's `rules.py` (the front door's
in `contact/permissions.py`, its `rules.py` being the front door's business rules). Every view carries one
declaration, which the access tests walk: `@requires("app.verb")`, `@signed_in` or `@public`, kept on the view
as `view.permission`. A view with none fails those tests: nothing is open by omission.

A permission asked without an object says whether the actor may do it at all (the view's decorator and the
navigation ask that); asked with the record, whether they may do it to this one (the access helpers in
`cases.access` and the services ask that). This module knows nothing of roles or records, so every app, the
directory included, declares access the same way.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from config.requests import keep_unsent

PUBLIC = "public"
SIGNED_IN = "signed_in"


def public(view: Callable) -> Callable:
    """Anyone, signed in or not."""
    view.permission = PUBLIC
    return view


def to_sign_in(request) -> HttpResponse:
    """The sign-in page; but an htmx request (an autosave, a poll) gets a 401, so the page that sent it keeps
    what was typed instead of having the sign-in form swapped into it. A form sent after the session ended is
    kept (see config.requests.posted) and shown again, unsaved, once the person has signed back in."""
    if getattr(request, "htmx", False):
        return HttpResponse("Sign in again", status=401)
    if request.method == "POST":
        keep_unsent(request)
    return redirect_to_login(request.get_full_path())


def signed_in(view: Callable) -> Callable:
    """Anyone with an account, whatever they may do."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return to_sign_in(request)
        return view(request, *args, **kwargs)

    wrapper.permission = SIGNED_IN
    return wrapper


def requires(perm: str) -> Callable[[Callable], Callable]:
    """Signed-in users who hold `perm` (asked without an object); anyone else signed in is refused (403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return to_sign_in(request)
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.permission = perm
        return wrapper

    return decorator


def holds(user, perm: str, obj=None) -> bool:
    """Whether `user` (perhaps not signed in) holds `perm`, on `obj` when given: for what a page offers."""
    return bool(user.is_authenticated and user.has_perm(perm, obj))


def require(actor, perm: str, obj=None) -> None:
    """The check a service makes against its actor before a change: `PermissionDenied` unless they hold
    `perm` (on `obj` when given)."""
    if not holds(actor, perm, obj):
        raise PermissionDenied
