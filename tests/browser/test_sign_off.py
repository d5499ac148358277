"""Sign-off in a browser: a team manager agrees one plan, returns another with reasons and escalates a third,
which the service manager then agrees; the pages pass axe."""

import re
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from cases.tests.factories import CaseFactory
from support_planning.tests.factories import budgeted_case
from validation.models import SignOffDecision
from validation.tests.conftest import sent_for_sign_off

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def decide(page, person, choice: str, words: str = "") -> None:
    page.get_by_role("link", name=re.compile(person.full_name)).click()
    page.get_by_label(choice).check()
    if words:
        page.get_by_label("Your reasons or note").fill(words)
    page.get_by_role("button", name="Record the decision").click()


def test_a_team_manager_agrees_returns_and_escalates_and_the_service_manager_agrees_what_was_escalated(
    page, practitioner, manager, service_manager, questionnaire, ras_version, delegation_scheme
):
    plans = [
        sent_for_sign_off(
            budgeted_case(practitioner, CaseFactory(team=practitioner.team))[0], practitioner, annual=annual
        )
        for annual in (D("12000"), D("15000"), D("18000"))
    ]
    agreed, returned, escalated = (plan.case.person for plan in plans)
    sign_in(page, manager.username)
    page.get_by_role("link", name="Sign-off").click()
    expect(page.locator("#queue")).to_contain_text("3 plans waiting")
    assert accessibility_violations(page) == []

    page.get_by_role("link", name=re.compile(agreed.full_name)).click()
    expect(page.locator("#where")).to_contain_text("Waiting for the team manager")
    assert accessibility_violations(page) == []
    page.go_back()
    decide(page, agreed, "Agree the plan")
    expect(page.locator("main")).to_contain_text(f"{agreed.full_name}’s support plan is agreed")

    decide(page, returned, "Return it to be changed")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the plan is being returned")
    assert accessibility_violations(page) == []
    page.get_by_label("Your reasons or note").fill("Say who helps at weekends")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main")).to_contain_text(f"{returned.full_name}’s support plan is returned")

    decide(page, escalated, "Escalate it to the service manager", "A provider we have not used before")
    expect(page.locator("#nothing-waiting")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, service_manager.username)
    page.get_by_role("link", name="Sign-off").click()
    expect(page.locator("#queue")).to_contain_text("1 plan waiting")
    page.get_by_role("link", name=re.compile(escalated.full_name)).click()
    expect(page.locator("#decisions")).to_contain_text("A provider we have not used before")
    page.get_by_label("Agree the plan").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main")).to_contain_text(f"{escalated.full_name}’s support plan is agreed")

    made = [(d.plan_id, d.outcome, d.decided_by.username) for d in SignOffDecision.objects.order_by("pk")]
    assert made == [
        (plans[0].pk, "agreed", manager.username),
        (plans[1].pk, "returned", manager.username),
        (plans[2].pk, "escalated", manager.username),
        (plans[2].pk, "agreed", service_manager.username),
    ]
