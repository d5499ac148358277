"""Ending support in a browser: the worker ends all of a person's support from their case, a reason missed shown
beside it first; the case closes, and its timeline says why and that the provider was told."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.tests.conftest import agreed_plan, gone_live
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_ends_the_support_with_a_reason_and_the_case_closes(
    page, practitioner, manager, someones_case, questionnaire, ras_version, delegation_scheme
):
    case, *_ = budgeted_case(practitioner, someones_case)
    started = timezone.localdate() - datetime.timedelta(weeks=10)
    gone_live(agreed_plan(case, practitioner, manager), practitioner, starts_on=started)
    today = timezone.localdate()

    sign_in(page, practitioner.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="End the support").click()
    expect(page.locator("h1")).to_have_text("End the support")
    assert accessibility_violations(page) == []

    page.get_by_label("All of the support in the plan").check()
    page.get_by_role("textbox", name="Day").fill(str(today.day))
    page.get_by_role("textbox", name="Month").fill(str(today.month))
    page.get_by_role("textbox", name="Year").fill(str(today.year))
    page.get_by_label("Anything the next worker should know").fill("Her daughter has moved in")
    page.get_by_role("button", name="End the support").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select why the support is ending")
    expect(page.get_by_label("Anything the next worker should know")).to_have_value(
        "Her daughter has moved in"
    )
    assert accessibility_violations(page) == []

    page.get_by_label("Their needs are met").check()
    page.get_by_role("button", name="End the support").click()
    expect(page.get_by_role("alert")).to_contain_text(f"and case {case.reference} is closed")
    expect(page.locator(".fd-stage")).to_contain_text("Closed")
    expect(page.locator(".moj-timeline")).to_contain_text(
        f"All support ends on {today:%-d %B %Y}: their needs are met"
    )
    expect(page.locator("#letters")).to_contain_text(
        "Notice to end support, to the provider Riverside Home Care"
    )
    expect(page.get_by_role("link", name="End the support")).to_have_count(0)
    assert accessibility_violations(page) == []
