"""The Resource Allocation System as a pure function: an assessment's points and answers, and one RAS version's
rules, give an indicative weekly and annual budget with every step of how it was reached.

The indicative budget is a starting point for planning, never a ceiling (R (KM) v Cambridgeshire [2012] UKSC 23):
a figure above the high-cost threshold is flagged for a closer look, not cut.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from config.money import annual, display, pounds

PER_POINT = "per_point"
BANDS = "bands"
PERCENT = "percent"
WEEKLY = "weekly"


@dataclass(frozen=True)
class Band:
    from_points: int
    to_points: int | None  # None: and above
    weekly: Decimal

    def holds(self, points: int) -> bool:
        return points >= self.from_points and (self.to_points is None or points <= self.to_points)


@dataclass(frozen=True)
class Adjustment:
    """Applies when the answer to one question is at or beyond an option (by its order), e.g. "support of two"
    when moving about needs two people; a percentage of the points money, or a weekly amount."""

    label: str
    domain: str
    question: str
    from_option: int
    kind: str  # PERCENT or WEEKLY
    value: Decimal

    def applies(self, chosen: dict[tuple[str, str], int]) -> bool:
        return chosen.get((self.domain, self.question), 0) >= self.from_option


@dataclass(frozen=True)
class Rules:
    money_rule: str
    price_per_point: Decimal = Decimal(0)
    bands: tuple[Band, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    minimum_weekly: Decimal = Decimal(0)
    high_cost_weekly: Decimal | None = None


@dataclass(frozen=True)
class Budget:
    points: int
    points_by_domain: dict
    weekly: Decimal
    annual: Decimal
    high_cost: bool
    explanation: list[str] = field(default_factory=list)


def _points_money(points: int, rules: Rules) -> tuple[Decimal, str]:
    if rules.money_rule == PER_POINT:
        money = points * rules.price_per_point
        return (
            money,
            f"{points} points at {display(rules.price_per_point)} a point: {display(pounds(money))} a week",
        )
    band = next((band for band in rules.bands if band.holds(points)), None)
    if band is None:
        return Decimal(0), f"{points} points are in no band: no money from points"
    upper = f"to {band.to_points}" if band.to_points is not None else "and above"
    return (
        band.weekly,
        f"{points} points are in the band {band.from_points} {upper}: {display(band.weekly)} a week",
    )


def indicative_budget(
    points_by_domain: dict[str, int],
    chosen: dict[tuple[str, str], int],
    rules: Rules,
    *,
    titles: Mapping[str, str] | None = None,
) -> Budget:
    """`points_by_domain`: the assessment's points in each area, by the area's stable key (as the assessment
    keeps them, and as the adjustments name areas); `chosen`: (domain key, question key) -> the order of the
    option chosen (1 for the first), for the adjustments; `titles`: each area's title by key, for the
    explanation only (the key is shown when no title is given)."""
    titles = titles or {}
    points = sum(points_by_domain.values())
    explanation = [
        f"{titles.get(domain, domain)}: {value} points" for domain, value in points_by_domain.items() if value
    ]
    base, line = _points_money(points, rules)
    explanation.append(line)
    weekly = base
    for adjustment in rules.adjustments:
        if not adjustment.applies(chosen):
            continue
        if adjustment.kind == PERCENT:
            change = base * adjustment.value / 100
            sign = "+" if change >= 0 else "−"
            explanation.append(
                f"{adjustment.label}: {adjustment.value:+}% ({sign}{display(pounds(abs(change)))})"
            )
        else:
            change = adjustment.value
            sign = "+" if change >= 0 else "−"
            explanation.append(f"{adjustment.label}: {sign}{display(abs(change))} a week")
        weekly += change
    weekly = max(weekly, Decimal(0))
    if points and weekly < rules.minimum_weekly:
        explanation.append(f"Raised to the minimum of {display(rules.minimum_weekly)} a week")
        weekly = rules.minimum_weekly
    weekly = pounds(weekly)
    high_cost = rules.high_cost_weekly is not None and weekly > rules.high_cost_weekly
    if high_cost:
        explanation.append(
            f"Above the high-cost threshold of {display(rules.high_cost_weekly)} a week: "
            "a senior manager looks at the plan, but the figure is not cut"
        )
    explanation.append(f"Indicative budget: {display(weekly)} a week, {display(annual(weekly))} a year")
    return Budget(points, dict(points_by_domain), weekly, annual(weekly), high_cost, explanation)
