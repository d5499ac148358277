"""Plans sent for sign-off at a chosen annual cost, for the validation tests."""

from decimal import Decimal as D

import pytest

from support_planning import services as plan_services
from support_planning.models import Management, PlanItem, SupportPlan
from support_planning.tests.conftest import budgeted  # noqa: F401 (a fixture these tests use)
from support_planning.tests.factories import budgeted_case  # noqa: F401 (for tests of several cases)
from validation.tests.panel_factories import plan_with_a_risk  # noqa: F401 (a fixture the panel's tests use)

WEEKS = 52


def sent_for_sign_off(case, actor, *, annual: D, kind: str = PlanItem.Kind.PAID) -> SupportPlan:
    """The case's plan, written by `actor` with one paid item of `kind` costing `annual` a year in all (a year of
    whole pounds a week and the rest once) and family help for every other outcome, sent for sign-off."""
    plan = plan_services.start_plan(actor=actor, case_id=case.pk)
    weekly = (annual // WEEKS).quantize(D("1"))
    for index, outcome in enumerate(plan.outcomes.all()):
        plan.refresh_from_db()
        details = (
            {
                "kind": kind,
                "description": "Care at home each morning",
                "management": Management.COUNCIL_MANAGED,
                "basis": PlanItem.Basis.WEEKLY,
                "amount": weekly,
            }
            if index == 0
            else {
                "kind": PlanItem.Kind.FAMILY,
                "description": "My son cooks",
                "management": Management.NOT_PAID,
            }
        )
        plan_services.save_item(
            actor=actor, plan_id=plan.pk, seen_version=plan.version, outcome_id=outcome.pk, details=details
        )
        if index == 0 and annual - weekly * WEEKS:
            plan.refresh_from_db()
            plan_services.save_item(
                actor=actor,
                plan_id=plan.pk,
                seen_version=plan.version,
                outcome_id=outcome.pk,
                details={
                    "kind": PlanItem.Kind.EQUIPMENT,
                    "description": "A riser chair",
                    "management": Management.COUNCIL_MANAGED,
                    "basis": PlanItem.Basis.ONE_OFF,
                    "amount": annual - weekly * WEEKS,
                },
            )
    plan.refresh_from_db()
    plan_services.submit(
        actor=actor,
        plan_id=plan.pk,
        seen_version=plan.version,
        gap_reason="Two carers are needed each morning",
    )
    plan.refresh_from_db()
    assert plan.annual_cost == annual
    return plan


@pytest.fixture
def case_to_sign_off(budgeted, delegation_scheme):  # noqa: F811
    """The budgeted case (of the North locality team), with the delegation scheme in force."""
    case, _, _ = budgeted
    return case
