"""Journeys in a real browser: signing in as each role, adding a person by keyboard, reading a case."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HOME_HEADINGS = {
    "adviser": "Find a person",
    "practitioner": "Your caseload",
    "manager": "Waiting to be allocated in your team",
    "service_manager": "Open cases by stage",
    "head_of_service": "Open cases by stage",
    "finance_officer": "At the indicative budget stage",
    "directory_editor": "You keep the council's directory",
    "council_admin": "Audit trail",
    "citizen": "Case FD",
}


@pytest.mark.parametrize("role", list(HOME_HEADINGS))
def test_each_role_signs_in_and_lands_on_their_own_home_page(page, request, role):
    user = request.getfixturevalue(role)
    if role == "citizen":
        request.getfixturevalue("citizen_case")
    sign_in(page, user.username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    expect(page.locator("main")).to_contain_text(HOME_HEADINGS[role])
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_an_adviser_adds_a_person_using_only_the_keyboard(page, adviser):
    sign_in(page, adviser.username)
    page.goto("/people/new/")
    page.get_by_label("First name").focus()
    for value in ["Irene", "Walker"]:
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # preferred name left empty
    for value in ["9", "7", "1936"]:
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    page.keyboard.type("4010232137")
    page.get_by_label("Address line 1").fill("12 Orchard Close")
    page.get_by_label("Town or city").fill("Eastwick")
    page.get_by_label("Postcode").fill("nr7 0aa")
    page.get_by_label("Postcode").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Irene Walker")
    expect(page.locator("main")).to_contain_text("NR7 0AA")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Irene Walker added")


def test_mistakes_are_summarised_and_the_summary_links_to_the_field(page, adviser):
    sign_in(page, adviser.username)
    page.goto("/people/new/")
    page.get_by_label("First name").fill("Irene")
    page.get_by_label("NHS number").fill("1234567890")
    page.get_by_role("button", name="Save person").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter a valid NHS number")
    expect(page.get_by_label("First name")).to_have_value("Irene")
    summary.get_by_role("link", name=re.compile("Enter a valid NHS number")).click()
    expect(page.get_by_label("NHS number")).to_be_focused()
    assert accessibility_violations(page) == []


def test_the_case_overview_reads_well_on_a_tablet_and_passes_an_accessibility_audit(
    tablet_page, practitioner, someones_case
):
    sign_in(tablet_page, practitioner.username)
    tablet_page.goto(f"/cases/{someones_case.pk}/")
    expect(tablet_page.get_by_role("heading", level=1)).to_have_text("Margaret Ellis")
    expect(tablet_page.locator(".moj-timeline")).to_contain_text("Case opened")
    width = tablet_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 768, "nothing spills sideways at tablet width"
    assert accessibility_violations(tablet_page) == []


def test_the_pages_work_without_javascript(no_js_page, adviser, someones_case):
    sign_in(no_js_page, adviser.username)
    no_js_page.goto("/people/?q=Ellis")
    no_js_page.get_by_role("link", name="Margaret Ellis").click()
    expect(no_js_page.get_by_role("heading", level=1)).to_contain_text("Margaret Ellis")
    no_js_page.goto("/people/new/")
    no_js_page.get_by_role("button", name="Save person").click()
    expect(no_js_page.locator(".govuk-error-summary")).to_contain_text("Enter the person's first name")
