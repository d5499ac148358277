"""Sign-off in a browser: a team manager agrees one plan, returns another with reasons and escalates a third,
which the service manager then agrees; how long sign-off takes, read without JavaScript; the pages pass axe."""

import datetime
import re
from decimal import Decimal as D

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessment.tests.factories import start
from cases.tests.factories import CaseFactory
from support_planning.tests.factories import budgeted_case
from validation.models import SignOffDecision
from validation.tests.conftest import sent_for_sign_off
from validation.tests.factories import decided_plan

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def decide(page, person, choice: str, words: str = "", what_to_change: str = "") -> None:
    """Open the person's plan from the queue and record `choice`, with `words` and, for a return, what most needs
    to change."""
    page.get_by_role("link", name=re.compile(person.full_name)).click()
    page.get_by_label(choice).check()
    if what_to_change:
        page.get_by_label(what_to_change).check()
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
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what most needs to change")
    assert accessibility_violations(page) == []
    page.get_by_label("Risks are not addressed").check()
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
    assert SignOffDecision.objects.get(outcome="returned").reason_category == "risks"
    assert made == [
        (plans[0].pk, "agreed", manager.username),
        (plans[1].pk, "returned", manager.username),
        (plans[2].pk, "escalated", manager.username),
        (plans[2].pk, "agreed", service_manager.username),
    ]


def test_a_manager_reads_how_long_sign_off_takes_without_javascript_and_is_told_about_a_bad_date(
    no_js_page, page, manager, delegation_scheme, questionnaire
):
    case = CaseFactory(team=manager.team)
    start(actor=manager, case=case)
    sent = timezone.now() - datetime.timedelta(days=10)
    day = datetime.timedelta(days=1)
    decided_plan(
        case,
        by=manager,
        scheme=delegation_scheme,
        sent=sent,
        escalated=(sent + 2 * day,),
        decided=sent + 9 * day,
    )
    decided_plan(
        case,
        by=manager,
        scheme=delegation_scheme,
        sent=sent,
        decided=sent + day,
        outcome="returned",
        category="cost",
    )

    sign_in(no_js_page, manager.username)
    no_js_page.get_by_role("link", name="Sign-off").click()
    no_js_page.get_by_role("link", name="How long sign-off takes").click()
    expect(no_js_page.locator("#headlines")).to_contain_text("Decided within the target")
    expect(no_js_page.get_by_role("img", name=re.compile("Bar chart of the median time"))).to_be_visible()
    no_js_page.locator("#chart-returns-heading").locator("xpath=..").get_by_text("Show as a table").click()
    expect(no_js_page.get_by_role("table", name="Returns by what most needed to change")).to_contain_text(
        "Its cost"
    )

    # axe runs as a script, so the same pages are checked with JavaScript on.
    sign_in(page, manager.username)
    page.goto("/sign-off/turnaround/")
    expect(page.locator("#chart-time-to-decision-heading")).to_be_visible()
    assert accessibility_violations(page) == []
    page.get_by_label("Year").first.fill("20x6")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The start date must be a real date")
    expect(page.locator("#div_id_first .govuk-error-message")).to_contain_text(
        "The start date must be a real date"
    )
    assert accessibility_violations(page) == []
