"""A whole journey, through the services the screens use, writes only typed milestones: the analytics can read
where every case has been from the log alone."""

import pytest
from django.urls import reverse

from assessment import services as assessment_services
from assessment.tests import factories
from cases import letters
from cases.milestones import STAGE_MOVES, Milestone
from cases.models import Letter
from cases.services import allocate
from cases.stages import IllegalMove, Stage
from contact.tests.test_recording_a_contact import about, complete, outcomes, start
from ras.models import FinancialAssessment, IndicativeBudget
from ras.tests.test_financial_assessment import MEANS

pytestmark = pytest.mark.django_db


def test_a_journey_from_contact_to_the_letters_logs_a_milestone_for_every_step(
    client,
    adviser,
    manager,
    practitioner,
    finance_officer,
    someone,
    someones_case,
    questionnaire,
    ras_version,
    charging_year,
):
    client.force_login(adviser)
    contact = start(client, someone)
    about(client, contact)
    outcomes(client, contact, ["assessment"], note_other="Needs help washing")
    complete(client, contact)
    case = someones_case
    allocate(actor=manager, case_id=case.pk, worker=practitioner, seen_worker=None, note="Mornings are best")
    assessment = factories.completed(actor=practitioner, case=case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    client.force_login(practitioner)
    client.post(reverse("work_out_indicative_budget", args=[assessment.pk]))
    client.post(reverse("indicative_budget_letter", args=[assessment.pk]))
    client.force_login(finance_officer)
    client.post(reverse("financial_assessment", args=[case.pk]), MEANS)
    client.post(reverse("financial_assessment", args=[case.pk]), {"confirm": "1"})
    *to_send, to_fail = Letter.objects.filter(case=case).order_by("pk")
    for letter in to_send:
        letters.produce_letter(letter_id=letter.pk)
    letters.record_failure(letter_id=to_fail.pk, error="The printer is on fire", final=True)

    events = list(case.events.order_by("occurred_at", "pk"))
    assert all(event.milestone in Milestone.values for event in events)
    assert not [event.summary for event in events if event.milestone == Milestone.NOTE]
    assert {
        Milestone.CASE_OPENED,
        Milestone.CONTACT_RECEIVED,
        Milestone.REFERRAL_MADE,
        Milestone.STAGE_CHANGED,
        Milestone.ALLOCATED,
        Milestone.ASSESSMENT_STARTED,
        Milestone.ASSESSMENT_COMPLETED,
        Milestone.ELIGIBILITY_DECIDED,
        Milestone.BUDGET_WORKED_OUT,
        Milestone.ASSESSMENT_SIGNED_OFF,
        Milestone.FINANCIAL_ASSESSMENT_CONFIRMED,
        Milestone.LETTER_REQUESTED,
        Milestone.LETTER_READY,
        Milestone.LETTER_FAILED,
    } <= {event.milestone for event in events}
    moves = [(event.facts["from"], event.facts["to"]) for event in events if event.milestone in STAGE_MOVES]
    assert moves == [(Stage.CONTACT, Stage.ASSESSMENT), (Stage.ASSESSMENT, Stage.INDICATIVE_BUDGET)]

    received = case.events.about(contact).get(milestone=Milestone.CONTACT_RECEIVED)
    assert (received.facts["outcomes"], received.facts["channel"]) == (["assessment"], "phone")
    handed_to = case.events.get(milestone=Milestone.ALLOCATED)
    assert (handed_to.facts["to"], handed_to.facts["note"]) == (practitioner.pk, "Mornings are best")
    budget = IndicativeBudget.objects.get(assessment=assessment)
    worked_out = case.events.about(budget).get()
    assert worked_out.milestone == Milestone.BUDGET_WORKED_OUT
    assert worked_out.summary == f"Indicative budget worked out: £{budget.weekly:,.2f} a week"
    assert (worked_out.facts["weekly"], worked_out.facts["points"]) == (str(budget.weekly), budget.points)
    decided = case.events.get(milestone=Milestone.ELIGIBILITY_DECIDED)
    assert decided.facts["eligible"] is True and decided.subject_type == "assessment.eligibilitydecision"
    charged = case.events.about(FinancialAssessment.objects.get(case=case)).get()
    assert charged.facts["weekly_contribution"] == "30.90"
    failed = case.events.about(to_fail).get(milestone=Milestone.LETTER_FAILED)
    assert failed.facts["error"] == "The printer is on fire"

    client.force_login(practitioner)
    page = client.get(case.get_absolute_url()).text
    assert "Indicative budget worked out: £" in page
    assert "Contact received" in page  # the milestone, beside a sentence that does not say it
    assert "Note for the worker: Mornings are best" in page


def test_a_move_the_journey_refuses_is_a_message_on_the_screen_not_an_error_page(
    client, practitioner, someones_case, questionnaire, monkeypatch
):
    def refuse(**kwargs):
        raise IllegalMove(Stage.LIVE, Stage.ASSESSMENT)

    monkeypatch.setattr(assessment_services, "start_assessment", refuse)
    client.force_login(practitioner)
    answer = client.post(reverse("assessment_new", args=[someones_case.pk]), {"mode": "visit"}, follow=True)
    assert answer.status_code == 200
    assert "A case at support in place cannot move to assessment, so no assessment was started" in answer.text
