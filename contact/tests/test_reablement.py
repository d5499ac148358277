"""Reablement through its free weeks: the start recorded, the end of the free period shown, the review
prompted a week before it ends, and the outcome moving the case on."""

import datetime

import pytest
from django.urls import reverse

from cases.milestones import Milestone
from cases.models import CaseFlag
from cases.services import raise_flag
from cases.stages import Stage
from contact import reablement
from contact.models import FreeSupportLimits, ReablementOutcome, Referral
from contact.rules import REABLEMENT_CRITERIA
from contact.tests.test_recording_a_contact import about, complete, outcomes, start

D = datetime.date

# Without a database --------------------------------------------------------------------------------------------


def test_six_free_weeks_from_a_monday_end_on_the_sunday_five_weeks_later():
    assert reablement.free_until(D(2026, 11, 30), 6) == D(2027, 1, 10)
    assert reablement.free_until(D(2026, 11, 30), 8) == D(2027, 1, 24)


def test_the_review_is_due_from_a_week_before_the_free_period_ends():
    end = D(2027, 1, 10)
    assert not reablement.review_due(end, D(2027, 1, 2))
    assert reablement.review_due(end, D(2027, 1, 3))
    assert reablement.review_due(end, D(2027, 1, 12))  # overdue is still due
    assert reablement.free_period_text(end, D(2027, 1, 2)) == "Free until 10 January 2027"
    assert reablement.free_period_text(end, D(2027, 1, 9)) == "Free period ends in 1 day"
    assert reablement.free_period_text(end, D(2027, 1, 10)) == "Free period ends today"
    assert reablement.free_period_text(end, D(2027, 1, 13)) == "Free period ended 3 days ago"


def test_the_outcome_of_reablement_decides_where_the_case_goes():
    assert reablement.stage_after(ReablementOutcome.NO_FURTHER_SUPPORT) == Stage.CLOSED
    assert reablement.stage_after(ReablementOutcome.SUPPORT_CONTINUES) == Stage.CLOSED
    assert reablement.stage_after(ReablementOutcome.ASSESSMENT) == Stage.ASSESSMENT


# Against Postgres ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_free_weeks_are_configuration_dated_from_when_they_take_effect():
    assert FreeSupportLimits.objects.in_force(D(2026, 12, 1)).reablement_free_weeks == 6
    FreeSupportLimits.objects.create(
        effective_from=D(2027, 4, 1), equipment_free_up_to=1500, reablement_free_weeks=8
    )
    assert FreeSupportLimits.objects.in_force(D(2027, 3, 31)).reablement_free_weeks == 6
    assert FreeSupportLimits.objects.in_force(D(2027, 4, 1)).reablement_free_weeks == 8


@pytest.fixture
def referred(client, adviser, someone, time_machine) -> Referral:
    """A reablement referral made on Monday 30 November 2026."""
    time_machine.move_to("2026-11-30 10:00Z", tick=False)
    client.force_login(adviser)
    contact = start(client, someone)
    about(client, contact)
    outcomes(client, contact, ["reablement"], criteria=list(REABLEMENT_CRITERIA))
    complete(client, contact)
    return Referral.objects.select_related("case").get(contact=contact)


def started(day: int, month: int = 12, year: int = 2026) -> dict:
    return {"started": "yes", "started_on_0": str(day), "started_on_1": str(month), "started_on_2": str(year)}


def test_reablement_runs_its_free_weeks_and_its_outcome_moves_the_case_to_assessment(
    client, adviser, referred, time_machine
):
    url = reverse("contact_referral", args=[referred.pk])
    assert referred.case.stage == Stage.REABLEMENT
    assert "When did reablement start?" in client.get(url).content.decode()

    client.post(url, started(30, 11))
    referred.refresh_from_db()
    assert (referred.status, referred.started_on, referred.free_until) == (
        "accepted",
        D(2026, 11, 30),
        D(2027, 1, 10),
    )
    page = client.get(url).content.decode()
    assert "The first 6 weeks are free, to Sunday 10 January 2027" in page
    assert referred.case.events.filter(
        summary="Reablement started on 30 November 2026: free until 10 January 2027"
    )

    # Five weeks on, the review is prompted on the front door's queues.
    time_machine.move_to("2027-01-04 09:00Z", tick=False)
    client.force_login(adviser)
    queue = client.get(reverse("contact_queue", args=["new"])).content.decode()
    assert "1 reablement ending within 7 days" in queue
    reablement_queue = client.get(reverse("contact_queue", args=["reablement"])).content.decode()
    assert "Free period ends in 6 days" in reablement_queue

    response = client.post(url, {"reablement_outcome": "assessment", "outcome": "Still cannot manage stairs"})
    assert response.status_code == 302
    referred.refresh_from_db()
    referred.case.refresh_from_db()
    assert (referred.status, referred.reablement_outcome) == ("completed", "assessment")
    assert referred.case.stage == Stage.ASSESSMENT
    moved = referred.case.events.get(milestone=Milestone.STAGE_CHANGED, facts__to="assessment")
    assert moved.summary == "Reablement ended: needs an assessment for longer-term care and support"
    assert "ending within 7 days" not in client.get(reverse("contact_queue", args=["new"])).content.decode()


def test_reablement_that_leaves_the_person_needing_nothing_more_closes_the_case(client, referred):
    url = reverse("contact_referral", args=[referred.pk])
    client.post(url, started(30, 11))
    client.post(url, {"reablement_outcome": "no_further_support", "outcome": "Walking to the shops again"})
    referred.case.refresh_from_db()
    assert referred.case.stage == Stage.CLOSED
    assert referred.case.events.filter(
        milestone=Milestone.CASE_CLOSED, summary="Reablement ended: no further support needed"
    )


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"started": "yes"}, "Enter the date reablement started"),
        (started(31, 2), "Start date must be a real date"),
        ({**started(1), "started_on_2": "twenty"}, "Start date must be a real date"),
        (started(29, 11), "Start date must be on or after the referral, 30 November 2026"),
        (started(1, 1, 2027), "Start date must be today or in the past"),
        ({}, "Select whether reablement has started"),
        ({"started": "no"}, "Enter why reablement did not go ahead"),
    ],
)
def test_a_wrong_start_gets_an_error_next_to_the_field_and_keeps_what_was_typed(
    client, referred, data, error
):
    response = client.post(reverse("contact_referral", args=[referred.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert "govuk-error-summary" in page
    if value := data.get("started_on_2"):
        assert f'value="{value}"' in page


def test_an_outcome_must_be_chosen_before_reablement_ends(client, referred):
    url = reverse("contact_referral", args=[referred.pk])
    client.post(url, started(30, 11))
    response = client.post(url, {"outcome": "Went well"})
    assert "Select how reablement ended" in response.content.decode()
    assert "Went well" in response.content.decode()
    referred.refresh_from_db()
    assert referred.status == "accepted"


def test_a_declined_reablement_referral_leaves_the_queue_with_its_reason(client, referred, someone):
    url = reverse("contact_referral", args=[referred.pk])
    client.post(url, {"started": "no", "declined_reason": "Person changed their mind"})
    referred.refresh_from_db()
    assert (referred.status, referred.outcome) == ("declined", "Person changed their mind")
    assert someone.full_name not in client.get(reverse("contact_queue", args=["reablement"])).content.decode()


def test_a_case_with_an_undecided_concern_cannot_close_and_the_worker_is_told_why(client, adviser, referred):
    url = reverse("contact_referral", args=[referred.pk])
    client.post(url, started(30, 11))
    raise_flag(actor=adviser, case=referred.case, kind=CaseFlag.Kind.SAFEGUARDING)
    response = client.post(url, {"reablement_outcome": "no_further_support", "outcome": "Managing well"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "A safeguarding concern raised on 30 November 2026 is waiting for a manager" in page
    assert "Managing well" in page
    referred.refresh_from_db()
    assert referred.status == "accepted"
