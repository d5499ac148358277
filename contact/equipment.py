"""Community equipment and minor adaptations: each item costing up to the limit in force is free, whatever the
person's means (Care and Support (Charging and Assessment of Resources) Regulations 2014, regulation 3). Dearer
items are not automatically free: equipment goes to the financial assessment, and an adaptation that large is
no longer minor, so it goes the disabled facilities grant route (the housing authority's means-tested grant).
The limit is configuration (`FreeSupportLimits`), dated."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from contact.models import EquipmentItem


class Route(models.TextChoices):
    FREE = "free", "Free"
    FINANCIAL_ASSESSMENT = "financial_assessment", "Financial assessment"
    DISABLED_FACILITIES_GRANT = "dfg", "Disabled facilities grant"


EXPLANATIONS = {
    Route.FREE: "It costs {limit} or less, so it is free whatever the person's means",
    Route.FINANCIAL_ASSESSMENT: "It costs more than {limit}, so the person may pay towards it after a financial "
    "assessment",
    Route.DISABLED_FACILITIES_GRANT: "It costs more than {limit}, so apply for a disabled facilities grant "
    "through the housing team (means-tested)",
}


# The same, as the person reads it in their summary.
FOR_THE_PERSON = {
    Route.FREE: "Free: it costs {limit} or less",
    Route.FINANCIAL_ASSESSMENT: "You may be asked to pay towards it. We will first work out what you can afford "
    "(a financial assessment)",
    Route.DISABLED_FACILITIES_GRANT: "A larger adaptation: you can apply to the council's housing team for a "
    "disabled facilities grant, which depends on your income and savings",
}

# Where each route's items went, as the case's timeline says it.
WENT = {
    Route.FREE: "free",
    Route.FINANCIAL_ASSESSMENT: "to the financial assessment",
    Route.DISABLED_FACILITIES_GRANT: "for a disabled facilities grant",
}


def pounds_text(amount: Decimal) -> str:
    """£1,000 for whole pounds, £45.50 otherwise: as a price is written."""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def route_for(*, kind: str, cost: Decimal, free_up_to: Decimal) -> Route:
    if cost <= free_up_to:
        return Route.FREE
    if kind == EquipmentItem.Kind.MINOR_ADAPTATION:
        return Route.DISABLED_FACILITIES_GRANT
    return Route.FINANCIAL_ASSESSMENT


@dataclass(frozen=True)
class Decision:
    """One item with where it goes, and why, in words for the adviser and the person."""

    item: EquipmentItem
    route: Route
    free_up_to: Decimal

    @property
    def free(self) -> bool:
        return self.route == Route.FREE

    @property
    def cost_text(self) -> str:
        return pounds_text(self.item.cost)

    @property
    def explanation(self) -> str:
        return explanation(self.route, self.free_up_to)

    @property
    def for_the_person(self) -> str:
        return FOR_THE_PERSON[self.route].format(limit=pounds_text(self.free_up_to))


def decide(items, *, free_up_to: Decimal) -> list[Decision]:
    return [
        Decision(item, route_for(kind=item.kind, cost=item.cost, free_up_to=free_up_to), free_up_to)
        for item in items
    ]


def any_sent_on(decisions: list[Decision]) -> bool:
    """Some item is too dear to be free: its financial assessment or grant is still to come."""
    return not all(decision.free for decision in decisions)


def explanation(route: str, free_up_to: Decimal) -> str:
    return EXPLANATIONS[Route(route)].format(limit=pounds_text(free_up_to))


def summary(decisions: list[Decision]) -> str:
    """A line for the case's timeline: "2 items: 1 free (£45); 1 to the financial assessment (£2,400)"."""
    parts = []
    for route in Route:
        chosen = [decision.item.cost for decision in decisions if decision.route == route]
        if chosen:
            parts.append(f"{len(chosen)} {WENT[route]} ({pounds_text(sum(chosen, Decimal(0)))})")
    count = len(decisions)
    return f"{count} item{'' if count == 1 else 's'}: " + "; ".join(parts)
