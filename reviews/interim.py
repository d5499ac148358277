"""Urgent interim support, as plain rules: support started at once to meet urgent needs before the assessment or
the plan is done (Care Act 2014, section 19(3); a hospital discharge often needs it), for a few weeks at most and
then replaced by the plan's support. Each problem names the field it is about, for the message beside it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from reviews.providers import provider_key

# Urgent support starts now, or within days; anything later is planned, not urgent.
STARTS_WITHIN = datetime.timedelta(days=7)


def weeks_allowed() -> int:
    """How long interim support may run before it is looked at again (the council's setting: docs/decisions.md)."""
    return settings.INTERIM_SUPPORT_WEEKS


def last_day_allowed(starts_on: datetime.date, weeks: int) -> datetime.date:
    """Started on a Monday, six weeks run to the Sunday five weeks later (as reablement's free weeks do)."""
    return starts_on + datetime.timedelta(weeks=weeks) - datetime.timedelta(days=1)


def start_problems(
    *, starts_on: datetime.date, ends_on: datetime.date, today: datetime.date, weeks: int
) -> dict[str, str]:
    """A start today or within the week (or recorded late, within the limit), and an end date after it, no more
    than the council's limit on."""
    problems = {}
    if starts_on > today + STARTS_WITHIN:
        problems["starts_on"] = (
            "Urgent support must start within the next 7 days: plan support that starts later"
        )
    elif starts_on < today - datetime.timedelta(weeks=weeks):
        problems["starts_on"] = f"The start date must be within the last {weeks} weeks"
    if ends_on < starts_on:
        problems["ends_on"] = "The end date must be on or after the start date"
    elif ends_on > last_day_allowed(starts_on, weeks):
        problems["ends_on"] = (
            f"The end date must be no more than {weeks} weeks after the start, "
            f"by {last_day_allowed(starts_on, weeks):%-d %B %Y}: extend it later, with a reason, if it is needed"
        )
    return problems


def extension_problems(*, ends_on: datetime.date, new_end: datetime.date, weeks: int) -> dict[str, str]:
    """A later end, by at most the council's limit at a time."""
    if new_end <= ends_on:
        return {"ends_on": f"The new end date must be after the current one, {ends_on:%-d %B %Y}"}
    if new_end > ends_on + datetime.timedelta(weeks=weeks):
        return {
            "ends_on": f"An extension can be up to {weeks} weeks at a time, to {ends_on + datetime.timedelta(weeks=weeks):%-d %B %Y}"
        }
    return {}


@dataclass(frozen=True)
class Ordered:
    """One service the plan's support orders, as compared with the interim support it replaces."""

    provider: str
    weekly: Decimal


def kept_as_it_was(*, provider: str, weekly: Decimal, orders: list[Ordered]) -> bool:
    """Whether the plan's support carries the interim support on unchanged: an order to the same provider at the
    same weekly cost. What seed 003 warns of: the urgent package becoming the long-term one without a plan."""
    return any(
        provider_key(order.provider) == provider_key(provider) and order.weekly == weekly for order in orders
    )
