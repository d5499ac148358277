"""The financial assessment for care at home (Care and Support (Charging and Assessment of Resources)
Regulations 2014) as plain functions of the person's means and one financial year's figures.

Capital above the upper limit: the person pays the full cost (a self-funder, who may still ask the council to
arrange care). Between the limits: tariff income of £1 a week for every £250, or part of £250. The person keeps
at least the Minimum Income Guarantee for their age and circumstances; disability-related expenditure and
housing costs are allowed; the weekly contribution is never below nothing nor above the cost of the care.

What is never charged for (equipment and minor adaptations up to a cost, reablement's first weeks) is decided at
the front door, where it is arranged: `contact.equipment`, `contact.reablement`, with the limits as dated
configuration in `contact.models.FreeSupportLimits`.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import capfirst

from config.money import display, pounds

TARIFF_STEP = Decimal(250)


class AbsurdMeans(ValueError):
    """A figure no one could have: negative money, an impossible age."""


# Weekly income by type, and whether it counts: earnings and the mobility parts of disability benefits are
# disregarded in full; the care parts count (which is why disability-related expenditure is then allowed).
INCOME_TYPES = {
    "state_pension": ("State Pension", True),
    "private_pension": ("Private or workplace pensions", True),
    "pension_credit": ("Pension Credit", True),
    "disability_care": ("Attendance Allowance, PIP daily living or DLA care", True),
    "other_benefits": ("Universal Credit, ESA and other benefits", True),
    "earnings": ("Earnings from work", False),
    "mobility": ("PIP mobility or DLA mobility", False),
}


def counted_income(items: dict[str, Decimal]) -> tuple[Decimal, list[str]]:
    """The weekly income that counts, and a line for each kind given (saying which are not counted)."""
    total, lines = Decimal(0), []
    for key, (label, counts) in INCOME_TYPES.items():
        amount = items.get(key) or Decimal(0)
        if amount < 0:
            raise AbsurdMeans(f"{label} cannot be less than nothing")
        if not amount:
            continue
        if counts:
            total += amount
            lines.append(f"{label}: {display(amount)}")
        else:
            lines.append(f"{label}: {display(amount)}, not counted")
    return total, lines


@dataclass(frozen=True)
class YearFigures:
    """One financial year's figures (e.g. 2025/26), set by DHSC circular and the council."""

    label: str
    upper_capital: Decimal
    lower_capital: Decimal
    mig_18_24: Decimal
    mig_25_to_pension_age: Decimal
    mig_pension_age: Decimal
    disability_premium: Decimal
    enhanced_disability_premium: Decimal
    pension_credit_age: int
    standard_dre: Decimal


@dataclass(frozen=True)
class Means:
    age: int
    capital: Decimal  # savings and investments; the home a person lives in is disregarded for care at home
    weekly_income: Decimal  # income that counts (benefits and pensions assessed as income)
    disability_premium: bool = False
    enhanced_disability_premium: bool = False
    dre: Decimal | None = None  # itemised disability-related expenditure; None: the standard allowance
    housing_costs: Decimal = Decimal(0)
    income_lines: tuple[str, ...] = ()  # the income by kind, for the explanation

    @classmethod
    def from_income(cls, items: dict[str, Decimal], **means) -> "Means":
        """Means whose weekly income is given by kind (INCOME_TYPES): what counts is added up here."""
        total, lines = counted_income(items)
        return cls(weekly_income=total, income_lines=tuple(lines), **means)


@dataclass(frozen=True)
class Voice:
    """Whom the explanation speaks of: the person themselves (their letter, the online estimate) or the person by
    name (the finance officer's screen)."""

    name: str = ""

    @property
    def pays(self) -> str:
        return f"{self.name} pays" if self.name else "you pay"

    @property
    def keeps(self) -> str:
        return f"{self.name} keeps" if self.name else "you keep"

    @property
    def their(self) -> str:
        return "their" if self.name else "your"

    @property
    def they(self) -> str:
        return "They" if self.name else "You"


YOU = Voice()


@dataclass(frozen=True)
class Contribution:
    full_cost: bool
    tariff_income: Decimal
    minimum_income_guarantee: Decimal
    weekly_contribution: Decimal
    council_share: Decimal
    explanation: list[str] = field(default_factory=list)


def tariff_income(capital: Decimal, year: YearFigures) -> Decimal:
    """£1 a week for every £250, or part of £250, above the lower limit (up to the upper limit)."""
    above = min(capital, year.upper_capital) - year.lower_capital
    if above <= 0:
        return Decimal(0)
    return Decimal(math.ceil(above / TARIFF_STEP))


def minimum_income_guarantee(means: Means, year: YearFigures) -> Decimal:
    if means.age >= year.pension_credit_age:
        return year.mig_pension_age
    base = year.mig_18_24 if means.age < 25 else year.mig_25_to_pension_age
    if means.disability_premium:
        base += year.disability_premium
    if means.enhanced_disability_premium:
        base += year.enhanced_disability_premium
    return base


def _check(means: Means) -> None:
    if not 18 <= means.age <= 130:
        raise AbsurdMeans("The person must be an adult: check the date of birth")
    for name in ("capital", "weekly_income", "housing_costs"):
        if getattr(means, name) < 0:
            raise AbsurdMeans(f"{name.replace('_', ' ').capitalize()} cannot be less than nothing")
    if means.dre is not None and means.dre < 0:
        raise AbsurdMeans("Disability-related expenditure cannot be less than nothing")


def contribution(
    means: Means, year: YearFigures, *, weekly_cost: Decimal, voice: Voice = YOU
) -> Contribution:
    """What the person pays a week towards care costing `weekly_cost`, and what the council pays, explained in
    `voice`."""
    _check(means)
    weekly_cost = pounds(weekly_cost)
    if means.capital > year.upper_capital:
        return Contribution(
            full_cost=True,
            tariff_income=Decimal(0),
            minimum_income_guarantee=Decimal(0),
            weekly_contribution=weekly_cost,
            council_share=Decimal("0.00"),
            explanation=[
                f"Capital of {display(means.capital)} is above the upper limit of {display(year.upper_capital)}: "
                f"{voice.pays} the full cost of {voice.their} care. "
                f"{voice.they} can still ask us to arrange it."
            ],
        )
    tariff = tariff_income(means.capital, year)
    mig = minimum_income_guarantee(means, year)
    dre = year.standard_dre if means.dre is None else means.dre
    available = means.weekly_income + tariff - mig - dre - means.housing_costs
    weekly = pounds(min(max(available, Decimal(0)), weekly_cost))
    explanation = [
        f"Weekly income that counts: {display(means.weekly_income)}",
        *means.income_lines,
        f"Tariff income from capital of {display(means.capital)}: {display(tariff)}"
        + ("" if tariff else f" (at or below the lower limit of {display(year.lower_capital)})"),
        f"Minimum Income Guarantee {voice.keeps}: −{display(mig)}",
        f"Disability-related expenditure{' (standard allowance)' if means.dre is None else ''}: −{display(dre)}",
    ]
    if means.housing_costs:
        explanation.append(f"Housing costs: −{display(means.housing_costs)}")
    if available > weekly_cost:
        explanation.append(f"Capped at the cost of {voice.their} care, {display(weekly_cost)} a week")
    explanation.append(
        f"{capfirst(voice.pays)} {display(weekly)} a week; the council pays {display(weekly_cost - weekly)}"
    )
    return Contribution(False, tariff, mig, weekly, weekly_cost - weekly, explanation)
