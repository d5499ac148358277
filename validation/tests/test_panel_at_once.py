"""Two managers recording the panel's decision on one referral at the same moment, in two real database sessions:
one decision is recorded, and the other manager is told who recorded it and when."""

import threading

import pytest
from django.db import connection

from validation import panel_services
from validation.models import PanelDecision, PanelReferral
from validation.tests.panel_factories import held, meeting_in, referred

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_managers_at_once_make_one_decision_and_the_second_is_told(
    plan_with_a_risk, practitioner, manager, service_manager
):
    meeting = meeting_in(1)
    referral = referred(plan_with_a_risk, practitioner, plan_with_a_risk.risks.get())
    held(meeting)
    start = threading.Barrier(2)
    results: dict[str, str] = {}

    def record(actor, outcome):
        try:
            start.wait(timeout=10)
            panel_services.record_decision(
                actor=actor,
                referral_id=referral.pk,
                outcome=outcome,
                reasons=f"{actor.username} says",
                actions=[],
            )
            results[actor.username] = "recorded"
        except panel_services.CannotPanel as refused:
            results[actor.username] = str(refused)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=record, args=(manager, PanelDecision.Outcome.ACCEPTED)),
        threading.Thread(target=record, args=(service_manager, PanelDecision.Outcome.NOT_ACCEPTED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results) == [manager.username, service_manager.username]
    assert list(results.values()).count("recorded") == 1
    [decision] = PanelDecision.objects.all()
    refused = next(message for message in results.values() if message != "recorded")
    assert refused.startswith(f"{decision.decided_by.display_name} recorded the panel’s decision at ")
    assert refused.endswith("yours was not recorded")
    assert decision.reasons == f"{decision.decided_by.username} says"
    assert PanelReferral.objects.get().status == PanelReferral.Status.DECIDED
    assert plan_with_a_risk.case.events.filter(milestone="panel_decided").count() == 1
