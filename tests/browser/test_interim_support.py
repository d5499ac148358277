"""Urgent support in a browser: the worker arranges it on a case before the plan's support (an end date past the
council's limit refused beside the field first), it is shown at the top of the case, and starting the plan's support
replaces it, as the timeline says."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.tests.conftest import agreed_plan
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, name: str, day: datetime.date) -> None:
    for part, value in enumerate((day.day, day.month, day.year)):
        page.locator(f"input[name={name}_{part}]").fill(str(value))


def test_urgent_support_is_shown_on_the_case_until_the_plans_support_replaces_it(
    page, practitioner, manager, someones_case, questionnaire, ras_version, delegation_scheme
):
    case, *_ = budgeted_case(practitioner, someones_case)
    plan = agreed_plan(case, practitioner, manager)
    today = timezone.localdate()

    sign_in(page, practitioner.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Arrange urgent support before the plan").click()
    expect(page.locator("h1")).to_have_text("Arrange urgent support before the plan")
    assert accessibility_violations(page) == []
    page.get_by_label("Who provides it?").fill("Riverside Home Care")
    page.get_by_label("What support?").fill("Home care twice a day after leaving hospital")
    page.get_by_label("Weekly cost").fill("35.00")
    fill_date(page, "starts_on", today)
    fill_date(page, "ends_on", today + datetime.timedelta(weeks=8))
    page.get_by_role("button", name="Start the urgent support").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("no more than 6 weeks after the start")
    expect(page.get_by_label("What support?")).to_have_value("Home care twice a day after leaving hospital")
    assert accessibility_violations(page) == []
    fill_date(page, "ends_on", today + datetime.timedelta(weeks=4))
    page.get_by_role("button", name="Start the urgent support").click()

    banner = page.locator(".fd-interim")
    expect(banner).to_contain_text("Home care twice a day after leaving hospital, from Riverside Home Care")
    expect(banner).to_contain_text("£35.00 a week")
    assert accessibility_violations(page) == []

    page.goto(f"/reviews/plans/{plan.pk}/go-live/")
    fill_date(page, "starts_on", today)
    fill_date(page, "signed_on", today)
    fill_date(page, "first_payment_on", today)
    page.get_by_role("button", name="Start the support").click()
    expect(page.get_by_role("alert")).to_contain_text("The support has started")
    expect(page.locator(".fd-interim")).to_have_count(0)
    expect(page.locator(".moj-timeline")).to_contain_text(
        "Urgent support from Riverside Home Care replaced by the plan’s support"
    )
    expect(page.locator(".moj-timeline")).to_contain_text("which carries it on unchanged")
