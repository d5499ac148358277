"""A citizen narrows the directory to running services, or widens it to paused ones, and measures in kilometres:
the filters work without JavaScript, stay in the link, and read well on a desktop and on a tablet."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from directory.models import Service
from directory.tests.factories import ServiceFactory, district
from tests.browser.conftest import accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots/directory")


@pytest.fixture
def clubs_near_norwich(db):
    for outcode in ("NR1", "NR2", "NR18"):
        district(outcode)
    ServiceFactory(name="Riverside Lunch", at="NR1", at__north=1, categories=["lunch-clubs"])
    ServiceFactory(name="Golden Triangle Lunch", at="NR2", categories=["lunch-clubs"])
    ServiceFactory(
        name="Lakenham Lunch Club",
        at="NR1",
        categories=["lunch-clubs"],
        status=Service.Status.TEMPORARILY_CLOSED,
    )
    ServiceFactory(name="Wymondham Lunch Club", at="NR18", categories=["lunch-clubs"])


def results(page):
    return page.locator("#directory-results [data-service-result] h3 a")


def test_without_javascript_a_citizen_sees_running_services_then_ticks_to_see_paused_ones_too(
    no_js_page, clubs_near_norwich
):
    page = no_js_page
    page.goto("/directory/")
    page.locator("#id_postcode").fill("NR1")
    page.locator("#id_radius").select_option("5km")
    page.locator("#directory-search button[type=submit]").click()
    expect(results(page)).to_have_text(["Riverside Lunch", "Golden Triangle Lunch"])
    expect(page.locator("#directory-results [data-distance]").first).to_have_text("1.6 km away")
    expect(page.locator("#results-heading")).to_contain_text("within 5 km of NR1")

    page.get_by_label("Include services not running at the moment").check()
    page.locator("#directory-search button[type=submit]").click()
    assert "include_not_running=on" in page.url and "radius=5km" in page.url
    expect(results(page)).to_have_text(["Lakenham Lunch Club", "Riverside Lunch", "Golden Triangle Lunch"])
    expect(page.locator("#directory-results")).to_contain_text("Temporarily closed")
    expect(page.get_by_label("Include services not running at the moment")).to_be_checked()
    expect(page.locator("#id_radius")).to_have_value("5km")

    page.locator("[data-service-result]", has_text="Lakenham Lunch Club").get_by_role("button").click()
    assert "include_not_running=on" in page.url  # back to the same search, paused services still shown
    expect(results(page)).to_have_count(3)


@pytest.mark.parametrize("viewport", ["page", "tablet_page"])
def test_the_filters_fit_and_pass_an_accessibility_check_on_a_desktop_and_a_tablet(
    request, viewport, clubs_near_norwich
):
    page = request.getfixturevalue(viewport)
    page.goto("/directory/?postcode=NR1&radius=20km&include_not_running=on&category=lunch-clubs")
    expect(results(page)).to_have_count(4)
    expect(page.get_by_label("Include services not running at the moment")).to_be_visible()
    assert accessibility_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"search-filters-{width}.png"), full_page=True)
