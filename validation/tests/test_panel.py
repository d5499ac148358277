"""The risk enablement panel by exception, through its services: a plan or a risk referred to the next meeting, a
meeting arranged or moved, who comes, the decision recorded once at or after the meeting, and every refusal said
in words; each step on the case's journey log, where the plan page and the person's own page read it."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases.milestones import PANEL, Milestone
from cases.selectors import panel_on
from support_planning.models import SupportPlan
from validation import panel, panel_services, services
from validation.models import PanelAttendee, PanelDecision, PanelReferral
from validation.tests.conftest import sent_for_sign_off
from validation.tests.panel_factories import QUESTION, RISK, held, meeting_in, referred

pytestmark = pytest.mark.django_db

CANNOT = panel_services.CannotPanel
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def decide(
    referral, actor, outcome=PanelDecision.Outcome.ACCEPTED, reasons="She knows her kitchen", actions=()
):
    return panel_services.record_decision(
        actor=actor, referral_id=referral.pk, outcome=outcome, reasons=reasons, actions=list(actions)
    )


def panel_events(case) -> list[str]:
    return list(
        case.events.filter(milestone__in=PANEL)
        .order_by("occurred_at", "pk")
        .values_list("milestone", flat=True)
    )


def test_a_risk_is_referred_to_the_next_meeting_with_who_comes_and_the_case_shows_it(
    plan_with_a_risk, practitioner
):
    later, sooner = meeting_in(14), meeting_in(7)
    risk = plan_with_a_risk.risks.get()
    referral = referred(plan_with_a_risk, practitioner, risk)
    assert referral.meeting == sooner != later
    assert (referral.risk_words, referral.question, referral.status) == (RISK, QUESTION, "open")
    who = [(a.name, a.kind, a.attends) for a in referral.attendees.all()]
    assert who == [
        (practitioner.display_name, PanelAttendee.Kind.STAFF, True),
        (plan_with_a_risk.case.person.full_name, PanelAttendee.Kind.PERSON, True),
        ("Ann Ellis, daughter", PanelAttendee.Kind.FAMILY, True),
    ]
    event = plan_with_a_risk.case.events.get(milestone=Milestone.PANEL_REFERRED)
    assert event.subject_type == "validation.panelreferral" and event.facts["question"] == QUESTION
    assert "Referred the risk “I want to keep cooking" in event.summary
    [now] = panel_on(plan_with_a_risk.case).referrals
    assert (now.about, now.status, now.meeting_at, now.place) == (
        RISK,
        "open",
        sooner.starts_at,
        sooner.place,
    )
    assert panel_on(plan_with_a_risk.case).referred_risks == {RISK}


def test_a_referral_needs_the_question_the_panel_is_to_decide(plan_with_a_risk, practitioner):
    with pytest.raises(CANNOT, match="Enter the question the panel is to decide"):
        referred(plan_with_a_risk, practitioner, question="   ")
    assert not PanelReferral.objects.exists()


def test_a_risk_waiting_for_the_panel_is_not_referred_twice(plan_with_a_risk, practitioner, manager):
    meeting_in(3)
    risk = plan_with_a_risk.risks.get()
    referred(plan_with_a_risk, practitioner, risk)
    with pytest.raises(CANNOT, match="This risk is already waiting for the panel, for its meeting on "):
        referred(plan_with_a_risk, manager, risk)
    whole = referred(plan_with_a_risk, manager)  # the whole plan is another matter
    assert whole.risk_words == "" and PanelReferral.objects.count() == 2


def test_a_referral_made_when_no_meeting_is_arranged_goes_on_the_next_one_arranged(
    plan_with_a_risk, practitioner, manager
):
    referral = referred(plan_with_a_risk, practitioner, plan_with_a_risk.risks.get())
    assert referral.meeting is None
    assert panel_on(plan_with_a_risk.case).referrals[0].meeting_at is None
    meeting = panel_services.arrange_meeting(actor=manager, starts_at=at(TOMORROW), place="County Hall")
    referral.refresh_from_db()
    assert referral.meeting == meeting
    assert panel_events(plan_with_a_risk.case) == ["panel_referred", "panel_scheduled"]
    assert panel_on(plan_with_a_risk.case).referrals[0].meeting_at == at(TOMORROW)


def test_a_meeting_is_refused_in_the_past_or_with_nowhere_to_meet(council_admin):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(CANNOT, match="must be today or in the future"):
        panel_services.arrange_meeting(actor=council_admin, starts_at=at(yesterday), place="County Hall")
    with pytest.raises(CANNOT, match="Enter where the panel meets, or a link to join online"):
        panel_services.arrange_meeting(actor=council_admin, starts_at=at(TOMORROW), place=" ")
    online = panel_services.arrange_meeting(
        actor=council_admin, starts_at=at(TOMORROW), place="", online_link="https://meet.example.org/panel"
    )
    assert online.arranged_by == council_admin and online.place == ""


def test_only_managers_and_council_admins_arrange_meetings_and_only_managers_decide(
    plan_with_a_risk, practitioner, adviser
):
    with pytest.raises(PermissionDenied):
        panel_services.arrange_meeting(actor=practitioner, starts_at=at(TOMORROW), place="County Hall")
    with pytest.raises(PermissionDenied):
        referred(plan_with_a_risk, adviser)
    meeting = meeting_in(1)
    referral = referred(plan_with_a_risk, practitioner)
    held(meeting)
    with pytest.raises(PermissionDenied):
        decide(referral, practitioner)


def test_only_the_current_version_of_a_plan_and_its_own_risks_are_referred(plan_with_a_risk, practitioner):
    with pytest.raises(CANNOT, match="That risk is not in this version of the plan"):
        panel_services.refer(
            actor=practitioner,
            plan_id=plan_with_a_risk.pk,
            risk_id=plan_with_a_risk.risks.get().pk + 1000,
            question=QUESTION,
            person_attends=False,
        )
    SupportPlan.objects.filter(pk=plan_with_a_risk.pk).update(status=SupportPlan.Status.SUPERSEDED)
    with pytest.raises(
        CANNOT, match="Version 1 of the plan is replaced by a later version: refer the latest"
    ):
        referred(plan_with_a_risk, practitioner)


def test_the_decision_waits_for_the_meeting_then_is_recorded_once_with_its_actions(
    plan_with_a_risk, practitioner, manager, service_manager
):
    meeting = meeting_in(2)
    referral = referred(plan_with_a_risk, practitioner, plan_with_a_risk.risks.get())
    with pytest.raises(CANNOT, match=r"The panel meets on .*: record its decision at or after the meeting"):
        decide(referral, manager)
    held(meeting)
    action = {"what": "Fit a gas cut-off valve", "who": "Jo Patel, occupational therapist", "by": TOMORROW}
    decision = decide(referral, manager, PanelDecision.Outcome.ACCEPTED_WITH_CHANGES, actions=[action])
    assert (decision.outcome, decision.meeting, decision.decided_by) == (
        "accepted_with_changes",
        meeting,
        manager,
    )
    assert [(a.what, a.who, a.by) for a in decision.actions.all()] == [tuple(action.values())]
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.DECIDED
    with pytest.raises(
        CANNOT, match=f"{manager.display_name} recorded the panel’s decision at .*: yours was not"
    ):
        decide(referral, service_manager, PanelDecision.Outcome.NOT_ACCEPTED)
    assert PanelDecision.objects.count() == 1
    [now] = panel_on(plan_with_a_risk.case).referrals
    assert (now.status, now.outcome_label, now.reasons) == (
        "decided",
        "Risk accepted with changes to the plan",
        "She knows her kitchen",
    )
    assert now.actions == (
        {"what": "Fit a gas cut-off valve", "who": "Jo Patel, occupational therapist", "by": TOMORROW},
    )
    event = plan_with_a_risk.case.events.get(milestone=Milestone.PANEL_DECIDED)
    assert event.summary.endswith("risk accepted with changes to the plan")


@pytest.mark.parametrize(
    ("outcome", "reasons", "actions", "message"),
    [
        ("", "Because", [], "Select the panel’s decision"),
        ("accepted", "  ", [], "Enter the panel’s reasons"),
        ("accepted_with_changes", "Because", [], "Enter the changes the plan needs as at least one action"),
        ("accepted", "Because", [{"what": "Fit a valve", "who": "", "by": TOMORROW}], "Each action needs"),
        (
            "accepted",
            "Because",
            [{"what": "Fit a valve", "who": "Jo", "by": TOMORROW - datetime.timedelta(days=2)}],
            "The date for an action must be today or in the future",
        ),
    ],
)
def test_a_decision_without_what_it_needs_is_refused_and_nothing_recorded(
    plan_with_a_risk, practitioner, manager, outcome, reasons, actions, message
):
    meeting = meeting_in(1)
    referral = referred(plan_with_a_risk, practitioner)
    held(meeting)
    with pytest.raises(CANNOT, match=message):
        decide(referral, manager, outcome, reasons, actions)
    assert not PanelDecision.objects.exists()


def test_a_referral_moves_to_another_meeting_to_come_and_never_to_a_past_one(
    plan_with_a_risk, practitioner, manager
):
    first, second, gone = meeting_in(2), meeting_in(9), held(meeting_in(0, hour=0))
    referral = referred(plan_with_a_risk, practitioner)
    assert referral.meeting == first
    with pytest.raises(CANNOT, match="Choose a meeting that has not happened yet"):
        panel_services.move_referral(actor=manager, referral_id=referral.pk, meeting_id=gone.pk + 1000)
    moved = panel_services.move_referral(actor=manager, referral_id=referral.pk, meeting_id=second.pk)
    assert moved.meeting == second
    assert panel_on(plan_with_a_risk.case).referrals[0].meeting_at == second.starts_at
    with pytest.raises(PermissionDenied):
        panel_services.move_referral(actor=practitioner, referral_id=referral.pk, meeting_id=first.pk)


def test_moving_a_meeting_tells_every_case_on_its_agenda_and_a_past_meeting_stays_put(
    plan_with_a_risk, practitioner, manager
):
    meeting = meeting_in(3)
    referred(plan_with_a_risk, practitioner)
    later = at(TOMORROW + datetime.timedelta(days=6), 14)
    panel_services.change_meeting(actor=manager, meeting_id=meeting.pk, starts_at=later, place="Online room")
    [now] = panel_on(plan_with_a_risk.case).referrals
    assert (now.meeting_at, now.place) == (later, "Online room")
    assert panel_events(plan_with_a_risk.case) == ["panel_referred", "panel_scheduled"]
    held(meeting)
    with pytest.raises(CANNOT, match="This meeting has already taken place"):
        panel_services.change_meeting(
            actor=manager, meeting_id=meeting.pk, starts_at=later, place="Elsewhere"
        )


def test_a_withdrawn_referral_leaves_the_agenda_and_the_risk_may_be_referred_again(
    plan_with_a_risk, practitioner, manager
):
    meeting_in(3)
    risk = plan_with_a_risk.risks.get()
    referral = referred(plan_with_a_risk, practitioner, risk)
    panel_services.withdraw(actor=practitioner, referral_id=referral.pk)
    assert not panel_on(plan_with_a_risk.case)
    with pytest.raises(CANNOT, match=f"{practitioner.display_name} withdrew this referral"):
        panel_services.withdraw(actor=manager, referral_id=referral.pk)
    again = referred(plan_with_a_risk, manager, risk)
    assert again.pk != referral.pk and again.is_open


def test_who_comes_is_changed_until_the_panel_decides(plan_with_a_risk, practitioner, manager):
    meeting = meeting_in(1)
    referral = referred(plan_with_a_risk, practitioner, person_attends=False)
    person = referral.attendees.get(kind=PanelAttendee.Kind.PERSON)
    assert not person.attends
    panel_services.change_attendee(
        actor=practitioner, referral_id=referral.pk, attendee_id=person.pk, attends=True
    )
    referral.refresh_from_db()
    assert referral.person_attends
    added = panel_services.add_attendee(
        actor=manager,
        referral_id=referral.pk,
        name="Jo Patel, OT",
        kind=PanelAttendee.Kind.STAFF,
        attends=True,
    )
    panel_services.change_attendee(actor=manager, referral_id=referral.pk, attendee_id=added.pk, remove=True)
    assert not referral.attendees.filter(pk=added.pk).exists()
    held(meeting)
    decide(referral, manager)
    with pytest.raises(CANNOT, match=r"recorded the panel’s decision at .*: nothing more can be changed"):
        panel_services.add_attendee(
            actor=manager, referral_id=referral.pk, name="Late", kind=PanelAttendee.Kind.STAFF, attends=True
        )


def test_a_plan_with_an_open_referral_may_still_be_agreed(budgeted_case_to_sign_off, practitioner, manager):
    plan = budgeted_case_to_sign_off
    meeting_in(5)
    referral = referred(plan, manager)
    decision = services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    assert decision.outcome == "agreed"
    referral.refresh_from_db()
    assert referral.is_open  # nothing waits for the panel, and agreeing the plan does not end the referral


@pytest.fixture
def budgeted_case_to_sign_off(case_to_sign_off, practitioner):
    return sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))


@pytest.mark.parametrize(
    ("typed", "time"),
    [
        ("10am", datetime.time(10)),
        ("2:30pm", datetime.time(14, 30)),
        ("2.30 PM", datetime.time(14, 30)),
        ("14:30", datetime.time(14, 30)),
        ("9", datetime.time(9)),
        ("12pm", datetime.time(12)),
        ("12am", datetime.time(0)),
        ("Midday", datetime.time(12)),
        ("13pm", None),
        ("25:00", None),
        ("10:75", None),
        ("ten", None),
    ],
)
def test_a_time_is_read_as_people_write_it(typed, time):
    assert panel.time_typed(typed) == time


def test_the_decision_is_recorded_on_the_day_of_the_meeting_or_after():
    today = datetime.date(2026, 5, 12)
    assert panel.may_decide_on(today, today) and panel.may_decide_on(datetime.date(2026, 5, 1), today)
    assert not panel.may_decide_on(datetime.date(2026, 5, 13), today)
