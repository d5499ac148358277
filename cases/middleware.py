"""Request details (address, browser) added to every row-history entry written during a request."""

from pghistory.middleware import HistoryMiddleware

from config.requests import client_ip


class AuditContextMiddleware(HistoryMiddleware):
    def get_context(self, request):
        return {**super().get_context(request), "ip": client_ip(request), "method": request.method}
