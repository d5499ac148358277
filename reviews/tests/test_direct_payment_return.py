"""A direct payment return: the person tells us online how much is in the account and what, if anything, paid for
things outside the plan; their worker can record one for them. It covers the days since the last return, works
out what the council paid in, is flagged only when the planning rules in force find it material, lands on the
review's pages and the timeline, and is sent once a day however often the button is pressed."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from cases.models import AccessEvent
from reviews import monitoring
from reviews.models import DirectPaymentReturn, Review
from reviews.tests.conftest import ARRANGED, agreed_plan, gone_live
from support_planning.models import PlanningRules
from support_planning.tests.factories import budgeted_case

pytestmark = pytest.mark.django_db


def flat(response) -> str:
    return " ".join(response.text.split())


def page(case):
    return reverse("your_direct_payment", args=[case.pk])


def test_the_person_sends_a_return_from_their_case_page_and_their_worker_reads_it_at_the_review(
    client, citizen, practitioner, citizens_live_plan
):
    case = citizens_live_plan.case
    agreement = citizens_live_plan.go_live.direct_payment
    client.force_login(citizen)
    own = flat(client.get(reverse("citizen_case", args=[case.pk])))
    assert "Tell us about your direct payment" in own

    form = flat(client.get(page(case)))
    today = timezone.localdate()
    assert (
        f"Today we have paid £{agreement.amount + agreement.once:,.2f}" in form
    )  # the first payment is today
    response = client.post(page(case), {"balance": "310.50", "outside_plan": "0", "outside_plan_what": ""})
    assert response.url == reverse("citizen_case", args=[case.pk])

    sent = DirectPaymentReturn.objects.get(case=case)
    assert (sent.period_from, sent.period_to, sent.balance, sent.flags) == (today, today, D("310.50"), [])
    assert sent.paid_in == agreement.amount + agreement.once  # worked out, never asked
    assert sent.sent_from == DirectPaymentReturn.From.PERSON
    assert sent.review == Review.objects.get(case=case)  # the review scheduled, which it feeds
    event = case.events.get(milestone=Milestone.DIRECT_PAYMENT_RETURN)
    assert "£310.50 in the account" in event.summary and "nothing to look at" in event.summary

    client.force_login(practitioner)
    review = flat(client.get(reverse("case_review", args=[case.pk])))
    assert "sent a return online" in review and "£310.50" in review
    assert "Nothing in it is large enough for the council’s rules to ask you to look at" in review


def test_a_large_balance_and_spending_outside_the_plan_are_flagged_for_the_review(
    client, citizen, practitioner, citizens_live_plan
):
    case = citizens_live_plan.case
    agreement = citizens_live_plan.go_live.direct_payment
    weekly = monitoring.weekly_equivalent(agreement.amount, agreement.frequency)
    client.force_login(citizen)
    client.post(
        page(case),
        {
            "balance": str(weekly * 12 + 1),
            "outside_plan": "400",
            "outside_plan_what": "A new washing machine",
        },
    )

    sent = DirectPaymentReturn.objects.get(case=case)
    assert [flag["code"] for flag in sent.flags] == [monitoring.SURPLUS, monitoring.OUTSIDE_PLAN]
    client.force_login(practitioner)
    review = flat(client.get(reverse("hold_review", args=[Review.objects.get(case=case).pk])))
    assert "To talk about at the review" in review
    assert "more than 12 weeks of payments" in review
    assert "£400.00 spent on things not in the plan, more than £250.00" in review
    assert "“A new washing machine”" in review


def test_the_council_s_rules_in_force_decide_what_is_material(client, citizen, citizens_live_plan):
    rules = PlanningRules.objects.get(version=1)
    PlanningRules.objects.filter(pk=rules.pk).update(
        monitoring_surplus_weeks=None, monitoring_outside_plan_most=None
    )
    client.force_login(citizen)
    client.post(
        page(citizens_live_plan.case), {"balance": "99999", "outside_plan": "5000", "outside_plan_what": "x"}
    )
    assert DirectPaymentReturn.objects.get().flags == []


def test_sent_twice_the_same_day_it_is_one_return_corrected(client, citizen, citizens_live_plan):
    case = citizens_live_plan.case
    client.force_login(citizen)
    client.post(page(case), {"balance": "100", "outside_plan": "0"})
    client.post(page(case), {"balance": "120", "outside_plan": "0"})
    assert list(DirectPaymentReturn.objects.values_list("balance", flat=True)) == [D("120.00")]
    summaries = list(
        case.events.filter(milestone=Milestone.DIRECT_PAYMENT_RETURN).values_list("summary", flat=True)
    )
    assert sorted("return corrected" in summary for summary in summaries) == [False, True]


def test_a_return_covers_the_days_since_the_last_one(client, citizen, citizens_live_plan, time_machine):
    case = citizens_live_plan.case
    agreement = citizens_live_plan.go_live.direct_payment
    first = timezone.localdate()
    client.force_login(citizen)
    client.post(page(case), {"balance": "100", "outside_plan": "0"})
    later = first + datetime.timedelta(days=30)
    time_machine.move_to(datetime.datetime.combine(later, datetime.time(12), tzinfo=datetime.UTC))
    client.force_login(citizen)  # signed in again a month on
    assert f"From {first + datetime.timedelta(days=1):%-d %B %Y} to today" in flat(client.get(page(case)))
    client.post(page(case), {"balance": "200", "outside_plan": "0"})
    second = DirectPaymentReturn.objects.get(period_to=later)
    assert second.period_from == first + datetime.timedelta(days=1)
    assert second.paid_in == agreement.amount  # the four-weekly payment on day 28, and no one-off sum again


def test_bad_input_is_refused_beside_the_field_and_kept(client, citizen, citizens_live_plan):
    client.force_login(citizen)
    response = client.post(
        page(citizens_live_plan.case), {"balance": "lots", "outside_plan": "40", "outside_plan_what": " "}
    )
    text = flat(response)
    assert response.status_code == 200 and "<title>Error: Your direct payment" in response.text
    assert "Enter how much is in the account in pounds and pence, like 1250.00" in text
    assert "Say what the money paid for" in text
    assert 'value="lots"' in response.text and 'value="40"' in response.text
    assert not DirectPaymentReturn.objects.exists()


def test_the_worker_records_a_return_for_the_person(client, practitioner, citizens_live_plan):
    case = citizens_live_plan.case
    client.force_login(practitioner)
    url = reverse("record_direct_payment_return", args=[case.pk])
    assert "the council paid" in flat(client.get(url))
    assert client.post(url, {"balance": "50", "outside_plan": "0"}).url == case.get_absolute_url()
    sent = DirectPaymentReturn.objects.get(case=case)
    assert (sent.sent_from, sent.sent_by) == (DirectPaymentReturn.From.WORKER, practitioner)
    assert AccessEvent.objects.filter(case=case, what="direct payment return", user=practitioner).count() == 2


def test_someone_else_s_case_is_not_found_and_no_direct_payment_means_no_return(
    client,
    other_citizen,
    citizen,
    practitioner,
    manager,
    citizen_case,
    questionnaire,
    ras_version,
    delegation_scheme,
):
    client.force_login(other_citizen)
    assert client.get(page(citizen_case)).status_code == 404

    case, *_ = budgeted_case(practitioner, citizen_case)
    gone_live(agreed_plan(case, practitioner, manager, ways=(ARRANGED,)), practitioner)
    client.force_login(citizen)
    assert "Tell us about your direct payment" not in flat(
        client.get(reverse("citizen_case", args=[case.pk]))
    )
    response = client.post(page(case), {"balance": "10", "outside_plan": "0"}, follow=True)
    assert "There is no direct payment running to tell us about" in flat(response)
    assert not DirectPaymentReturn.objects.exists()


def test_a_flagged_return_puts_a_review_not_yet_due_on_the_worker_s_queue(
    client, citizen, practitioner, citizens_live_plan
):
    case = citizens_live_plan.case
    client.force_login(citizen)
    client.post(page(case), {"balance": "10", "outside_plan": "0"})
    client.force_login(practitioner)
    assert case.person.full_name not in flat(client.get(reverse("review_queue")))  # nothing to look at yet

    client.force_login(citizen)
    client.post(page(case), {"balance": "10", "outside_plan": "900", "outside_plan_what": "A holiday"})
    client.force_login(practitioner)
    queue = flat(client.get(reverse("review_queue")))
    assert case.person.full_name in queue and "Direct payment to look at" in queue
