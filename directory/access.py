"""Who may use each directory page. The directory stands alone (it imports nothing from the case record), so it
declares access the same way cases.access does: a `public` view sets `allowed_roles = "public"`, which the access
tests walk."""

from collections.abc import Callable

PUBLIC = "public"


def public(view: Callable) -> Callable:
    """Anyone, signed in or not."""
    view.allowed_roles = PUBLIC
    return view
