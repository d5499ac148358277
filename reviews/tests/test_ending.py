"""Ending support: all of a plan's support or one service, with a reason and its last day. Providers are sent a
notice, the direct payment stops, no review is due any more, the person is written to (never after a death), and
the case closes when nothing else on it is open, or says what is."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from cases.models import CaseFlag, CouncilSettings, Letter, LetterType
from cases.services import raise_flag
from cases.stages import Stage
from reviews import ending, ending_services
from reviews.ending import EndReason
from reviews.ending_models import Ending
from reviews.models import Review
from reviews.tests.conftest import DIRECT_PAYMENT, agreed_plan, gone_live
from reviews.tests.test_go_live import date_fields
from reviews.tests.test_go_live_letters import text_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)
STARTED = datetime.date(2027, 1, 4)


# The rules, to the day


def problems(ends_on, reason=EndReason.NEEDS_MET):
    return ending.end_date_problems(ends_on=ends_on, started_on=STARTED, reason=reason, today=TODAY)


def test_support_may_end_on_the_day_it_started_but_not_before():
    assert problems(STARTED) == {}
    assert problems(STARTED - datetime.timedelta(days=1)) == {
        "ends_on": "The end date must be on or after the day the support started, 4 January 2027"
    }


def test_a_planned_end_may_be_up_to_6_months_ahead():
    assert problems(TODAY + datetime.timedelta(days=183)) == {}
    assert problems(TODAY + datetime.timedelta(days=184)) == {
        "ends_on": "The end date must be within the next 6 months"
    }


def test_after_a_death_the_support_has_ended_already():
    assert problems(TODAY, EndReason.DECEASED) == {}
    assert problems(TODAY + datetime.timedelta(days=1), EndReason.DECEASED) == {
        "ends_on": "The end date must be today or in the past, as the person has died"
    }


def test_nobody_writes_to_someone_who_has_died_and_every_other_reason_has_words_for_the_person():
    assert not ending.writes_to_the_person(EndReason.DECEASED)
    assert all(
        ending.writes_to_the_person(reason) for reason, _ in ending.CHOSEN if reason != EndReason.DECEASED
    )
    assert set(ending.TO_THE_PROVIDER) == set(EndReason) == set(ending.CLD_OUTCOME)


def test_a_worker_ending_support_is_not_offered_another_provider_taking_over_or_the_plan_changing():
    # Brokerage ends a service when another provider takes over; a changed plan's go-live when the plan changed.
    assert EndReason.NEW_PROVIDER not in dict(ending.CHOSEN)
    assert EndReason.PLAN_CHANGED not in dict(ending.CHOSEN)
    assert len(ending.CHOSEN) == len(EndReason) - 2


# Ending it


@pytest.fixture(autouse=True)
def council(db):
    return CouncilSettings.objects.create(
        name="Northbrook Council", phone="0300 123 4567", email="adultcare@northbrook.example.gov.uk"
    )


@pytest.fixture
def live(agreed, practitioner):
    """The plan's support started four weeks ago: a direct payment, and lunches ordered from Riverside Home Care."""
    return gone_live(agreed, practitioner, starts_on=timezone.localdate() - datetime.timedelta(weeks=4))


def end_form(what="all", reason="needs_met", ends_on=None, **more):
    return {"what": what, "reason": reason, **date_fields("ends_on", ends_on or timezone.localdate()), **more}


def test_ending_all_the_support_closes_the_case_tells_the_provider_and_writes_to_the_person(
    client, practitioner, live
):
    case = live.case
    client.force_login(practitioner)
    page = client.get(reverse("case", args=[case.pk])).text
    assert reverse("end_support", args=[case.pk]) in page
    form = client.get(reverse("end_support", args=[case.pk])).text
    assert "Only Lunch delivered on weekdays from Riverside Home Care" in form

    today = timezone.localdate()
    done = client.post(reverse("end_support", args=[case.pk]), end_form(note="Walking again"), follow=True)
    assert f"The support ended on {today:%-d %B %Y}, and case {case.reference} is closed" in done.text
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    started = live.go_live
    assert started.direct_payment.ends_on == today
    assert started.orders.get().ends_on == today
    assert not Review.objects.filter(case=case, status=Review.Status.SCHEDULED).exists()

    ended = case.events.get(milestone=Milestone.SERVICES_ENDED)
    assert ended.facts["reason"] == "needs_met" and ended.facts["ends_on"] == today.isoformat()
    assert ended.facts["direct_payment_ends"] is True and ended.facts["days_of_support"] == 29
    assert case.events.filter(milestone=Milestone.CASE_CLOSED).exists()

    notice = text_of(Letter.objects.get(case=case, letter_type=LetterType.PROVIDER_ENDING))
    assert "Dear Riverside Home Care," in notice
    assert f"ends on {today:%-d %B %Y}" in notice and "no longer needs this support" in notice
    letter = text_of(Letter.objects.get(case=case, letter_type=LetterType.SUPPORT_ENDING))
    assert f"Dear {case.person.known_as}," in letter
    assert (
        "Your direct payment stops" in letter
        and "Lunch delivered on weekdays from Riverside Home Care" in letter
    )

    again = client.post(reverse("end_support", args=[case.pk]), end_form(), follow=True)
    assert "The support has ended" in again.text
    assert Ending.objects.filter(case=case).count() == 1
    assert Letter.objects.filter(case=case, letter_type=LetterType.PROVIDER_ENDING).count() == 1


def test_after_a_death_no_letter_goes_to_the_person_and_the_provider_is_told_kindly(practitioner, live):
    result = ending_services.end_plan(
        actor=practitioner, case_id=live.case_id, ends_on=timezone.localdate(), reason=EndReason.DECEASED
    )
    assert result.closed
    assert not Letter.objects.filter(case=live.case, letter_type=LetterType.SUPPORT_ENDING).exists()
    notice = text_of(Letter.objects.get(case=live.case, letter_type=LetterType.PROVIDER_ENDING))
    assert f"we are sorry to tell you that {live.case.person.full_name} has died" in notice
    assert "Please do not contact" in notice
    assert live.case.events.get(milestone=Milestone.SERVICES_ENDED).facts["cld_outcome"] == "NFA - Deceased"


def test_a_case_with_something_else_open_stays_open_and_says_what(client, practitioner, manager, live):
    case = live.case
    raise_flag(case=case, kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY, actor=manager, note="Section 42")
    client.force_login(practitioner)
    done = client.post(reverse("end_support", args=[case.pk]), end_form(), follow=True)
    assert f"Case {case.reference} stays open. A section 42 safeguarding enquiry is open" in done.text
    case.refresh_from_db()
    assert case.is_open
    page = client.get(reverse("end_support", args=[case.pk])).text
    assert "What keeps the case open" in page and "section 42" in page

    case.flags.update(cleared_at=timezone.now())
    closed = client.post(reverse("end_support", args=[case.pk]), {"close": "yes"}, follow=True)
    assert f"case {case.reference} is closed" in closed.text
    case.refresh_from_db()
    assert not case.is_open


def test_a_planned_end_keeps_the_support_until_its_day_and_the_morning_job_closes_the_case(
    practitioner, live
):
    day = timezone.localdate() + datetime.timedelta(days=14)
    result = ending_services.end_plan(
        actor=practitioner, case_id=live.case_id, ends_on=day, reason=EndReason.CARE_HOME
    )
    assert not result.closed and not result.still_open
    live.case.refresh_from_db()
    assert live.case.stage == Stage.LIVE
    assert ending_services.close_ended_support(today=day - datetime.timedelta(days=1)) == 0
    assert ending_services.close_ended_support(today=day) == 1
    assert ending_services.close_ended_support(today=day) == 0  # tried once
    live.case.refresh_from_db()
    assert live.case.stage == Stage.CLOSED


def test_one_service_ends_alone_and_the_rest_carries_on(client, practitioner, live):
    case = live.case
    order = live.go_live.orders.get()
    client.force_login(practitioner)
    day = timezone.localdate() + datetime.timedelta(days=7)
    done = client.post(
        reverse("end_support", args=[case.pk]),
        end_form(what=str(order.pk), reason="declined", ends_on=day),
        follow=True,
    )
    assert f"Lunch delivered on weekdays from Riverside Home Care ends on {day:%-d %B %Y}" in done.text
    order.refresh_from_db()
    assert order.ends_on == day
    case.refresh_from_db()
    assert case.stage == Stage.LIVE
    assert Review.objects.filter(case=case, status=Review.Status.SCHEDULED).exists()
    assert case.events.get(milestone=Milestone.SERVICE_ENDED).facts["order"] == order.pk
    assert Letter.objects.filter(case=case, letter_type=LetterType.PROVIDER_ENDING).count() == 1
    assert not Letter.objects.filter(case=case, letter_type=LetterType.SUPPORT_ENDING).exists()
    assert "Only Lunch" not in client.get(reverse("end_support", args=[case.pk])).text  # ended already


def test_dates_out_of_order_are_refused_beside_the_field_and_nothing_typed_is_lost(
    client, practitioner, live
):
    client.force_login(practitioner)
    before = live.go_live.starts_on - datetime.timedelta(days=1)
    refused = client.post(
        reverse("end_support", args=[live.case_id]), end_form(ends_on=before, note="Keep me")
    )
    text = refused.text
    assert "govuk-error-summary" in text
    assert (
        f"The end date must be on or after the day the support started, {live.go_live.starts_on:%-d %B %Y}"
        in text
    )
    assert "Keep me" in text
    assert not Ending.objects.exists()
    missing = client.post(reverse("end_support", args=[live.case_id]), {"what": "all"}).text
    assert "Select why the support is ending" in missing and "Enter the last day of the support" in missing


@pytest.mark.parametrize("role", ["adviser", "service_manager", "finance_officer"])
def test_only_those_who_plan_support_may_end_it(client, request, role, live):
    client.force_login(request.getfixturevalue(role))
    assert client.post(reverse("end_support", args=[live.case_id]), end_form()).status_code == 403
    assert not Ending.objects.exists()


def test_with_no_service_that_could_end_alone_what_is_ending_is_not_asked(
    client, practitioner, manager, budgeted, delegation_scheme
):
    case, *_ = budgeted
    plan = gone_live(agreed_plan(case, practitioner, manager, ways=(DIRECT_PAYMENT,)), practitioner)
    client.force_login(practitioner)
    page = client.get(reverse("end_support", args=[plan.case_id])).text
    assert "What is ending?" not in page and 'type="hidden" name="what" value="all"' in page
    client.post(reverse("end_support", args=[plan.case_id]), end_form())
    assert Ending.objects.get().is_whole_plan
