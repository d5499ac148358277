"""Small helpers every app's views share."""

from django.utils.http import url_has_allowed_host_and_scheme


def posted(request):
    """The submitted data for a form on a POST, even an empty one (which must show errors), else None."""
    return request.POST if request.method == "POST" else None


def safe_next(request) -> str | None:
    """Where to go back to (a `next` field or parameter), when it is on this site; never elsewhere (an open
    redirect)."""
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return None
