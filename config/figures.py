"""How measures are worked out and written, wherever a page reports them: the council's days (Europe/London), a
percentile in Postgres, a count under a label, a share of a whole, a share as a percentage and a length of time in
days, as a manager would say them."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models.aggregates import Aggregate

# Measures count by the council's days and weeks.
LONDON = ZoneInfo("Europe/London")
DAY = datetime.timedelta(days=1)


def midnight(day: datetime.date) -> datetime.datetime:
    """The moment `day` starts in Europe/London: a period's bounds, whatever the clocks do."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LONDON)


def in_days(duration: datetime.timedelta | None) -> float | None:
    """A length of time (a percentile Postgres worked out) in days, or None when there was nothing to measure."""
    return None if duration is None else duration / DAY


@dataclass(frozen=True)
class Tally:
    """How many (contacts, referrals, returned plans) fell under one label."""

    key: str
    label: str
    count: int


class PercentileCont(Aggregate):
    """Postgres's continuous percentile of an ordered set: `percentile_cont(0.9) WITHIN GROUP (ORDER BY x)`."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, fraction: float, expression, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("A percentile is a fraction from 0 to 1")
        # A number we chose, never input, so it is written into the SQL rather than passed as a parameter.
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def rate(part: int, whole: int) -> float | None:
    """`part` as a share of `whole`, or None when there is nothing to share (not 0%, which would mislead)."""
    return part / whole if whole else None


def percent(share: float | None) -> str:
    """A share as a whole percentage, halves rounded up as people expect: 0.125 is "13%"."""
    if share is None:
        return "No figure"
    whole = (Decimal(str(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{whole}%"


def days_text(days: float | None) -> str:
    """A waiting time as a person would say it: "within the hour", then hours under a day, then days."""
    if days is None:
        return "No figure"
    hours = days * 24
    if hours < 1:
        return "within the hour"
    if days < 1:
        whole = round(hours)
        return f"{whole} hour{'' if whole == 1 else 's'}"
    rounded = Decimal(str(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"{rounded:f} day{'' if rounded == 1 else 's'}"
