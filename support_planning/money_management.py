"""How the money in a plan is managed (the Care Act's options, also the Client Level Data delivery mechanism), item
by item, and what the direct payment comes to.

Each paid item is managed one way: a direct payment, services the council arranges, or an individual service fund
a named provider holds; a plan may mix them. Support from family, friends and free community services costs the
budget nothing and is managed by no one.

The person's weekly contribution (from the financial assessment, never more than the plan's weekly cost) is taken
from the direct payment first, so the direct payment is paid net of it; what the direct payment cannot absorb is
billed to the person for the services the council arranges or the provider holds. The council's share is the
rest.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models

from config.money import WEEKS_IN_A_YEAR, pounds

ZERO = Decimal("0.00")


class Management(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", "Direct payment"
    COUNCIL_MANAGED = "council_managed", "Arranged by the council"
    SERVICE_FUND = "service_fund", "Individual service fund held by a provider"
    NOT_PAID = "not_paid", "No cost to the budget"


class Recipient(models.TextChoices):
    """Who receives a direct payment."""

    PERSON = "person", "The person"
    NOMINATED = "nominated", "A nominated person, for the person"
    AUTHORISED = "authorised", "An authorised person (the person lacks capacity to consent)"
    MANAGED_ACCOUNT = "managed_account", "A managed account"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FOUR_WEEKLY = "four_weekly", "Every four weeks"
    MONTHLY = "monthly", "Every month"


def per_payment(weekly: Decimal, frequency: str) -> Decimal:
    """A weekly amount paid at a frequency: four weeks' worth, or a twelfth of a year's."""
    if frequency == Frequency.WEEKLY:
        return pounds(weekly)
    if frequency == Frequency.FOUR_WEEKLY:
        return pounds(weekly * 4)
    if frequency == Frequency.MONTHLY:
        return pounds(weekly * WEEKS_IN_A_YEAR / 12)
    raise ValueError(f"Unknown frequency: {frequency}")


@dataclass(frozen=True)
class PaidItem:
    management: str
    weekly: Decimal
    once: Decimal = ZERO


@dataclass(frozen=True)
class Split:
    weekly_by_management: dict = field(default_factory=dict)
    contribution: Decimal = ZERO  # weekly, as charged: no more than the plan costs a week
    contribution_from_direct_payment: Decimal = ZERO
    contribution_billed: Decimal = ZERO  # for services the council arranges or a provider holds
    direct_payment_weekly: Decimal = ZERO  # net of the contribution
    direct_payment_once: Decimal = ZERO  # one-off items paid as a direct payment
    council_share: Decimal = ZERO  # weekly

    @property
    def has_direct_payment(self) -> bool:
        return (
            self.direct_payment_weekly > 0
            or self.direct_payment_once > 0
            or self.contribution_from_direct_payment > 0
        )


def split(items, weekly_contribution: Decimal | None) -> Split:
    """Who manages how much of the plan each week, and what the person and the council each pay. No financial
    assessment yet (None) is taken as nothing to pay, for now: the plan page says it is not yet assessed."""
    weekly_by = dict.fromkeys(Management.values, ZERO)
    direct_once = ZERO
    for item in items:
        weekly_by[item.management] += item.weekly
        if item.management == Management.DIRECT_PAYMENT:
            direct_once += item.once
    weekly_total = sum(weekly_by.values(), ZERO)
    contribution = min(weekly_contribution or ZERO, weekly_total)
    direct_gross = weekly_by[Management.DIRECT_PAYMENT]
    from_direct = min(contribution, direct_gross)
    return Split(
        weekly_by_management={key: amount for key, amount in weekly_by.items() if amount},
        contribution=contribution,
        contribution_from_direct_payment=from_direct,
        contribution_billed=contribution - from_direct,
        direct_payment_weekly=direct_gross - from_direct,
        direct_payment_once=direct_once,
        council_share=weekly_total - contribution,
    )
