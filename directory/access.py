"""Who may use each directory page. The directory stands alone (it imports nothing from the case record), so it
declares access the same way cases.access does: a view's `allowed_roles` is "public" or the set of roles it
admits, which the access tests walk. The roles that curate the directory come from the DIRECTORY_EDITOR_ROLES
setting, so the directory needs no knowledge of the council's other roles."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

PUBLIC = "public"


def public(view: Callable) -> Callable:
    """Anyone, signed in or not."""
    view.allowed_roles = PUBLIC
    return view


def is_editor(user) -> bool:
    return user.is_authenticated and getattr(user, "role", None) in settings.DIRECTORY_EDITOR_ROLES


def editors(view: Callable) -> Callable:
    """Signed-in directory editors only; anyone else signed in is refused, and the signed-out go to sign in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.allowed_roles = frozenset(settings.DIRECTORY_EDITOR_ROLES)
    return wrapper
