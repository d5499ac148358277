"""The risk enablement panel in a browser: the practitioner adds a risk for the panel and refers it from the plan
page; on the day, the team manager opens the meeting's agenda from their home page, records the panel's decision
(its errors first) and the worker sees it on the plan; the agenda works without JavaScript; axe finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from validation.models import PanelDecision
from validation.tests.panel_factories import held, meeting_in

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

RISK = "I want to go to the allotment on my own"


def test_a_risk_referred_from_the_plan_is_decided_at_the_meeting_and_shown_on_the_plan(
    page, no_js_page, practitioner, manager, plan_being_written
):
    plan = plan_being_written
    meeting = meeting_in(2, place="County Hall, Committee Room 2")
    sign_in(page, practitioner.username)
    page.goto(f"/plans/cases/{plan.case_id}/")
    page.get_by_role("link", name="Add a risk").click()
    page.get_by_label("The risk", exact=True).fill(RISK)
    page.get_by_label("How it will be reduced").fill("I take my phone and tell my neighbour when I go")
    page.get_by_label("Ask the risk enablement panel to decide on this risk").check()
    page.get_by_role("button", name="Save and return to the plan").click()

    page.get_by_role("link", name=re.compile("Refer it to the panel")).click()
    expect(page.get_by_label(f"The risk: “{RISK}”")).to_be_checked()
    expect(page.locator("#next-meeting")).to_contain_text("County Hall, Committee Room 2")
    page.get_by_role("button", name="Refer to the panel").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the question the panel is to decide")
    assert accessibility_violations(page) == []
    page.get_by_label("What should the panel decide?").fill("Whether they can go to the allotment alone")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("Family, friends or a representative coming with them (optional)").fill(
        "Ann Ellis, daughter"
    )
    page.get_by_role("button", name="Refer to the panel").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("It goes to the panel on")
    expect(page.locator("main")).to_contain_text("Ann Ellis, daughter")
    assert accessibility_violations(page) == []

    held(meeting)  # the day of the meeting
    page.context.clear_cookies()
    sign_in(page, manager.username)
    page.get_by_role("link", name="Risk enablement panel").first.click()
    assert accessibility_violations(page) == []
    page.locator("#upcoming a").first.click()
    expect(page.locator("#item-1")).to_contain_text(RISK)
    assert accessibility_violations(page) == []
    page.get_by_role("link", name=re.compile("Record the decision")).click()
    page.get_by_label("Risk accepted with changes to the plan").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the panel’s reasons")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the changes the plan needs")
    assert accessibility_violations(page) == []
    page.get_by_label("Risk accepted with the plan as it is").check()
    page.get_by_label("The panel’s reasons").fill(
        "The allotment matters to them, and the phone makes it safe"
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#item-1")).to_contain_text("Risk accepted with the plan as it is")

    no_js_page.goto("/")
    sign_in(no_js_page, manager.username)
    no_js_page.goto(f"/panel/meetings/{meeting.pk}/")
    expect(no_js_page.locator("[data-print-instructions]")).to_be_visible()
    expect(no_js_page.locator("#item-1")).to_contain_text("The allotment matters to them")

    page.context.clear_cookies()
    sign_in(page, practitioner.username)
    page.goto(f"/plans/cases/{plan.case_id}/")
    expect(page.locator("#panel ~ .govuk-summary-card").first).to_contain_text(
        "Risk accepted with the plan as it is"
    )
    expect(page.get_by_role("link", name=re.compile("Refer it to the panel"))).to_have_count(0)
    assert accessibility_violations(page) == []
    assert PanelDecision.objects.get().decided_by == manager
