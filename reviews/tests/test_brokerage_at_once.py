"""Two brokers choosing offers for one request at the same moment, and two presses of "Ask for help", in real
database sessions: one choice is made (the other told which), and one request."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from reviews import brokerage_services as services
from reviews.brokerage_models import BrokerageRequest
from reviews.tests.conftest import agreed_plan
from reviews.tests.test_brokerage import HOME_CARE, two_offers
from support_planning.models import PlanItem

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*acts) -> list[str]:
    start = threading.Barrier(len(acts))
    results: list[str] = []

    def run(act):
        try:
            start.wait(timeout=10)
            act()
            results.append("done")
        except services.CannotBroker as refused:
            results.append(str(refused))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(act,)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_presses_make_one_request_and_two_brokers_at_once_choose_one_offer(
    budgeted, practitioner, manager, delegation_scheme
):
    case, *_ = budgeted
    plan = agreed_plan(case, practitioner, manager, ways=(HOME_CARE,))
    item = PlanItem.objects.get(outcome__plan=plan, description=HOME_CARE["description"])

    def asking():
        services.ask(actor=practitioner, plan_id=plan.pk, item_id=item.pk, needed_from=timezone.localdate())

    assert at_once(asking, asking) == ["done", "done"]
    request = BrokerageRequest.objects.get()
    first, second = two_offers(practitioner, request)

    results = at_once(
        lambda: services.choose(actor=practitioner, request_id=request.pk, approach_id=first.pk),
        lambda: services.choose(actor=manager, request_id=request.pk, approach_id=second.pk),
    )

    assert results.count("done") == 1
    request.refresh_from_db()
    item.refresh_from_db()
    assert item.provider == request.chosen.provider
    refused = next(message for message in results if message != "done")
    assert f"An offer was chosen already: {request.chosen.provider}" in refused
    assert case.events.filter(milestone="brokerage_offer_chosen").count() == 1
