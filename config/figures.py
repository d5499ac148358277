"""How measures are worked out and written, wherever a page reports them: a percentile in Postgres, a share of a
whole, a share as a percentage and a length of time in days, as a manager would say them."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models.aggregates import Aggregate


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
