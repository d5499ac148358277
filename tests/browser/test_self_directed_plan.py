"""A self-directed plan in a browser: the person signs in with JavaScript off, drafts their own plan from their
outcomes and budget one outcome a page, sends it to their worker, and the worker finds it on the case as the draft
they carry on from."""

import pytest
from playwright.sync_api import expect

from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def accessibility_violations_of(no_js, checker) -> list[dict]:
    """What axe finds on the page `no_js` shows, checked in `checker` (a page with JavaScript, which axe needs)
    signed in as the same person."""
    checker.context.add_cookies(no_js.context.cookies())
    checker.goto(no_js.url)
    found = accessibility_violations(checker)
    checker.context.clear_cookies()
    return found


def test_a_citizen_drafts_their_own_plan_without_javascript_and_sends_it_to_their_worker(
    no_js_page, page, practitioner, citizen, citizen_case, questionnaire, ras_version
):
    case, _, budget = budgeted_case(practitioner, citizen_case)
    person = no_js_page
    sign_in(person, citizen.username)
    person.goto(f"/your-case/{case.pk}/")
    person.get_by_role("link", name="Your support plan").click()
    person.get_by_role("link", name="Draft your own plan").click()
    expect(person.locator("#starting-point")).to_contain_text(f"£{budget.weekly:,}")
    person.get_by_role("button", name="Start drafting my plan").click()

    # The first outcome: their words are there already; a way to meet it, added with a mistake first.
    expect(person.get_by_label("What I want to achieve")).not_to_be_empty()
    assert accessibility_violations_of(person, page) == []
    person.get_by_label("Paid support, like a care worker or a personal assistant").check()
    person.get_by_label("Who, and when (optional)").fill("Weekday mornings")
    person.get_by_role("button", name="Save and add another way").click()
    expect(person.locator(".govuk-error-summary")).to_contain_text("Enter what it is")
    expect(person.get_by_label("Who, and when (optional)")).to_have_value("Weekday mornings")
    person.get_by_label("What it is", exact=True).fill("A personal assistant to help me wash and dress")
    person.get_by_label("A direct payment: the money comes to me and I arrange the support").check()
    person.get_by_label("About how much it costs a week (optional)").fill("150")
    person.get_by_role("button", name="Save and add another way").click()
    expect(person.locator("#ways")).to_contain_text("A personal assistant to help me wash and dress")
    expect(person.locator("#draft-money")).to_contain_text("£150.00 a week")
    person.get_by_label("Family, friends or neighbours").check()
    person.get_by_label("What it is", exact=True).fill("Help with a shower on Sundays")
    person.get_by_label("Who, and when (optional)").fill("My son Sam")
    person.get_by_role("button", name="Save and continue").click()

    # The second outcome, then what matters, then the check page.
    expect(person.locator(".govuk-caption-l")).to_contain_text("2 of 2")
    person.get_by_label("Family, friends or neighbours").check()
    person.get_by_label("What it is", exact=True).fill("Sunday lunch with Sam")
    person.get_by_role("button", name="Save and continue").click()
    person.get_by_label("If my support fails").fill("Ring Sam on 07700 900123")
    person.get_by_role("button", name="Continue").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Check your plan before you send it")
    expect(person.locator("#money")).to_contain_text("£150.00 a week")
    assert accessibility_violations_of(person, page) == []
    person.get_by_role("button", name="Send my plan to my worker").click()
    expect(person.locator("#drafting")).to_contain_text("You sent your draft plan to your worker")

    # The worker finds the draft on the case and carries on from it.
    sign_in(page, practitioner.username)
    page.goto(f"/plans/cases/{case.pk}/")
    expect(page.locator("#drafter")).to_contain_text("drafted this plan online and sent it to you")
    expect(page.locator("#outcome-1")).to_contain_text("A personal assistant to help me wash and dress")
    expect(page.locator("#contingency")).to_contain_text("Ring Sam")
    expect(page.get_by_role("link", name="Check and send for sign-off")).to_be_visible()
