"""When a plan is for the complex support planning team: the council's criteria as data, and a plain function that
says which of them a plan meets and whether referral is offered or required.

Seed 002 found complex cases were not passed to the specialist team; seed 003 asks that simple plans stay simple.
So each criterion either offers referral (the worker may keep the plan) or requires it (the plan cannot be
submitted by a worker outside the complex team).
"""

from dataclasses import dataclass
from decimal import Decimal

from config.money import display

OFFER = "offer"
REQUIRE = "require"


@dataclass(frozen=True)
class Criteria:
    """A council's criteria. Each threshold may be absent (None or empty: that criterion is not used)."""

    annual_cost_above: Decimal | None = None
    annual_cost_strength: str = OFFER
    panel_risk_strength: str = REQUIRE
    providers_at_least: int | None = None
    providers_strength: str = OFFER
    support_reasons: frozenset[str] = frozenset()
    support_reasons_strength: str = OFFER


@dataclass(frozen=True)
class PlanFacts:
    annual_cost: Decimal
    risks_for_panel: int
    providers: int
    support_reason: str = ""


@dataclass(frozen=True)
class Reason:
    text: str
    strength: str

    @property
    def required(self) -> bool:
        return self.strength == REQUIRE


def reasons(facts: PlanFacts, criteria: Criteria) -> list[Reason]:
    """Each criterion the plan meets, in words a worker understands; empty for a simple plan."""
    found = []
    if criteria.annual_cost_above is not None and facts.annual_cost > criteria.annual_cost_above:
        found.append(
            Reason(
                f"The plan costs {display(facts.annual_cost)} a year, more than "
                f"{display(criteria.annual_cost_above)}",
                criteria.annual_cost_strength,
            )
        )
    if facts.risks_for_panel:
        risks = "A risk is" if facts.risks_for_panel == 1 else f"{facts.risks_for_panel} risks are"
        found.append(Reason(f"{risks} marked for the risk enablement panel", criteria.panel_risk_strength))
    if criteria.providers_at_least is not None and facts.providers >= criteria.providers_at_least:
        found.append(Reason(f"Support comes from {facts.providers} providers", criteria.providers_strength))
    if facts.support_reason and facts.support_reason in criteria.support_reasons:
        found.append(
            Reason(f"Primary support reason: {facts.support_reason}", criteria.support_reasons_strength)
        )
    return found


def referral_required(found: list[Reason]) -> bool:
    return any(reason.required for reason in found)
