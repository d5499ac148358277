"""Agreed plans for the go-live and review tests."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from reviews import services
from support_planning import services as plan_services
from support_planning.models import Management, PlanItem
from support_planning.tests.conftest import budgeted  # noqa: F401 (a fixture these tests use)
from support_planning.tests.factories import budgeted_case
from validation import services as sign_off

DIRECT_PAYMENT = {
    "kind": PlanItem.Kind.PAID,
    "description": "A personal assistant each morning",
    "management": Management.DIRECT_PAYMENT,
    "basis": PlanItem.Basis.HOURLY,
    "hours": D("7"),
    "rate": D("20.00"),
}
ARRANGED = {
    "kind": PlanItem.Kind.PAID,
    "description": "Lunch delivered on weekdays",
    "provider": "Riverside Home Care",
    "management": Management.COUNCIL_MANAGED,
    "basis": PlanItem.Basis.WEEKLY,
    "amount": D("35.00"),
}


def agreed_plan(case, practitioner, manager, ways=(DIRECT_PAYMENT, ARRANGED)):
    """The case's plan with `ways` for its first outcome and family help for the others, the direct payment (if
    any) to the person every four weeks, sent and agreed by the team manager."""
    plan = plan_services.start_plan(actor=practitioner, case_id=case.pk)
    outcomes = list(plan.outcomes.all())
    for details in ways:
        _add(plan, practitioner, outcomes[0], details)
    for outcome in outcomes[1:]:
        _add(plan, practitioner, outcome, {"kind": PlanItem.Kind.FAMILY, "description": "My son cooks"})
    plan.refresh_from_db()
    plan_services.save_money(
        actor=practitioner,
        plan_id=plan.pk,
        seen_version=plan.version,
        details={"direct_payment_recipient": "person", "direct_payment_frequency": "four_weekly"},
    )
    plan.refresh_from_db()
    plan_services.submit(
        actor=practitioner, plan_id=plan.pk, seen_version=plan.version, gap_reason="Family help"
    )
    sign_off.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    plan.refresh_from_db()
    return plan


def _add(plan, actor, outcome, details):
    plan.refresh_from_db()
    plan_services.save_item(
        actor=actor, plan_id=plan.pk, seen_version=plan.version, outcome_id=outcome.pk, details=details
    )


@pytest.fixture
def agreed(budgeted, practitioner, manager, delegation_scheme):  # noqa: F811
    case, *_ = budgeted
    return agreed_plan(case, practitioner, manager)


def gone_live(plan, practitioner, *, starts_on=None):
    """The plan's support started today (or on `starts_on`), its direct payment signed and first paid that day."""
    day = starts_on or timezone.localdate()
    services.go_live(
        actor=practitioner,
        plan_id=plan.pk,
        starts_on=day,
        direct_payment=services.DirectPaymentStart(day, day)
        if plan.personal_budget.direct_payment_each
        else None,
    )
    plan.case.refresh_from_db()
    return plan


@pytest.fixture
def citizens_live_plan(practitioner, manager, citizen_case, questionnaire, ras_version, delegation_scheme):
    """The citizen's own case with its agreed plan's support in place: a direct payment, and an order for lunches
    to Riverside Home Care; the first review scheduled 6 to 8 weeks on."""
    case, *_ = budgeted_case(practitioner, citizen_case)
    return gone_live(agreed_plan(case, practitioner, manager), practitioner)
