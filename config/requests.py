"""Small helpers every app's views share."""

import ipaddress
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

UNSENT = "unsent_form"
UNSENT_MESSAGE = (
    "You were signed out before your changes were saved. They are below: check them, then save again."
)


def posted(request):
    """The submitted data for a form on a POST, even an empty one (which must show errors), else None; or, on
    the first visit after signing back in, what was sent to this page when the session had ended (bound, so
    it is shown, never saved until it is sent again)."""
    if request.method == "POST":
        return request.POST
    unsent = request.session.get(UNSENT) if hasattr(request, "session") else None
    if unsent and unsent.get("path") == request.path and request.user.is_authenticated:
        del request.session[UNSENT]
        messages.warning(request, UNSENT_MESSAGE)
        data = QueryDict(mutable=True)
        for key, values in unsent["data"].items():
            data.setlist(key, values)
        return data
    return None


def seen_version(data, current: int, name: str = "version") -> int:
    """The version of a record an edit began from, as the form sent it back (`data`: a POST, or a form given
    back by `posted`); `current` when the form did not say, so a save from a page without one is not refused
    for that alone."""
    value = (data or {}).get(name, "")
    return int(value) if str(value).isdigit() else current


def keep_unsent(request) -> None:
    """Keep a form that arrived after the session ended, for `posted` to give back after signing in."""
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    request.session[UNSENT] = {"path": request.path, "data": data}


def safe_next(request) -> str | None:
    """Where to go back to (a `next` field or parameter), when it is on this site; never elsewhere (an open
    redirect)."""
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return None


def with_query(url: str, **params) -> str:
    """`url` with `params` added to its query string, keeping what it already has."""
    parts = urlsplit(url)
    query = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in params
    ]
    query += [(key, str(value)) for key, value in params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address the request came from, as far as our own proxies vouch for it.

    Each proxy in front of the app appends the address it was reached from to `X-Forwarded-For`; anything to
    the left of that was written by the client and proves nothing. So with `PROXY_COUNT` proxies the address
    to believe is the PROXY_COUNT-th from the right. With none configured, or when the header is too short
    or holds something that is not an address, the connecting address (REMOTE_ADDR) is used. Never raises.
    """
    proxies = settings.PROXY_COUNT
    if proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies and (address := _address(forwarded[-proxies])):
            return address
    return _address(request.META.get("REMOTE_ADDR"))
