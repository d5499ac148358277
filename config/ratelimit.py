"""How often a visitor may do something that costs the council (send a form, email a list), counted in the
shared cache (Redis) so every web process sees the same count, and against both the visitor's session and
their address: a new session does not reset the count, and one address cannot send without end.

Each limit counts in fixed windows of its length, aligned to the clock (an hour's window is 10:00 to 11:00):
a counter is one atomic increment with no list to keep, and "try again from" is the window's end.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

from config.requests import client_ip


@dataclass(frozen=True)
class Limit:
    """At most `per_session` times from one session and `per_address` from one address in each `window`."""

    name: str
    per_session: int
    per_address: int
    window: datetime.timedelta = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Allowance:
    allowed: bool
    used: int  # the most either count has reached in this window
    next_at: datetime.datetime | None  # when one more may be done, if none may now


def _window(limit: Limit, now: datetime.datetime) -> tuple[int, datetime.datetime]:
    seconds = int(limit.window.total_seconds())
    number = int(now.timestamp()) // seconds
    return number, datetime.datetime.fromtimestamp((number + 1) * seconds, tz=datetime.UTC)


def _keys(request, limit: Limit, window: int) -> tuple[str, str]:
    if request.session.session_key is None:
        request.session.save()  # a visitor with no session yet gets one, so the count has something to follow
    # Neither a session key nor an address is kept in the cache as it is.
    session = salted_hmac("ratelimit", request.session.session_key).hexdigest()[:32]
    address = salted_hmac("ratelimit", client_ip(request) or "unknown").hexdigest()[:32]
    prefix = f"{settings.RATELIMIT_KEY_PREFIX}:{limit.name}:{window}"
    return f"{prefix}:session:{session}", f"{prefix}:address:{address}"


def allowance(request, limit: Limit, *, now: datetime.datetime | None = None) -> Allowance:
    """Whether this visitor may do `limit`'s thing once more now."""
    window, ends = _window(limit, now or timezone.now())
    session_key, address_key = _keys(request, limit, window)
    counts = cache.get_many([session_key, address_key])
    by_session, by_address = counts.get(session_key, 0), counts.get(address_key, 0)
    allowed = by_session < limit.per_session and by_address < limit.per_address
    return Allowance(allowed=allowed, used=max(by_session, by_address), next_at=None if allowed else ends)


def record(request, limit: Limit, *, now: datetime.datetime | None = None) -> None:
    """Count one more for this visitor (after doing it)."""
    window, _ = _window(limit, now or timezone.now())
    expires = int(limit.window.total_seconds()) + 60
    for key in _keys(request, limit, window):
        cache.add(key, 0, timeout=expires)
        try:
            cache.incr(key)
        except ValueError:  # expired between the two: start again
            cache.set(key, 1, timeout=expires)
