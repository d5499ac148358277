"""A directory editor keeps a listing right: a member of the public reports a change, the editor corrects the
listing and checks it, and the public page shows the new details."""

import datetime

import pytest
from playwright.sync_api import expect

from directory.models import Schedule
from directory.tests.factories import ServiceFactory, district

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def out_of_date_lunch_club(db):
    district("NR1")
    return ServiceFactory(
        name="Riverside Lunch Club",
        at="NR1",
        assured_date=datetime.date(2024, 6, 1),
        open_on=[Schedule.Weekday.MONDAY],
    )


def test_an_editor_corrects_a_listing_someone_reported(page, directory_editor, out_of_date_lunch_club):
    service = out_of_date_lunch_club
    page.goto(service.get_absolute_url())
    page.get_by_role("link", name="Suggest a correction").click()
    page.get_by_label("Opening times").check()
    page.get_by_label("What is wrong, and what should it say?").fill(
        "It meets on Wednesdays from 11am to 2pm now."
    )
    page.get_by_role("button", name="Send correction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correction sent")

    sign_in(page, directory_editor.username)
    page.get_by_role("link", name="Manage the directory").first.click()
    page.get_by_role("link", name="suggested corrections to do").click()
    page.get_by_role("link", name="Riverside Lunch Club").click()
    expect(page.locator("#suggestions")).to_contain_text("It meets on Wednesdays")
    assert accessibility_violations(page) == []

    page.get_by_role("link", name="Change opening times").click()
    monday, wednesday = (page.get_by_role("group", name=day) for day in ("Monday", "Wednesday"))
    expect(monday.get_by_label("Opens")).to_have_value("10am")  # as the hint writes times
    monday.get_by_label("Opens").fill("")
    monday.get_by_label("Closes").fill("")
    wednesday.get_by_label("Opens").fill("11am")
    wednesday.get_by_label("Closes").fill("2")
    page.get_by_role("button", name="Save opening times").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the time it closes on Wednesday")
    assert accessibility_violations(page) == []
    wednesday.get_by_label("Closes").fill("2pm")
    page.get_by_role("button", name="Save opening times").click()
    expect(page.locator("#times")).to_contain_text("11am to 2pm")

    page.get_by_role("link", name="Deal with this suggestion").click()
    page.get_by_label("I corrected the listing").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#suggestions")).to_have_count(0)
    page.get_by_role("button", name="I have checked it is right today").click()
    expect(page.locator("#checked")).to_contain_text(
        f"Last checked with the provider on {datetime.date.today():%-d %B %Y}"
    )

    page.get_by_role("link", name="See it as the public does").click()
    expect(page.locator("#opening-times")).to_contain_text("Wednesday")
    expect(page.locator("#opening-times")).not_to_contain_text("Monday")
