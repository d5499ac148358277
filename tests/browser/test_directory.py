"""A citizen finds local help in the directory with a plain browser: no account, no JavaScript needed."""

import pytest
from playwright.sync_api import expect

from directory.tests.factories import ServiceFactory, district

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
    page.locator("#id_radius").select_option("10")
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
