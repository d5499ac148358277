"""The risk enablement panel over HTTP, role by role: a worker refers a flagged risk from the plan page, a manager
arranges a meeting and records the decision on the printable agenda, the plan page, the sign-off screen, the
timeline and the person's own page show it; bad input is answered beside the field with what was typed kept, and
nothing gives a 500."""

import datetime
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessEvent
from cases.tests.factories import UserFactory
from validation.models import PanelDecision, PanelMeeting, PanelReferral
from validation.tests.conftest import sent_for_sign_off
from validation.tests.panel_factories import QUESTION, RISK, held, meeting_in, referred

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def date_parts(name: str, day: datetime.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def errors_beside_the_fields(page: str, *messages: str) -> None:
    assert "<title>Error:" in page
    for message in messages:
        assert page.count(message) >= 2, message  # in the summary and beside the field


def test_the_plan_page_offers_the_panel_for_a_flagged_risk_and_the_form_comes_with_it_chosen(
    client, plan_with_a_risk, practitioner
):
    meeting_in(7)
    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[plan_with_a_risk.case_id])).text
    risk = plan_with_a_risk.risks.get()
    refer = reverse("panel_refer", args=[plan_with_a_risk.pk])
    assert f"{refer}?risk={risk.pk}" in page and "Refer it to the panel" in page
    form = client.get(f"{refer}?risk={risk.pk}").text
    assert re.search(rf'value="{risk.pk}"[^>]*checked', form)
    assert "It goes to the next meeting:" in form


def test_a_referral_without_its_question_is_shown_again_with_the_error_and_what_was_typed(
    client, plan_with_a_risk, practitioner
):
    client.force_login(practitioner)
    risk = plan_with_a_risk.risks.get()
    response = client.post(
        reverse("panel_refer", args=[plan_with_a_risk.pk]),
        {"about": str(risk.pk), "question": "  ", "others": "Ann Ellis, daughter"},
    )
    assert response.status_code == 200
    errors_beside_the_fields(
        response.text,
        "Enter the question the panel is to decide",
        "Select whether Margaret wants to come to the panel",
    )
    assert "Ann Ellis, daughter</textarea>" in response.text
    assert not PanelReferral.objects.exists()


def test_a_worker_refers_the_risk_and_the_plan_page_says_when_the_panel_meets(
    client, plan_with_a_risk, practitioner
):
    meeting = meeting_in(7)
    client.force_login(practitioner)
    risk = plan_with_a_risk.risks.get()
    response = client.post(
        reverse("panel_refer", args=[plan_with_a_risk.pk]),
        {
            "about": str(risk.pk),
            "question": QUESTION,
            "person_attends": "yes",
            "others": "Ann Ellis, daughter",
        },
        follow=True,
    )
    referral = PanelReferral.objects.get()
    assert response.redirect_chain[-1][0] == reverse("panel_referral", args=[referral.pk])
    assert "Referred to the risk enablement panel. It goes to the panel on" in response.text
    assert "Ann Ellis, daughter" in response.text
    page = client.get(reverse("support_plan", args=[plan_with_a_risk.case_id])).text
    assert ">Waiting</strong>" in page and QUESTION in page
    assert f"{meeting.starts_at.astimezone(timezone.get_current_timezone()):%A}" in page
    assert "Refer it to the panel" not in page  # referred already
    changed = AccessEvent.objects.filter(user=practitioner, action="change", case=plan_with_a_risk.case)
    assert changed.filter(what="risk enablement panel referral").exists()


@pytest.mark.parametrize(
    ("typed", "messages"),
    [
        (
            {"day_0": "31", "day_1": "2", "day_2": "2027", "time": "", "place": ""},
            [
                "The date of the meeting must be a real date",
                "Enter the time of the meeting",
                "Enter where the panel meets, or a link to join online",
            ],
        ),
        (
            {
                **date_parts("day", timezone.localdate() - datetime.timedelta(days=1)),
                "time": "25pm",
                "place": "Hall",
            },
            [
                "The date of the meeting must be today or in the future",
                "Enter the time like 10am, 2:30pm or 14:30",
            ],
        ),
        (
            {**date_parts("day", TOMORROW), "time": "10am", "place": "", "online_link": "not a link at all"},
            ["Enter a link to join online, like https://meet.example.org/panel"],
        ),
    ],
)
def test_a_meeting_with_bad_details_is_shown_again_with_each_error_beside_its_field(
    client, manager, typed, messages
):
    client.force_login(manager)
    response = client.post(reverse("panel_meeting_new"), typed)
    assert response.status_code == 200
    errors_beside_the_fields(response.text, *messages)
    assert f'value="{typed["time"]}"' in response.text or not typed["time"]
    assert not PanelMeeting.objects.exists()


def test_a_council_admin_arranges_a_meeting_and_sees_when_and_where_but_no_agenda(client, council_admin):
    client.force_login(council_admin)
    response = client.post(
        reverse("panel_meeting_new"),
        {**date_parts("day", TOMORROW), "time": "2:30pm", "place": "County Hall, Room 4"},
        follow=True,
    )
    meeting = PanelMeeting.objects.get()
    assert timezone.localtime(meeting.starts_at).time() == datetime.time(14, 30)
    assert "The panel meets on" in response.text and "at 2:30pm, County Hall, Room 4" in response.text
    assert f'href="{reverse("panel_meeting", args=[meeting.pk])}"' not in response.text
    assert client.get(reverse("panel_meeting", args=[meeting.pk])).status_code == 403


def test_the_agenda_lists_each_referral_with_who_comes_ready_to_print_and_each_read_is_audited(
    client, plan_with_a_risk, practitioner, adviser
):
    meeting = meeting_in(3)
    referred(plan_with_a_risk, practitioner, plan_with_a_risk.risks.get())
    client.force_login(adviser)
    page = client.get(reverse("panel_meeting", args=[meeting.pk])).text
    assert "Agenda for" in page and "fd-print-list" in page and "Print the agenda" in page
    assert QUESTION in page and RISK in page and "Ann Ellis, daughter" in page
    assert "Record the decision" not in page and "Move to another meeting" not in page  # not an adviser's
    assert AccessEvent.objects.filter(user=adviser, case=plan_with_a_risk.case, what="panel agenda").exists()


def test_the_decision_form_waits_for_the_meeting(client, plan_with_a_risk, practitioner, manager):
    meeting_in(3)
    referral = referred(plan_with_a_risk, practitioner)
    client.force_login(manager)
    page = client.get(reverse("panel_decision", args=[referral.pk])).text
    assert "record its decision at or after the meeting" in page and "Record the decision" not in page
    response = client.post(
        reverse("panel_decision", args=[referral.pk]), {"outcome": "accepted", "reasons": "Fine", "rows": "2"}
    )
    assert response.status_code == 200 and "record its decision at or after the meeting" in response.text
    assert not PanelDecision.objects.exists()


def test_a_decision_with_missing_words_is_shown_again_and_another_action_row_keeps_what_was_typed(
    client, plan_with_a_risk, practitioner, manager
):
    meeting = meeting_in(1)
    referral = referred(plan_with_a_risk, practitioner)
    held(meeting)
    client.force_login(manager)
    url = reverse("panel_decision", args=[referral.pk])
    typed = {
        "outcome": "accepted_with_changes",
        "reasons": "",
        "rows": "2",
        "what_1": "Fit a gas cut-off valve",
        "who_1": "",
        **date_parts("by_1", TOMORROW),
    }
    response = client.post(url, typed)
    errors_beside_the_fields(response.text, "Enter the panel’s reasons", "Enter who does action 1")
    assert 'value="Fit a gas cut-off valve"' in response.text
    added = client.post(url, {**typed, "add_action": "yes"})
    assert "Error:" not in added.text and 'name="what_3"' in added.text
    assert 'value="Fit a gas cut-off valve"' in added.text
    assert not PanelDecision.objects.exists()


def test_the_decision_is_recorded_and_shown_on_the_agenda_the_plan_the_timeline_and_to_the_person(
    client, plan_with_a_risk, practitioner, manager, citizen
):
    case = plan_with_a_risk.case
    case.person.user = None
    meeting = meeting_in(1)
    referral = referred(plan_with_a_risk, practitioner, plan_with_a_risk.risks.get())
    citizen.person = case.person
    citizen.save(update_fields=["person"])
    client.force_login(citizen)
    own = client.get(reverse("citizen_case", args=[case.pk])).text
    assert "The risk enablement panel" in own and "The panel will look at this on" in own
    held(meeting)
    client.force_login(manager)
    response = client.post(
        reverse("panel_decision", args=[referral.pk]),
        {
            "outcome": "accepted_with_changes",
            "reasons": "She has cooked safely for years",
            "rows": "2",
            "what_1": "Fit a gas cut-off valve",
            "who_1": "Jo Patel",
            **date_parts("by_1", TOMORROW),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("panel_meeting", args=[meeting.pk])
    assert "Risk accepted with changes to the plan" in response.text
    plan_page = client.get(reverse("support_plan", args=[case.pk])).text
    assert (
        "Risk accepted with changes to the plan" in plan_page
        and "Fit a gas cut-off valve: Jo Patel, by" in plan_page
    )
    timeline = client.get(reverse("case", args=[case.pk])).text
    assert "Risk enablement panel on the risk" in timeline and "She has cooked safely for years" in timeline
    assert f"Fit a gas cut-off valve: Jo Patel, by {TOMORROW.day} {TOMORROW:%B %Y}" in timeline
    client.force_login(citizen)
    own = client.get(reverse("citizen_case", args=[case.pk])).text
    assert "It agreed that you can go ahead, with some changes to your plan." in own
    assert "She has cooked safely for years" in own


def test_the_sign_off_screen_warns_of_an_open_referral_and_lets_the_approver_refer_and_agree(
    client, case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    meeting_in(4)
    client.force_login(manager)
    url = reverse("plan_sign_off", args=[plan.pk])
    page = client.get(url).text
    assert f"{reverse('panel_refer', args=[plan.pk])}?from=sign-off" in page and 'id="panel-open"' not in page
    client.post(
        reverse("panel_refer", args=[plan.pk]) + "?from=sign-off",
        {"about": "plan", "question": "Whether two carers are needed", "person_attends": "no"},
    )
    page = client.get(url).text
    assert 'id="panel-open"' in page and "You may still agree the plan: nothing waits for the panel" in page
    agreed = client.post(url, {"decision": "agree", "reason": "", "seen_decisions": 0})
    assert agreed.url == reverse("approvals")
    assert PanelReferral.objects.get().is_open


def test_a_referral_moves_to_another_meeting_and_bad_choices_are_answered_not_failed(
    client, plan_with_a_risk, practitioner, manager
):
    first, second = meeting_in(2), meeting_in(9)
    referral = referred(plan_with_a_risk, practitioner)
    client.force_login(manager)
    url = reverse("panel_referral_move", args=[referral.pk])
    wrong = client.post(url, {"meeting": "not a number"})
    assert wrong.status_code == 200 and "Select a meeting" in wrong.text
    gone = client.post(url, {"meeting": first.pk})  # where it is already: not offered
    assert gone.status_code == 200 and "Select a meeting" in gone.text
    client.post(url, {"meeting": second.pk})
    referral.refresh_from_db()
    assert referral.meeting == second


def test_who_comes_is_added_to_and_changed_and_nonsense_is_refused(client, plan_with_a_risk, practitioner):
    meeting_in(2)
    referral = referred(plan_with_a_risk, practitioner, person_attends=False)
    client.force_login(practitioner)
    url = reverse("panel_attendees", args=[referral.pk])
    missing = client.post(url, {"name": "", "attends": "yes"})
    errors_beside_the_fields(missing.text, "Enter the name of who is coming", "Select who they are")
    client.post(url, {"name": "Jo Patel, occupational therapist", "kind": "staff", "attends": "yes"})
    assert referral.attendees.filter(name="Jo Patel, occupational therapist").exists()
    person = referral.attendees.get(kind="person")
    change = reverse("panel_attendee", args=[referral.pk, person.pk])
    assert client.post(change, {"change": "everything"}).status_code == 404
    client.post(change, {"change": "attends"})
    referral.refresh_from_db()
    assert referral.person_attends
    gone = client.post(
        reverse("panel_attendee", args=[referral.pk, 999999]), {"change": "remove"}, follow=True
    )
    assert "That name is no longer on the list" in gone.text


def test_a_withdrawn_referral_says_so_and_cannot_be_withdrawn_twice(client, plan_with_a_risk, practitioner):
    meeting_in(2)
    referral = referred(plan_with_a_risk, practitioner)
    client.force_login(practitioner)
    url = reverse("panel_referral_withdraw", args=[referral.pk])
    first = client.post(url, follow=True)
    assert "The referral is withdrawn" in first.text and "Withdrawn by" in first.text
    second = client.post(url, follow=True)
    assert "withdrew this referral" in second.text


def test_pages_about_a_referral_that_does_not_exist_are_not_found(client, manager):
    client.force_login(manager)
    for name in ("panel_referral", "panel_decision", "panel_referral_move", "panel_attendees"):
        assert client.get(reverse(name, args=[424242])).status_code == 404
    assert client.get(reverse("panel_meeting", args=[424242])).status_code == 404
    assert client.get(reverse("panel_refer", args=[424242])).status_code == 404


def test_a_manager_of_another_team_reads_the_agenda_but_a_finance_officer_records_nothing(
    client, plan_with_a_risk, practitioner, finance_officer
):
    meeting = meeting_in(1)
    referral = referred(plan_with_a_risk, practitioner)
    held(meeting)
    elsewhere = UserFactory(role="team_manager")
    client.force_login(elsewhere)
    assert client.get(reverse("panel_meeting", args=[meeting.pk])).status_code == 200
    client.force_login(finance_officer)
    assert client.get(reverse("panel_meeting", args=[meeting.pk])).status_code == 200
    refused = client.post(
        reverse("panel_decision", args=[referral.pk]), {"outcome": "accepted", "reasons": "x"}
    )
    assert refused.status_code == 403 and not PanelDecision.objects.exists()
