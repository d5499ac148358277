"""Request details (address, browser) added to every row-history entry written during a request."""

from pghistory.middleware import HistoryMiddleware


def client_ip(request) -> str | None:
    # Behind the production proxy the first forwarded address is the client's; locally it is REMOTE_ADDR.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware(HistoryMiddleware):
    def get_context(self, request):
        return {**super().get_context(request), "ip": client_ip(request), "method": request.method}
