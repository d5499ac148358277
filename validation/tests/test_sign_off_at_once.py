"""Two approvers deciding one plan at the same moment, in two real database sessions: one decision is recorded,
and the other approver is told who decided first."""

import threading
from decimal import Decimal as D

import pytest
from django.db import connection

from support_planning.models import SupportPlan
from validation import services
from validation.models import SignOffDecision
from validation.tests.conftest import sent_for_sign_off

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_approvers_at_once_make_one_decision_and_the_second_is_told(
    case_to_sign_off, practitioner, manager, service_manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    start = threading.Barrier(2)
    results: dict[str, str] = {}

    def decide(name, act):
        try:
            start.wait(timeout=10)
            act()
            results[name] = "decided"
        except services.CannotDecide as refused:
            results[name] = str(refused)
        finally:
            connection.close()

    agree = threading.Thread(
        target=decide,
        args=("manager", lambda: services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)),
    )
    give_back = threading.Thread(
        target=decide,
        args=(
            "service_manager",
            lambda: services.return_for_changes(
                actor=service_manager, plan_id=plan.pk, seen_decisions=0, reasons="Check the hours"
            ),
        ),
    )
    for thread in (agree, give_back):
        thread.start()
    for thread in (agree, give_back):
        thread.join(timeout=60)

    assert sorted(results) == ["manager", "service_manager"]
    assert list(results.values()).count("decided") == 1
    [decision] = SignOffDecision.objects.all()
    refused = next(message for message in results.values() if message != "decided")
    assert decision.decided_by.display_name in refused and "your decision was not recorded" in refused
    plan.refresh_from_db()
    expected = SupportPlan.Status.AGREED if decision.outcome == "agreed" else SupportPlan.Status.RETURNED
    assert plan.status == expected
