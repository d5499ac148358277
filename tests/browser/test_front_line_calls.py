"""Calls at the front line, counted in screens: advice with services from the directory for someone on the
record (three screens), the same for someone new (four), and a form sent online picked up with everything the
sender typed already filled in. Every page visited is checked for accessibility and photographed at 1280 and
768 px (under /tmp/shots/call/)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from directory.tests.factories import ServiceFactory, district

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots/call")


class Screens:
    """Whole pages the browser loads (not htmx swaps), counted from `start()`."""

    def __init__(self, page):
        self.urls: list[str] = []
        page.on("response", self._seen)

    def _seen(self, response):
        request = response.request
        if (
            request.resource_type == "document"
            and response.status == 200
            and "hx-request" not in request.headers
        ):
            self.urls.append(response.url)

    def start(self):
        self.urls.clear()

    def __len__(self):
        return len(self.urls)


def look(page, name: str):
    """Check the page for accessibility, and photograph it at desktop and tablet widths."""
    assert accessibility_violations(page) == [], name
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 768):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def the_call(page, reason: str):
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("A relative, friend or carer").check()
    page.get_by_label("Caller's name").fill("Ann Ellis")
    page.get_by_label("Their relationship to the person").fill("Daughter")
    page.get_by_label("Why are they getting in touch?").fill(reason)
    page.get_by_label("Community").check()
    page.get_by_role("group", name="Is anyone at risk of harm now?").get_by_label("No").check()


def signpost_the_lunch_club(page, prefix: str):
    page.locator("#id_q").fill("lunch")
    page.locator("#id_postcode").fill("NR1 3QQ")
    page.locator("#signpost-search").get_by_role("button", name="Search").click()
    expect(page.locator("#directory-results")).to_contain_text("Riverside Lunch Club")
    expect(page.locator("#id_q")).to_have_value("lunch")  # what was typed stays
    page.get_by_role("button", name="Add Riverside Lunch Club to the summary").click()
    expect(page.locator("#signposts")).to_contain_text("Riverside Lunch Club")
    look(page, f"{prefix}-2-what-was-agreed")
    page.get_by_label("Information and advice, with signposting").check()
    page.get_by_label("They do not want one").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and complete")
    expect(page.locator("main")).to_contain_text("Riverside Lunch Club")


@pytest.fixture
def lunch_club(db):
    district("NR1")
    return ServiceFactory(name="Riverside Lunch Club", at="NR1", categories=["lunch-clubs"])


def test_a_signposting_call_about_someone_on_the_record_takes_three_screens(
    page, adviser, someone, lunch_club
):
    sign_in(page, adviser.username)
    screens = Screens(page)
    screens.start()
    page.get_by_role("button", name="Record a contact").click()
    page.get_by_label("Find the person").fill(someone.family_name)
    page.locator("#person-search").get_by_role("button", name="Search").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label(re.compile(f"{someone.full_name}, born")).check()
    the_call(page, "Lonely since her husband died; would like company")
    look(page, "known-1-who-and-why")
    page.get_by_role("button", name="Save and continue").click()
    signpost_the_lunch_club(page, "known")
    look(page, "known-3-check")
    to_check = len(screens)
    page.get_by_role("button", name="Complete the contact").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    print(f"\nAdvice call, person on the record: {to_check} screens to check and complete: {screens.urls}")
    assert to_check <= 3

    # The next call about her, started from her record, shows what the record holds instead of asking.
    page.goto(f"/people/{someone.pk}/")
    page.get_by_role("button", name=f"Record a contact about {someone.full_name}").click()
    expect(page.locator("main")).to_contain_text("Consent to share")
    expect(page.locator("main")).to_contain_text("Given")
    expect(page.get_by_role("group", name=re.compile("agree to us sharing"))).to_have_count(0)
    look(page, "known-next-call-who-and-why")


def test_the_same_call_for_someone_new_takes_four_screens(page, adviser, lunch_club):
    sign_in(page, adviser.username)
    screens = Screens(page)
    screens.start()
    page.get_by_role("button", name="Record a contact").click()
    page.get_by_label("Find the person").fill("Irene Walker")
    page.locator("#person-search").get_by_role("button", name="Search").click()
    expect(page.locator("#div_id_who")).to_contain_text("Nobody on the record matches “Irene Walker”")
    page.get_by_label("Someone not on the record yet").check()
    the_call(page, "Her mother is on her own since a fall")
    page.get_by_label("Yes, the person agrees").check()
    look(page, "new-1-who-and-why")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_label("First name")).to_have_value("Irene")  # the name searched for
    expect(page.get_by_label("Last name")).to_have_value("Walker")
    expect(page.get_by_label(re.compile("agrees that we may share"))).to_be_checked()
    page.get_by_label("Day").fill("9")
    page.get_by_label("Month").fill("7")
    page.get_by_label("Year").fill("1936")
    page.get_by_label("Address line 1").fill("12 Orchard Close")
    page.get_by_label("Town or city").fill("Norwich")
    page.get_by_label("Postcode").fill("NR7 0AA")
    look(page, "new-2-add-the-person")
    page.get_by_role("button", name="Save person").click()
    signpost_the_lunch_club(page, "new")
    look(page, "new-4-check")
    to_check = len(screens)
    page.get_by_role("button", name="Complete the contact").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    print(f"\nAdvice call, someone new: {to_check} screens to check and complete: {screens.urls}")
    assert to_check <= 4


def test_a_form_sent_online_is_picked_up_with_everything_filled_in(page, browser, live_server, adviser):
    page.goto("/contact-us/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("I need care and support myself").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("First name").fill("Irene")
    page.get_by_label("Last name").fill("Walker")
    page.get_by_label("Day").fill("9")
    page.get_by_label("Month").fill("7")
    page.get_by_label("Year").fill("1936")
    page.get_by_label("Address line 1").fill("12 Orchard Close")
    page.get_by_label("Town or city").fill("Norwich")
    page.get_by_label("Postcode").fill("NR7 0AA")
    page.get_by_label("Phone number").fill("01632 960555")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What help is needed?").fill("I cannot get in and out of the bath")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name=re.compile("Change.*date of birth")).click()  # back to a filled date
    expect(page.get_by_label("Year")).to_have_value("1936")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send").click()
    reference = page.locator("#reference").inner_text()

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    staff = context.new_page()
    sign_in(staff, adviser.username)
    staff.goto("/contact/")
    staff.get_by_role("link", name=re.compile(reference)).click()
    staff.get_by_role("button", name="Pick up this contact").click()
    expect(staff.locator("#person-q")).to_have_value("Irene Walker")
    expect(staff.get_by_label("Why are they getting in touch?")).to_have_value(
        "I cannot get in and out of the bath"
    )
    expect(staff.get_by_label("The person themselves")).to_be_checked()
    look(staff, "online-1-who-and-why")
    staff.get_by_label("Someone not on the record yet").check()
    staff.get_by_label("Community").check()
    staff.get_by_role("group", name="Is anyone at risk of harm now?").get_by_label("No").check()
    staff.get_by_role("button", name="Save and continue").click()
    for label, value in {
        "First name": "Irene",
        "Last name": "Walker",
        "Day": "9",
        "Month": "7",
        "Year": "1936",
        "Address line 1": "12 Orchard Close",
        "Town or city": "Norwich",
        "Postcode": "NR7 0AA",
        "Phone number (optional)": "01632 960555",
    }.items():
        expect(staff.get_by_label(label, exact=True)).to_have_value(value)
    look(staff, "online-2-add-the-person")
    context.close()


def test_a_call_is_recorded_without_javascript(no_js_page, adviser, someone, lunch_club):
    page = no_js_page
    sign_in(page, adviser.username)
    page.get_by_role("button", name="Record a contact").click()
    page.get_by_label("Find the person").fill(someone.family_name)
    page.locator("#person-search").get_by_role("button", name="Search").click()
    expect(page.locator("#person-q")).to_have_value(someone.family_name)  # the search is kept
    page.get_by_label(re.compile(f"{someone.full_name}, born")).check()
    the_call(page, "Would like company")
    page.get_by_role("button", name="Save and continue").click()
    page.locator("#id_q").fill("lunch")
    page.locator("#id_postcode").fill("NR1 3QQ")
    page.locator("#signpost-search").get_by_role("button", name="Search").click()
    expect(page.locator("#id_q")).to_have_value("lunch")
    page.get_by_role("button", name="Add Riverside Lunch Club to the summary").click()
    expect(page.locator("#signposts")).to_contain_text("Riverside Lunch Club")
    expect(page.locator("#id_q")).to_have_value("lunch")  # back at the same search
    page.get_by_label("They do not want one").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("main")).to_contain_text(
        "Information and advice, with signposting"
    )  # services are advice
    page.get_by_role("button", name="Complete the contact").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
