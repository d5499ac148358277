"""The online estimate, for people deciding whether to get in touch: a likely range, never a promise.

Each area of life is answered "no help", "some help" or "a lot of help". The range runs from the points of the
lighter answers that level covers to the heavier ones (from the questionnaire in force), priced with the RAS in
force; what the person might pay comes from the charging rules at each end of the savings band they choose."""

from dataclasses import dataclass
from decimal import Decimal

from ras import calculation, charging

LEVELS = {"none": "No help", "some": "Some help", "lots": "A lot of help"}
# Which answers (by position, first = 0) each level spans, in every question of the area.
SPAN = {"none": (0, 0), "some": (1, 2), "lots": (2, 3)}
SAVINGS = {
    "under": "Less than the lower limit",
    "between": "Between the lower and upper limits",
    "over": "More than the upper limit",
}


@dataclass(frozen=True)
class Estimate:
    low_weekly: Decimal
    high_weekly: Decimal
    pays_low: Decimal | None
    pays_high: Decimal | None
    full_cost: bool


def _points(domains, levels: dict[str, str], end: int) -> dict[str, int]:
    points = {}
    for domain in domains:
        level = levels.get(domain.key, "none")
        position = SPAN[level][end]
        points[domain.key] = sum(
            options[min(position, len(options) - 1)].points
            for options in (list(question.options.all()) for question in domain.questions.all())
        )
    return points


def estimate(
    domains,
    levels: dict[str, str],
    rules: calculation.Rules,
    *,
    savings: str,
    weekly_income: Decimal,
    age: int,
    year: charging.YearFigures,
) -> Estimate:
    low = calculation.indicative_budget(_points(domains, levels, 0), {}, rules).weekly
    high = calculation.indicative_budget(_points(domains, levels, 1), {}, rules).weekly
    if savings == "over":
        return Estimate(low, high, None, None, True)
    capital_low, capital_high = (
        (Decimal(0), year.lower_capital) if savings == "under" else (year.lower_capital, year.upper_capital)
    )

    def pays(capital: Decimal, cost: Decimal) -> Decimal:
        means = charging.Means(age=age, capital=capital, weekly_income=weekly_income)
        return charging.contribution(means, year, weekly_cost=cost).weekly_contribution

    return Estimate(low, high, pays(capital_low, low), pays(capital_high, high), False)
