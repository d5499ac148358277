"""The delegation scheme in a browser: a council admin drafts a new version, is told why it cannot be published
while it leaves some plans with no one to agree them, puts that right and publishes it from a date."""

import datetime

import pytest
from playwright.sync_api import expect

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def set_head_of_service_limit(page, amount: str) -> None:
    """From a draft's page, through its configuration screen, to the third level's own page, and back."""
    page.get_by_role("link", name="Change the draft").click()
    page.locator("a.inlinechangelink").nth(2).click()
    page.get_by_label("Highest annual cost it may agree").fill(amount)
    page.get_by_role("button", name="Save", exact=True).click()


def test_an_admin_publishes_a_new_delegation_scheme_only_once_every_plan_has_someone_to_agree_it(
    page, council_admin, delegation_scheme
):
    sign_in(page, council_admin.username)
    page.get_by_role("link", name="Delegation scheme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegation scheme")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Start a draft from it").click()
    expect(page.locator("main")).to_contain_text("Version 2 is a draft")
    expect(page.locator("#levels")).to_contain_text("Head of service")

    set_head_of_service_limit(page, "150000")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto("/sign-off/delegation/")
    page.get_by_role("link", name="Version 2").click()
    expect(page.locator("#problems")).to_contain_text(
        "No one may agree a plan costing more than £150,000.00 a year"
    )
    assert accessibility_violations(page) == []
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    page.get_by_label("The date it takes effect").fill(tomorrow.isoformat())
    page.get_by_role("button", name="Publish version 2").click()
    expect(page.locator("main")).to_contain_text("Version 2 cannot be published yet")

    set_head_of_service_limit(page, "")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto("/sign-off/delegation/")
    page.get_by_role("link", name="Version 2").click()
    expect(page.locator("#problems")).to_have_count(0)
    page.get_by_label("The date it takes effect").fill(tomorrow.isoformat())
    page.get_by_role("button", name="Publish version 2").click()
    expect(page.locator("main")).to_contain_text(
        f"Version 2 is published, in force from {tomorrow:%-d %B %Y}"
    )
