"""Brokerage's rules, as plain functions: which items of a plan a broker can find a provider for, when support may
be asked for and offered, and whether an offer may be chosen. Each problem names the field it is about, for the
message beside it."""

import datetime
from decimal import Decimal

from cases.identifiers import normalise_postcode
from config.money import display
from support_planning.models import Management, PlanItem

# Why nothing more is done on a request whose plan a later version replaced.
REPLACED = (
    "The plan this was asked for has been replaced by a later version. If a provider is still needed, ask again "
    "from the agreed plan"
)

# Support is arranged for the months ahead, as go-live starts it: no further ahead than this.
FURTHEST_AHEAD = datetime.timedelta(days=183)


def can_be_brokered(item: PlanItem) -> bool:
    """Support bought week by week: paid support that costs the budget something, not a one-off purchase (which
    is bought, not arranged with a provider)."""
    return item.management != Management.NOT_PAID and item.basis != PlanItem.Basis.ONE_OFF


def area_of(postcode: str) -> str:
    """Where the person lives, as a broker tells a provider: the postcode's district ("NR3"), never the full
    postcode, however the postcode was typed ("nr31ab" is in NR3)."""
    tidy = normalise_postcode(postcode)
    return tidy.split()[0] if tidy else ""


def needed_from_problems(*, needed_from: datetime.date, today: datetime.date) -> dict[str, str]:
    if needed_from < today:
        return {"needed_from": "The date the support is needed from must be today or in the future"}
    if needed_from > today + FURTHEST_AHEAD:
        return {"needed_from": "The date the support is needed from must be within the next 6 months"}
    return {}


def offer_problems(
    *,
    starts_on: datetime.date | None,
    held_until: datetime.date | None,
    hours: Decimal | None,
    rate: Decimal | None,
    today: datetime.date,
) -> dict[str, str]:
    """What is wrong with an offer as recorded: it starts today or later (within 6 months), the provider holds
    it no later than the day it starts, and it has hours and a rate."""
    problems = {}
    if starts_on is None:
        problems["starts_on"] = "Enter the day the provider can start"
    elif starts_on < today:
        problems["starts_on"] = "The start date must be today or in the future"
    elif starts_on > today + FURTHEST_AHEAD:
        problems["starts_on"] = "The start date must be within the next 6 months"
    if held_until is not None:
        if held_until < today:
            problems["held_until"] = "The date they hold the offer until must be today or in the future"
        elif starts_on is not None and held_until > starts_on:
            problems["held_until"] = "The date they hold the offer until must be on or before the start date"
    if hours is None:
        problems["hours"] = "Enter the hours a week they offer"
    elif hours <= 0:
        problems["hours"] = "Hours a week must be more than 0"
    if rate is None:
        problems["rate"] = "Enter their hourly rate"
    elif rate <= 0:
        problems["rate"] = "Hourly rate must be more than £0"
    return problems


def choice_problem(*, weekly: Decimal, agreed_weekly: Decimal) -> str:
    """Why an offer cannot be chosen, or "": one that costs more than the plan agreed for the item would spend
    more than the personal budget that was signed off, so the plan changes first (and is signed off again)."""
    if weekly > agreed_weekly:
        return (
            f"This offer costs {display(weekly)} a week, more than the {display(agreed_weekly)} a week agreed for "
            "this in the plan. Change the plan and have it agreed before choosing it"
        )
    return ""
