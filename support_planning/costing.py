"""What a support plan costs, as plain functions: each item's weekly or one-off cost, the plan's weekly and annual
totals, and its gap to the indicative budget measured against the council's tolerance.

A plan's annual cost is a year of its weekly items plus its one-off costs (a hand rail bought once is part of what
the plan costs that year). The gap is the plan's annual cost less the indicative annual budget: above it is
positive. The indicative budget is a starting point, never a ceiling (R (KM) v Cambridgeshire [2012] UKSC 23), so a
plan beyond the tolerance either way is not refused: it needs a written reason before it is submitted, and is
counted in the budget-gap figures.
"""

from dataclasses import dataclass
from decimal import Decimal

from config.money import MINUS, annual, display, pounds

HOURLY = "hourly"  # hours a week at an hourly rate
WEEKLY = "weekly"  # an amount a week
ONE_OFF = "one_off"  # an amount once

HUNDRED = Decimal(100)


class ImpossibleCost(ValueError):
    """A cost no plan could have: negative, or hours a week beyond the hours in a week."""


@dataclass(frozen=True)
class Cost:
    """How one item is paid for. `amount` is the weekly amount or the one-off cost; `hours` and `rate` are used
    for hourly support."""

    basis: str
    amount: Decimal = Decimal(0)
    hours: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)

    def __post_init__(self):
        if self.basis not in (HOURLY, WEEKLY, ONE_OFF):
            raise ImpossibleCost(f"Unknown way of costing: {self.basis}")
        if min(self.amount, self.hours, self.rate) < 0:
            raise ImpossibleCost("A cost cannot be less than nothing")
        if self.hours > 168:
            raise ImpossibleCost("There are 168 hours in a week")

    @property
    def weekly(self) -> Decimal:
        """What it costs each week: nothing for a one-off cost."""
        if self.basis == HOURLY:
            return pounds(self.hours * self.rate)
        if self.basis == WEEKLY:
            return pounds(self.amount)
        return Decimal("0.00")

    @property
    def once(self) -> Decimal:
        return pounds(self.amount) if self.basis == ONE_OFF else Decimal("0.00")

    @property
    def in_words(self) -> str:
        """How every page and letter says it: "7.5 hours a week at £24.10 an hour: £180.75 a week", "£35.00 a
        week" or "£240.00 once"."""
        if self.basis == HOURLY:
            hours = f"{self.hours.normalize():f}"
            return f"{hours} hours a week at {display(self.rate)} an hour: {display(self.weekly)} a week"
        if self.basis == ONE_OFF:
            return f"{display(self.once)} once"
        return f"{display(self.weekly)} a week"


@dataclass(frozen=True)
class Totals:
    weekly: Decimal
    one_off: Decimal

    @property
    def annual(self) -> Decimal:
        return annual(self.weekly) + self.one_off


def totals(costs) -> Totals:
    """The plan's running total: the sum of its items' weekly costs, and of its one-off costs."""
    costs = list(costs)
    return Totals(
        weekly=sum((cost.weekly for cost in costs), Decimal("0.00")),
        one_off=sum((cost.once for cost in costs), Decimal("0.00")),
    )


@dataclass(frozen=True)
class Tolerance:
    """How far a plan may differ from the indicative budget, in per cent of it, before a reason must be written:
    one figure above, one below (a plan far below may leave needs unmet)."""

    above_percent: Decimal
    below_percent: Decimal


@dataclass(frozen=True)
class Gap:
    pounds: Decimal  # annual: the plan less the indicative budget
    percent: Decimal | None  # of the indicative budget; None when there is no budget to compare with
    beyond_tolerance: bool

    @property
    def above(self) -> bool:
        return self.pounds > 0

    @property
    def below(self) -> bool:
        return self.pounds < 0

    @property
    def percent_text(self) -> str:
        """The percentage signed either way, with a true minus sign as money is written: "+10.2%", "−17.7%"."""
        if self.percent is None:
            return ""
        sign = "+" if self.percent > 0 else MINUS if self.percent < 0 else ""
        return f"{sign}{abs(self.percent)}%"


def gap(plan_annual: Decimal, indicative_annual: Decimal | None, tolerance: Tolerance) -> Gap | None:
    """The plan's gap to the indicative budget. No budget, no gap (None). A budget of nothing makes any cost
    beyond tolerance, as it cannot be a percentage of nothing."""
    if indicative_annual is None:
        return None
    difference = plan_annual - indicative_annual
    if indicative_annual == 0:
        return Gap(difference, None, beyond_tolerance=difference != 0)
    limit = tolerance.above_percent if difference > 0 else tolerance.below_percent
    beyond = abs(difference) * HUNDRED > limit * indicative_annual  # exact: the shown percentage is rounded
    return Gap(difference, (difference * HUNDRED / indicative_annual).quantize(Decimal("0.1")), beyond)
