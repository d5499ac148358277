"""Financial assessments for other stages' tests."""

from decimal import Decimal

from ras import charging_services


def pays_the_full_cost(case, finance_officer, *, weekly_cost=Decimal("154")):
    """A confirmed financial assessment of the case that finds the person pays the full cost (capital well above
    the upper limit): a self-funder."""
    draft = charging_services.assess_means(
        actor=finance_officer,
        case=case,
        details={
            "capital": Decimal("90000"),
            "disability_premium": False,
            "enhanced_disability_premium": False,
            "dre": None,
            "housing_costs": Decimal(0),
            "weekly_cost": weekly_cost,
            "income_items": {},
        },
        seen_version=0,
    )
    return charging_services.confirm(actor=finance_officer, financial_assessment_id=draft.pk)
