"""A citizen finds local help in the directory with a plain browser: no account, no JavaScript needed."""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from directory.tests.factories import ServiceFactory, district
from tests.browser.conftest import accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lunch_clubs_around_norwich(db):
    for outcode in ("NR1", "NR2", "NR18"):
        district(outcode)
    ServiceFactory(name="Wymondham Lunch Club", at="NR18", categories=["lunch-clubs"])
    ServiceFactory(name="Golden Triangle Lunch", at="NR2", categories=["lunch-clubs"])
    ServiceFactory(name="Riverside Lunch", at="NR1", categories=["lunch-clubs"], at__north=3)
    ServiceFactory(name="Bluebell Home Care", at="NR1", categories=["home-care"])


def test_a_citizen_without_javascript_finds_lunch_clubs_nearest_first(no_js_page, lunch_clubs_around_norwich):
    page = no_js_page
    page.goto("/")
    page.get_by_role("link", name="search the directory of local services").click()
    page.locator("#id_postcode").fill("nr1 3qq")
    page.locator("#id_radius").select_option("10mi")
    page.locator("input[name=category][value=lunch-clubs]").check()
    page.locator("#directory-search button[type=submit]").click()
    results = page.locator("#directory-results [data-service-result] h3 a")
    expect(results).to_have_text(["Golden Triangle Lunch", "Riverside Lunch", "Wymondham Lunch Club"])
    expect(page.locator("#distance-note")).to_be_visible()
    expect(page.locator("#directory-results [data-distance]").first).to_contain_text("miles away")
    results.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Golden Triangle Lunch")


def test_an_unknown_postcode_is_explained_and_the_search_is_kept(no_js_page, lunch_clubs_around_norwich):
    page = no_js_page
    page.goto("/directory/?q=lunch&postcode=NR99+1AA")
    expect(page.locator(".govuk-error-summary")).to_contain_text("We do not know the postcode area NR99")
    expect(page.locator("#id_q")).to_have_value("lunch")


def for_service(action: str, service: str) -> re.Pattern:
    """A list button's accessible name: the action, then (visually hidden) which service it is for."""
    return re.compile(rf"^{action}\W+{re.escape(service)}$")


def wait_for_email(deadline_seconds: float = 60):
    """The Celery worker sends in its own thread; the locmem backend puts the message in this process's outbox."""
    deadline = time.monotonic() + deadline_seconds
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.2)
    assert mail.outbox, "no email arrived"
    return mail.outbox[0]


@pytest.mark.worker
def test_a_citizen_without_javascript_keeps_a_list_of_two_services_and_emails_it_to_themselves(
    no_js_page, lunch_clubs_around_norwich, celery_worker_on_redis
):
    page = no_js_page
    page.goto("/directory/?postcode=NR1+3QQ&radius=10&category=lunch-clubs")
    page.get_by_role("button", name=for_service("Add to your list", "Golden Triangle Lunch")).click()
    page.get_by_role("button", name=for_service("Add to your list", "Wymondham Lunch Club")).click()
    # Back on the same search each time, with the list two long.
    expect(page.locator("#id_postcode")).to_have_value("NR1 3QQ")
    expect(
        page.get_by_role("button", name=for_service("Remove from your list", "Wymondham Lunch Club"))
    ).to_be_visible()
    expect(page.locator("#your-list")).to_contain_text("Your list (2 services)")

    page.get_by_role("link", name="Your list").click()
    expect(page.locator("[data-saved-service] h2")).to_have_text(
        ["Golden Triangle Lunch", "Wymondham Lunch Club"]
    )
    expect(page.locator("[data-print-instructions]")).to_be_visible()  # no button that could not work
    expect(page.locator("[data-print-button]")).to_be_hidden()

    page.get_by_role("button", name="Email this list to yourself").click()
    page.get_by_role("button", name="Send the list").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    page.get_by_label("Email address").fill("ann@example.org")
    page.get_by_role("button", name="Send the list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We’ve sent your list")
    expect(page.locator("#sent-to")).to_have_text("ann@example.org")

    email = wait_for_email()
    assert email.to == ["ann@example.org"]
    assert "Golden Triangle Lunch" in email.body
    assert "Wymondham Lunch Club" in email.body
    assert "Riverside Lunch" not in email.body


def test_with_javascript_the_list_button_changes_in_place_and_the_list_prints_without_the_page_furniture(
    page, lunch_clubs_around_norwich
):
    page.goto("/directory/?postcode=NR1&radius=10")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name=for_service("Add to your list", "Riverside Lunch")).click()
    remove = page.get_by_role("button", name=for_service("Remove from your list", "Riverside Lunch"))
    expect(remove).to_be_focused()
    expect(page.locator("#your-list")).to_contain_text("Your list (1 service)")
    assert page.evaluate("window.notReloaded") is True
    assert accessibility_violations(page) == []

    page.get_by_role("link", name="Your list").click()
    expect(page.get_by_role("button", name="Print this list")).to_be_visible()
    assert accessibility_violations(page) == []
    expect(page.locator("[data-print-instructions]")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this list")).to_be_hidden()
    expect(page.locator("[data-saved-service] h2")).to_have_text(["Riverside Lunch"])
    expect(page.locator("[data-saved-service]").get_by_text("Run by")).to_be_visible()
