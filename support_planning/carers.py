"""Carers' support plans, as plain rules: a carer whose needs were found eligible in a carer's assessment gets a
plan in the same shape as anyone's (outcomes in their words, how each is met and what it costs, the money, risks,
contingency, versions, sign-off and a letter), with what is particular to carers written here.

- **No indicative budget from the RAS.** The council's RAS is calibrated on the adult questionnaire and gives no
  figure for a carer's assessment (an eligible carer's decision goes back to the assessment, not to the budget
  page). A carer's plan therefore starts without one, unless the RAS did give one, and is costed item by item:
  the carer's personal budget is what the support to the carer costs, said as "a one-off payment" when it is all
  one-off costs paid as a direct payment (the usual carer's payment for a break, a course or a gym membership).
  See docs/decisions.md.
- **Support to the person cared for.** Some of a carer's needs are best met by support to the person they care
  for (replacement care, a sitting service). It is named from the case's relationships, never typed; it needs
  that person's agreement (Care Act 2014, s.20(1)(c)); and the carer is never charged for it (s.14(3)): any
  charge is the cared-for person's, under their own financial assessment. The carer's own contribution, if the
  council charges carers at all, is only ever towards the support to the carer.
- **The carer's health.** A carer is eligible when caring puts their health at risk, even when every outcome is
  achieved; the plan then starts with an outcome for their own health, in what they said about caring and their
  health.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from config.money import display
from support_planning import costing, prefill
from support_planning.money_management import Management

# The plan's outcome for a carer whose health caring puts at risk: not one of the regulations' outcomes, so it
# has its own key and words.
HEALTH = "carer_health"
OUTCOMES = {HEALTH: "Looking after the carer’s own physical and mental health, which caring puts at risk"}

ZERO = Decimal("0.00")


def title(*, for_a_carer: bool) -> str:
    return "Carer’s support plan" if for_a_carer else "Support plan"


def health_outcome(
    *, health_at_risk: bool, areas: list[prefill.AreaWords], label: Callable[[str], str] = OUTCOMES.get
) -> list[prefill.StartingOutcome]:
    """The outcome for the carer's own health when the decision found it at risk: in the carer's words from the
    areas that evidence none of the regulations' outcomes (the care they give, their health), each said once."""
    if not health_at_risk:
        return []
    said = []
    for area in areas:
        words = area.person_words.strip()
        if not area.outcomes and words and words not in said:
            said.append(words)
    return [prefill.StartingOutcome(HEALTH, label(HEALTH), "\n\n".join(said))]


@dataclass(frozen=True)
class CaredFor:
    """Someone the carer cares for, as the case's relationships record them."""

    pk: int
    full_name: str
    known_as: str


@dataclass(frozen=True)
class Item:
    """One way an outcome of a carer's plan is met, as the carer's rules read it."""

    description: str
    cost: costing.Cost
    management: str
    cared_for: CaredFor | None = None  # support to the person cared for; None: support to the carer
    cared_for_agrees: bool = False

    @property
    def paid(self) -> bool:
        return self.management != Management.NOT_PAID


@dataclass(frozen=True)
class ToCaredFor:
    """The support one cared-for person is given to meet the carer's needs: charged to them, if at all."""

    person: CaredFor
    totals: costing.Totals

    @property
    def who_pays(self) -> str:
        """Said to the carer."""
        return charging_note_to_the_carer(self.person.known_as)


@dataclass(frozen=True)
class CarerFigures:
    """What a carer's plan adds to its figures: who the carer cares for, the carer's personal budget, the support
    to each person they care for, and what stops the plan going for sign-off."""

    cared_for: tuple[CaredFor, ...]
    for_the_carer: costing.Totals
    to_cared_for: tuple[ToCaredFor, ...] = ()
    one_off_by_direct_payment: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def is_one_off_payment(self) -> bool:
        """The carer's personal budget is a one-off payment: nothing weekly, one-off costs paid to the carer."""
        return (
            self.one_off_by_direct_payment
            and not self.for_the_carer.weekly
            and self.for_the_carer.one_off > 0
        )

    @property
    def budget_in_words(self) -> str:
        """The carer's personal budget, as every page and the letter say it."""
        weekly, once = self.for_the_carer.weekly, self.for_the_carer.one_off
        if self.is_one_off_payment:
            return f"a one-off payment of {display(once)}"
        if weekly and once:
            return f"{display(weekly)} a week, and {display(once)} once"
        if weekly:
            return f"{display(weekly)} a week ({display(self.for_the_carer.annual)} a year)"
        if once:
            return f"{display(once)} once"
        return "nothing yet"


def figures(items: Iterable[Item], cared_for: Iterable[CaredFor]) -> CarerFigures:
    items = list(items)
    own = [item for item in items if item.cared_for is None]
    people = {item.cared_for.pk: item.cared_for for item in items if item.cared_for}
    own_one_offs = [item for item in own if item.paid and item.cost.once]
    return CarerFigures(
        cared_for=tuple(cared_for),
        for_the_carer=costing.totals(item.cost for item in own if item.paid),
        to_cared_for=tuple(
            ToCaredFor(
                person,
                costing.totals(
                    item.cost for item in items if item.paid and item.cared_for and item.cared_for.pk == pk
                ),
            )
            for pk, person in people.items()
        ),
        one_off_by_direct_payment=bool(own_one_offs)
        and all(item.management == Management.DIRECT_PAYMENT for item in own_one_offs),
        problems=problems(items),
    )


def problems(items: Iterable[Item]) -> list[str]:
    """What stops a carer's plan going for sign-off: support to the person cared for without their agreement."""
    return [
        f"Record that {item.cared_for.full_name} agrees to “{item.description}”: support to them needs their "
        "agreement."
        for item in items
        if item.cared_for and not item.cared_for_agrees
    ]


def contribution_payable(weekly_contribution: Decimal | None, items: Iterable[Item]) -> Decimal | None:
    """What the person pays towards the plan each week: their assessed contribution, never more than the weekly
    cost of the support to them. A carer is never charged for support to the person they care for (Care Act
    2014, s.14(3)); any charge for that is the cared-for person's, under their own financial assessment. None:
    not yet assessed."""
    if weekly_contribution is None:
        return None
    own_weekly = sum((item.cost.weekly for item in items if item.paid and item.cared_for is None), ZERO)
    return min(weekly_contribution, own_weekly)


def item_refusal(*, for_a_carer: bool, cared_for_id: int | None, cared_for_ids: Iterable[int]) -> str:
    """Why support cannot go to this person, or nothing: only a carer's plan has support to someone else, and
    only to someone the case's relationships record the carer as caring for."""
    if cared_for_id is None:
        return ""
    if not for_a_carer:
        return "Only a carer’s support plan can include support to the person they care for"
    if cared_for_id not in set(cared_for_ids):
        return (
            "The carer is not recorded as caring for that person: add the relationship on their record first"
        )
    return ""


def charging_note_to_the_carer(cared_for: str) -> str:
    """Who pays for support to the person cared for, said to the carer."""
    return (
        f"This is support for {cared_for}, to help you as a carer. You are not charged for it. If there is a charge, "
        f"it is {cared_for}’s, worked out from their own financial assessment, and only with their agreement."
    )
