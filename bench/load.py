"""Bounded load from a handful of asyncio clients to one URL on loopback, and what it measured."""

import asyncio
import math
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx


@dataclass
class Result:
    requests: int  # counted requests completed (after the warm-up)
    seconds: float
    median_ms: float | None
    p95_ms: float | None
    max_ms: float | None
    per_second: float | None
    statuses: dict[str, int] = field(default_factory=dict)
    errors: int = 0  # non-200 answers and transport failures
    capped: bool = False  # stopped by the time cap before all requests were made


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already-sorted values."""
    rank = min(len(sorted_values), max(1, math.ceil(fraction * len(sorted_values))))
    return sorted_values[rank - 1]


async def _hammer(
    base_url: str,
    paths: list[str],
    cookies: list[str | None],
    requests: int,
    warmup: int,
    time_cap: float,
    warm_slots: int,
    request_timeout: float,
    forms: list[dict] | None,
    headers: dict,
    refuse: str | None,
) -> Result:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    issued = 0
    warm_issued = 0
    timeout = httpx.Timeout(request_timeout)

    async def one(client: httpx.AsyncClient, slot_index: int) -> tuple[float, str]:
        cookie = cookies[slot_index]
        sent = {**headers, "Cookie": cookie} if cookie else headers
        path = paths[slot_index]
        started = time.perf_counter()
        try:
            if forms is None:
                response = await client.get(path, headers=sent)
            else:
                response = await client.post(path, data=forms[slot_index], headers=sent)
            await response.aread()
            status = str(response.status_code)
            if refuse and refuse in response.text:
                status += " refused"
        except httpx.HTTPError as failure:
            status = type(failure).__name__
        return (time.perf_counter() - started) * 1000, status

    async def slot(slot_index: int, deadline: float | None) -> None:
        """One client. Without a deadline it makes warm-up requests; with one, counted requests."""
        nonlocal issued, warm_issued
        # Each slot has its own client: its own connections and cookie jar. The server's Set-Cookie answers
        # are Secure and so never sent back over http; the session goes in the Cookie header instead.
        async with httpx.AsyncClient(base_url=base_url, timeout=timeout, follow_redirects=False) as client:
            if deadline is None:
                while warm_issued < warmup and time.perf_counter() < warm_until:
                    warm_issued += 1
                    await one(client, slot_index)
                return
            while issued < requests and time.perf_counter() < deadline:
                issued += 1
                elapsed, status = await one(client, slot_index)
                latencies.append(elapsed)
                statuses[status] += 1

    warm_until = time.perf_counter() + time_cap / 4  # a slow page gets fewer warm-up requests
    await asyncio.gather(*(slot(i, None) for i in range(min(warm_slots, len(cookies)))))
    started = time.perf_counter()
    await asyncio.gather(*(slot(i, started + time_cap) for i in range(len(cookies))))
    seconds = time.perf_counter() - started
    ordered = sorted(latencies)
    return Result(
        requests=len(ordered),
        seconds=seconds,
        median_ms=statistics.median(ordered) if ordered else None,
        p95_ms=percentile(ordered, 0.95) if ordered else None,
        max_ms=ordered[-1] if ordered else None,
        per_second=len(ordered) / seconds if ordered and seconds > 0 else None,
        statuses=dict(statuses),
        errors=sum(n for status, n in statuses.items() if status != "200"),
        capped=len(ordered) < requests,
    )


def hammer(
    base_url: str,
    path: str | list[str],
    cookies: list[str | None],
    *,
    requests: int,
    warmup: int,
    time_cap: float,
    warm_slots: int,
    request_timeout: float = 180.0,
    forms: list[dict] | None = None,
    headers: dict | None = None,
    refuse: str | None = None,
) -> Result:
    """GET `path` `requests` times from len(cookies) concurrent clients, each with its own session cookie.

    `warmup` requests go first from `warm_slots` clients (one per server worker is enough to load its code)
    and are not counted; no new ones start after a quarter of the time cap. The measured run stops making requests
    after `time_cap` seconds; those already in flight finish and are counted.

    A list of paths gives each client its own; `forms` (one per client) makes the requests POSTs of that form
    data; `headers` go with every request. A 200 whose body contains `refuse` counts as an error ("200 refused").
    """
    paths = [path] * len(cookies) if isinstance(path, str) else path
    return asyncio.run(
        _hammer(
            base_url,
            paths,
            cookies,
            requests,
            warmup,
            time_cap,
            max(1, warm_slots),
            request_timeout,
            forms,
            headers or {},
            refuse,
        )
    )
