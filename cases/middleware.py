"""Request details (address, browser) added to every row-history entry written during a request."""

import ipaddress

from django.conf import settings
from pghistory.middleware import HistoryMiddleware


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


class AuditContextMiddleware(HistoryMiddleware):
    def get_context(self, request):
        return {**super().get_context(request), "ip": client_ip(request), "method": request.method}
