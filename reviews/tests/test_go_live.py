"""Go-live: an agreed plan's support started, with the direct payment agreement and the providers' orders made from
what the plan and its personal budget already say; the case in place; the first review scheduled."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from cases.stages import Stage
from reviews import services
from reviews.models import GoLive, Review
from reviews.schedule import Why
from reviews.tests.conftest import ARRANGED, agreed_plan
from support_planning import services as plan_services
from support_planning.models import Management, PlanItem

pytestmark = pytest.mark.django_db


def date_fields(name: str, day: datetime.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_the_support_starts_with_the_direct_payment_and_an_order_and_the_first_review_scheduled(
    client, practitioner, agreed
):
    today = timezone.localdate()
    budget = agreed.personal_budget
    client.force_login(practitioner)
    page = client.get(reverse("go_live", args=[agreed.pk])).text
    assert "Riverside Home Care" in page and "every four weeks" in page  # shown, not asked
    response = client.post(
        reverse("go_live", args=[agreed.pk]),
        {
            **date_fields("starts_on", today + datetime.timedelta(days=7)),
            **date_fields("signed_on", today),
            **date_fields("first_payment_on", today + datetime.timedelta(days=7)),
        },
    )
    assert response.status_code == 302
    started = GoLive.objects.get(plan=agreed)
    assert started.direct_payment.amount == budget.direct_payment_each
    assert started.direct_payment.recipient == "person"
    order = started.orders.get()
    assert (order.provider, order.weekly, order.fund_holder) == ("Riverside Home Care", 35, False)
    agreed.case.refresh_from_db()
    assert agreed.case.stage == Stage.LIVE
    review = Review.objects.get(case=agreed.case, status=Review.Status.SCHEDULED)
    assert (review.opens, review.due_by, review.why) == (
        started.starts_on + datetime.timedelta(weeks=6),
        started.starts_on + datetime.timedelta(weeks=8),
        Why.FIRST,
    )
    event = agreed.case.events.get(milestone=Milestone.SERVICES_STARTED)
    assert event.facts["days_from_first_contact"] == (started.starts_on - agreed.case.opened_at.date()).days

    again = client.post(
        reverse("go_live", args=[agreed.pk]), {**date_fields("starts_on", today)}, follow=True
    )
    assert "The support started on" in again.text
    assert GoLive.objects.filter(plan=agreed).count() == 1


def test_dates_out_of_order_are_refused_beside_their_fields_and_nothing_typed_is_lost(
    client, practitioner, agreed
):
    today = timezone.localdate()
    client.force_login(practitioner)
    refused = client.post(
        reverse("go_live", args=[agreed.pk]),
        {
            **date_fields("starts_on", agreed.personal_budget.agreed_on - datetime.timedelta(days=1)),
            **date_fields("signed_on", today + datetime.timedelta(days=2)),
            **date_fields("first_payment_on", today),
        },
    )
    text = refused.text
    assert "govuk-error-summary" in text
    assert "The start date must be on or after the day the plan was agreed" in text
    assert "The agreement must be signed before you record it" in text
    assert "The first payment must be on or after the day the agreement was signed" in text
    assert f'value="{today.year}"' in text
    assert not GoLive.objects.exists()
    nonsense = client.post(reverse("go_live", args=[agreed.pk]), {"starts_on_0": "31", "starts_on_1": "2"})
    assert nonsense.status_code == 200 and "The start date must include a year" in nonsense.text


def test_an_item_that_names_no_provider_asks_for_one(
    client, practitioner, manager, budgeted, delegation_scheme
):
    case, *_ = budgeted
    unnamed = {**ARRANGED, "provider": "", "management": Management.SERVICE_FUND}
    plan = agreed_plan(case, practitioner, manager, ways=(unnamed,))
    client.force_login(practitioner)
    today = timezone.localdate()
    item = PlanItem.objects.get(outcome__plan=plan, management=Management.SERVICE_FUND)
    asked = client.post(reverse("go_live", args=[plan.pk]), date_fields("starts_on", today))
    assert "Enter who provides “Lunch delivered on weekdays”" in asked.text
    client.post(
        reverse("go_live", args=[plan.pk]),
        {**date_fields("starts_on", today), f"provider_{item.pk}": "Wensum Care Co-operative"},
    )
    order = GoLive.objects.get(plan=plan).orders.get()
    assert (order.provider, order.fund_holder) == ("Wensum Care Co-operative", True)


def test_a_plan_not_yet_agreed_cannot_go_live(client, practitioner, budgeted):
    case, *_ = budgeted
    draft = plan_services.start_plan(actor=practitioner, case_id=case.pk)
    client.force_login(practitioner)
    assert client.get(reverse("go_live", args=[draft.pk])).status_code == 404
    with pytest.raises(services.CannotGoLive):
        services.go_live(actor=practitioner, plan_id=draft.pk, starts_on=timezone.localdate())
