"""The front door in a browser: an adviser takes calls, a manager sees a safeguarding concern at once, and a
citizen sends the online form with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from directory.tests.factories import ServiceFactory, district

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def record_the_call(
    page, person_name: str, reason: str, *, risk: str = "No", known_matter: str | None = None
):
    """From the adviser's home page to the outcomes step, about a person already on the record; `known_matter`
    answers whether it is about something already known (asked only of someone who has been in touch before)."""
    page.get_by_role("button", name="Record a contact").click()
    page.get_by_label("Find the person").fill(person_name.split()[-1])
    page.locator("#person-search").get_by_role("button", name="Search").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label(re.compile(f"{person_name}, born")).check()
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("A relative, friend or carer").check()
    page.get_by_label("Caller's name").fill("Ann Ellis")
    page.get_by_label("Their relationship to the person").fill("Daughter")
    page.get_by_label("Why are they getting in touch?").fill(reason)
    page.get_by_label("Community").check()
    page.get_by_role("group", name="Is anyone at risk of harm now?").get_by_label(risk).check()
    if known_matter:
        page.get_by_role("group", name="Is this about something we already know of?").get_by_label(
            known_matter
        ).check()
    page.get_by_role("button", name="Save and continue").click()


def test_an_advice_call_ends_with_a_signposting_letter(page, adviser, someone, celery_worker_on_redis):
    district("NR1")
    ServiceFactory(name="Riverside Lunch Club", at="NR1", categories=["lunch-clubs"])
    sign_in(page, adviser.username)
    record_the_call(page, someone.full_name, "Lonely since her husband died; would like company")
    page.locator("#id_q").fill("lunch")
    page.locator("#id_postcode").fill("NR1 3QQ")
    page.locator("#signpost-search").get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Add Riverside Lunch Club to the summary").click()
    expect(page.locator("#signposts")).to_contain_text("Riverside Lunch Club")
    assert accessibility_violations(page) == []
    page.get_by_label("Information and advice, with signposting").check()
    page.get_by_label("By letter").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("main")).to_contain_text("Lonely since her husband died")
    page.get_by_role("button", name="Complete the contact").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    page.get_by_role("link", name=re.compile("Case FD")).click()
    expect(page.locator("main")).to_contain_text("Resolved at first contact")
    expect(page.locator("main")).to_contain_text("Letter ready: What we talked about", timeout=60000)


def test_a_safeguarding_call_is_on_the_managers_queue_at_once(
    page, browser, live_server, adviser, manager, someone
):
    sign_in(page, adviser.username)
    record_the_call(page, someone.full_name, "Neighbour saw bruises on her arms", risk="Yes")
    page.get_by_role("checkbox", name="Safeguarding concern").check()
    page.get_by_label("The safeguarding concern").fill("Bruises on both arms; says her carer grabs her")
    page.get_by_label("They do not want one").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Complete the contact").click()
    expect(page.locator("main")).to_contain_text("waiting for a manager's decision")

    context = browser.new_context(base_url=live_server.url)
    manager_page = context.new_page()
    sign_in(manager_page, manager.username)
    manager_page.get_by_role("link", name="Safeguarding concerns").click()
    expect(manager_page.locator("#queue")).to_contain_text(someone.full_name)
    assert accessibility_violations(manager_page) == []
    manager_page.get_by_role("link", name=f"Decide on the concern about {someone.full_name}").click()
    manager_page.get_by_label("Section 42 enquiry").check()
    manager_page.get_by_label("Reasons for your decision").fill(
        "Criteria met: care and support needs, at risk"
    )
    manager_page.get_by_role("button", name="Record decision").click()
    expect(manager_page.locator("#queue")).not_to_contain_text(someone.full_name)
    context.close()


def test_a_citizen_sends_the_online_form_without_javascript(no_js_page):
    page = no_js_page
    page.goto("/")
    page.get_by_role("link", name="contact adult social care online").click()
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("I'm a relative, friend or unpaid carer").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("First name").fill("Margaret")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a last name")
    expect(page.get_by_label("First name")).to_have_value("Margaret")
    page.get_by_label("Last name").fill("Ellis")
    page.get_by_label("Postcode").fill("NR1 3QQ")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your name").fill("Ann Ellis")
    page.get_by_label("Your email address").fill("ann@example.com")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What help is needed?").fill("Mum cannot manage the stairs any more")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending")
    expect(page.locator("main")).to_contain_text("Margaret Ellis")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Message sent")
    expect(page.locator("#reference")).to_have_text(re.compile(r"CT\d{6}"))
