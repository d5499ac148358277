"""Light-touch monitoring of a direct payment: now and then (at its reviews, or whenever the person wants) the person
or their worker says how much is in the direct payment account and whether any of it paid for something not in the
plan. Nothing is audited month by month; a return is flagged only when it is material, by the council's planning
rules in force (support_planning.PlanningRules): money building up beyond so many weeks of payments, or more than
so much spent on things outside the plan. Plain functions, tested without a database."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from config.money import WEEKS_IN_A_YEAR, display, pounds
from reviews import schedule
from support_planning.models import Frequency

STEP_DAYS = {Frequency.WEEKLY: 7, Frequency.FOUR_WEEKLY: 28}


def weekly_equivalent(amount: Decimal, frequency: str) -> Decimal:
    """What a payment of `amount` at `frequency` comes to a week (a month's payment is a twelfth of a year's)."""
    if frequency == Frequency.MONTHLY:
        return pounds(amount * 12 / WEEKS_IN_A_YEAR)
    return pounds(amount / (STEP_DAYS[frequency] // 7))


def payment_days(
    first: datetime.date, frequency: str, *, until: datetime.date, ends_on: datetime.date | None = None
) -> list[datetime.date]:
    """The days payments are made, from the first, up to and including `until` (and never after the last day the
    direct payment is paid for)."""
    last = min(until, ends_on) if ends_on else until
    days, n = [], 0
    while True:
        if frequency == Frequency.MONTHLY:
            day = schedule.add_months(first, n)
        else:
            day = first + datetime.timedelta(days=STEP_DAYS[frequency] * n)
        if day > last:
            return days
        days.append(day)
        n += 1


def paid_in(
    *,
    first: datetime.date,
    frequency: str,
    amount: Decimal,
    once: Decimal,
    since: datetime.date,
    until: datetime.date,
    ends_on: datetime.date | None = None,
) -> Decimal:
    """What the council paid into the account from `since` to `until`, both included: each payment made in those
    days, and the one-off sum paid with the first payment when that falls in them."""
    days = [day for day in payment_days(first, frequency, until=until, ends_on=ends_on) if day >= since]
    return pounds(amount * len(days) + (once if first in days else 0))


@dataclass(frozen=True)
class Materiality:
    """When a return is worth a worker's look (the planning rules in force): money held beyond `surplus_weeks` of
    payments, or more than `outside_plan_most` spent on things not in the plan. None turns that check off."""

    surplus_weeks: int | None
    outside_plan_most: Decimal | None


@dataclass(frozen=True)
class Flag:
    """Something in a return for the worker to look at, in the words the review page shows."""

    code: str
    words: str


SURPLUS, OUTSIDE_PLAN = "surplus", "outside_plan"


def flags(*, balance: Decimal, weekly: Decimal, outside_plan: Decimal, rules: Materiality) -> list[Flag]:
    """What is material in a return: nothing, most of the time."""
    found = []
    if rules.surplus_weeks is not None and balance > weekly * rules.surplus_weeks:
        found.append(
            Flag(
                SURPLUS,
                f"{display(balance)} in the account is more than {rules.surplus_weeks} weeks of payments "
                f"({display(pounds(weekly * rules.surplus_weeks))}): talk about whether the payment is right, or "
                "about the council taking some back",
            )
        )
    if rules.outside_plan_most is not None and outside_plan > rules.outside_plan_most:
        found.append(
            Flag(
                OUTSIDE_PLAN,
                f"{display(outside_plan)} spent on things not in the plan, more than "
                f"{display(rules.outside_plan_most)}: talk about what it paid for and whether the plan should "
                "change",
            )
        )
    return found
