"""A changed plan's support replacing the earlier plan's, as a plain rule: what becomes of each order still running
under the earlier plan when the new plan's support starts.

- The new plan carries the item on unchanged (the same support, from the same provider, at the same hours, rate and
  cost, managed the same way): the order carries on as it is, with its number, and nothing is sent; the provider
  is not told an end and a new order for the same support.
- Another provider gives it under the new plan: the order ends the day before, as when a provider takes over.
- The item changed (hours, rate, what, when) or was dropped: the order ends the day before; whatever the new plan
  asks of a provider comes with its own order.

An item of the new plan carries on an earlier one when it was copied from it, version after version (a changed plan
starts as a copy of the agreed one: `PlanItem.copied_from`); an item deleted and typed again is a new one.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from reviews.ending import EndReason
from reviews.providers import provider_key


@dataclass(frozen=True)
class Offered:
    """An item of the new plan a provider would be ordered for, as the rule compares it: its provider (as go-live
    would order it), what it costs, whether the provider holds the money (an individual service fund), and its
    terms (what, when, hours and rate)."""

    item: int
    provider: str
    weekly: Decimal
    once: Decimal
    fund_holder: bool
    terms: tuple

    def same_support(self, other: "Offered") -> bool:
        """The same provider asked for the same, on the same terms and at the same cost."""
        return provider_key(self.provider) == provider_key(other.provider) and (
            self.weekly,
            self.once,
            self.fund_holder,
            self.terms,
        ) == (other.weekly, other.once, other.fund_holder, other.terms)


@dataclass(frozen=True)
class Ordered(Offered):
    """An order still running under the earlier plan, as the rule compares it (its terms from its item)."""

    order: int = 0


@dataclass
class Replacement:
    """What the new plan's support does to the earlier plan's orders: those carried on, each to the new plan's item
    (order → item), and those ended, each with why."""

    carried: dict[int, int] = field(default_factory=dict)
    ended: dict[int, str] = field(default_factory=dict)


def terms_of(item) -> tuple:
    """What an order asks of its provider, from its item: what, when, and how it is costed."""
    return (
        item.description.strip(),
        item.who_and_when.strip(),
        item.basis,
        item.hours,
        item.rate,
        item.amount,
    )


def ordered(order) -> Ordered:
    """A running `ServiceOrder` (with its item) as the rule compares it."""
    return Ordered(
        order.item_id,
        order.provider,
        order.weekly,
        order.once,
        order.fund_holder,
        terms_of(order.item),
        order=order.pk,
    )


def offered(item, *, provider: str, fund_holder: bool) -> Offered:
    """An item of the new plan, to be ordered from `provider`, as the rule compares it."""
    cost = item.cost
    return Offered(item.pk, provider, cost.weekly, cost.once, fund_holder, terms_of(item))


def carried_to(earlier: set[int], copied_from: dict[int, int | None], later: list[int]) -> dict[int, int]:
    """For each item of the `later` plan copied, through any versions between, from one of the `earlier` items:
    earlier item → later item. `copied_from` gives each item's source (every version's items)."""
    found = {}
    for item in later:
        source = copied_from.get(item)
        seen = set()
        while source is not None and source not in earlier and source not in seen:
            seen.add(source)
            source = copied_from.get(source)
        if source in earlier:
            found[source] = item
    return found


def replacing(orders: list[Ordered], offered: list[Offered], carried_items: dict[int, int]) -> Replacement:
    """What becomes of each running order of the earlier plan (the rule above). `carried_items` maps the earlier
    plan's items to the new plan's items copied from them (`carried_to`)."""
    by_item = {one.item: one for one in offered}
    result = Replacement()
    for order in orders:
        later = by_item.get(carried_items.get(order.item))
        if later is None:
            result.ended[order.order] = EndReason.PLAN_CHANGED
        elif provider_key(later.provider) != provider_key(order.provider):
            result.ended[order.order] = EndReason.NEW_PROVIDER
        elif later.same_support(order):
            result.carried[order.order] = later.item
        else:
            result.ended[order.order] = EndReason.PLAN_CHANGED
    return result


def last_day(*, starts_on: datetime.date, earlier_started: datetime.date) -> datetime.date:
    """The earlier support's last day: the day before the new plan's starts, never before it began itself."""
    return max(starts_on - datetime.timedelta(days=1), earlier_started)
