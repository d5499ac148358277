"""The approvals queue and the approver's one screen, over HTTP: what the screen shows, a decision recorded, a
forged decision above the approver's limit refused, and errors beside the field."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.roles import Role
from cases.tests.factories import CaseFactory, TeamFactory, UserFactory
from support_planning.models import SupportPlan
from validation.models import SignOffDecision
from validation.tests.conftest import budgeted_case, sent_for_sign_off

pytestmark = pytest.mark.django_db


def test_the_queue_lists_the_plans_waiting_for_the_manager(client, case_to_sign_off, practitioner, manager):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    client.force_login(manager)
    page = client.get(reverse("approvals")).text
    assert reverse("plan_sign_off", args=[plan.pk]) in page
    assert "£20,000.00" in page and "1 plan waiting" in page


def test_the_screen_shows_everything_the_decision_needs(client, case_to_sign_off, practitioner, manager):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    client.force_login(manager)
    page = client.get(reverse("plan_sign_off", args=[plan.pk])).text
    assert "Care at home each morning" in page  # how an outcome is met
    assert "What I said about" in page  # the assessment, in the person's words
    assert reverse("indicative_budget", args=[plan.budget.assessment_id]) + "#explanation" in page
    assert "Two carers are needed each morning" in page  # why it differs from the budget
    assert "The council pays" in page and "pays</dt>" in page
    assert "Risks" in page and "If support fails" in page
    assert "Waiting for the team manager" in page and "Record the decision" in page


def test_an_agreement_is_recorded_and_the_manager_goes_back_to_the_queue(
    client, case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    client.force_login(manager)
    response = client.post(
        reverse("plan_sign_off", args=[plan.pk]), {"decision": "agree", "reason": "", "seen_decisions": 0}
    )
    assert response.url == reverse("approvals")
    assert SignOffDecision.objects.get().outcome == "agreed"


def test_a_forged_agreement_above_the_limit_is_refused_with_the_reason(
    client, case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("45000"))
    client.force_login(manager)
    page = client.get(reverse("plan_sign_off", args=[plan.pk])).text
    assert "Record the decision" not in page and "beyond what you may decide" in page
    response = client.post(
        reverse("plan_sign_off", args=[plan.pk]),
        {"decision": "agree", "reason": "", "seen_decisions": 0},
        follow=True,
    )
    assert "beyond your limit of £30,000.00 a year" in response.text
    assert not SignOffDecision.objects.exists()


def test_a_return_without_reasons_shows_the_error_beside_the_field(
    client, case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    client.force_login(manager)
    response = client.post(
        reverse("plan_sign_off", args=[plan.pk]), {"decision": "return", "reason": " ", "seen_decisions": 0}
    )
    assert response.status_code == 200
    page = response.text
    assert "<title>Error:" in page and 'href="#id_reason"' in page
    assert page.count("Say why the plan is being returned") == 2  # the summary and beside the field
    undecided = client.post(reverse("plan_sign_off", args=[plan.pk]), {"seen_decisions": 0}).text
    assert 'href="#id_decision_0">Select your decision' in undecided and 'id="id_decision_0"' in undecided
    assert not SignOffDecision.objects.exists()


def test_a_team_manager_of_another_team_cannot_open_the_plan(client, case_to_sign_off, practitioner):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, team=TeamFactory(name="South locality team")))
    assert client.get(reverse("plan_sign_off", args=[plan.pk])).status_code == 403


def test_the_queue_puts_the_longest_waiting_first_and_marks_those_past_the_target(
    client, case_to_sign_off, practitioner, manager
):
    waiting = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    SupportPlan.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=8))
    other = budgeted_case(practitioner, CaseFactory(team=practitioner.team))[0]
    recent = sent_for_sign_off(other, practitioner, annual=D("15000"))
    client.force_login(manager)
    page = client.get(reverse("approvals")).text
    assert page.index(reverse("plan_sign_off", args=[waiting.pk])) < page.index(
        reverse("plan_sign_off", args=[recent.pk])
    )
    assert "2 plans waiting, 1 overdue" in page
    assert page.count("govuk-tag--red") == 1
    assert 'Overdue<span class="govuk-visually-hidden">: longer than the target of 7 days</span>' in page
    assert reverse("sign_off_turnaround") in page


def test_a_return_says_what_most_needs_to_change_and_is_refused_without_it(
    client, case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    client.force_login(manager)
    url = reverse("plan_sign_off", args=[plan.pk])
    page = client.get(url).text
    assert "What most needs to change?" in page and "Risks are not addressed" in page
    returning = {"decision": "return", "reason": "Say who helps at weekends", "seen_decisions": 0}
    response = client.post(url, returning)
    assert response.status_code == 200
    assert response.text.count("Select what most needs to change") == 2
    assert 'href="#id_reason_category_1"' in response.text and 'id="id_reason_category_1"' in response.text
    assert not SignOffDecision.objects.exists()
    response = client.post(url, {**returning, "reason_category": "risks"})
    assert response.url == reverse("approvals")
    decision = SignOffDecision.objects.get()
    assert (decision.outcome, decision.reason_category) == ("returned", "risks")
    event = case_to_sign_off.events.get(milestone="plan_returned")
    assert event.facts["reason_category"] == "risks"
