"""A change at a review going live, in a browser: the review finds the plan needs changing, the worker adds half an
hour a day to the direct payment and gives the lunches to another provider, and the change is agreed as it is sent.
While it waits, the lunches' provider still sees the person. Starting the support says first what happens to the
support in place; then a real Celery worker renders the old provider's notice, the new provider's order and the
person's direct payment letter for the new amount, and the old provider no longer sees the person. Every page
passes axe."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Letter, LetterType
from reviews.models import Review
from reviews.tests.conftest import ARRANGED, DIRECT_PAYMENT, agreed_plan, gone_live
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in
from .test_changes_at_review import record_review
from .test_go_live import fill_date, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def rendered(case, letter_type: str, **content) -> Letter:
    """The case's letter of `letter_type` whose content has `content`, once the Celery worker has rendered it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for letter in Letter.objects.filter(case=case, letter_type=letter_type, status=Letter.Status.READY):
            if all(letter.content.get(key) == value for key, value in content.items()):
                return letter
        time.sleep(0.25)
    raise AssertionError(f"no {letter_type} letter with {content} was rendered")


def edit_item(page, case, description: str, label: str, value: str) -> None:
    page.goto(reverse("support_plan", args=[case.pk]))
    page.get_by_role("link", name=description).first.click()
    page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Save").first.click()


def test_a_change_at_a_review_going_live_ends_the_old_providers_service_and_starts_the_new_support(
    page,
    practitioner,
    manager,
    provider,
    someone,
    someones_case,
    questionnaire,
    ras_version,
    delegation_scheme,
    celery_worker_on_redis,
):
    ours = provider.organisation.name
    today = timezone.localdate()
    case, *_ = budgeted_case(practitioner, someones_case)
    plan = agreed_plan(case, practitioner, manager, ways=(DIRECT_PAYMENT, {**ARRANGED, "provider": ours}))
    gone_live(plan, practitioner, starts_on=today - datetime.timedelta(weeks=4))
    sign_in(page, practitioner.username)

    # The review changes the plan: half an hour more a day from the personal assistant, lunches from Lakeside.
    record_review(
        page, Review.objects.get(case=case, status=Review.Status.SCHEDULED), "The plan needs changing"
    )
    edit_item(page, case, DIRECT_PAYMENT["description"], "Hours a week", "7.5")
    edit_item(page, case, ARRANGED["description"], "Provider", "Lakeside Meals")
    page.get_by_role("link", name="Check and agree the changes").click()
    page.get_by_role("button", name="Agree the changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The changes are agreed")

    # The lunches' provider still sees Margaret while the changed plan waits to start.
    page.context.clear_cookies()
    sign_in(page, provider.username)
    page.goto(reverse("supported_people"))
    expect(page.locator("#people")).to_contain_text(someone.full_name)

    # Starting the support says what becomes of the support in place.
    page.context.clear_cookies()
    sign_in(page, practitioner.username)
    page.goto(reverse("support_plan", args=[case.pk]))
    page.get_by_role("link", name="Start the support").click()
    replacing = page.locator("#replacing")
    expect(replacing).to_contain_text("Ends the day before")
    expect(replacing).to_contain_text(f"Another provider takes it over: {ours} is sent a notice")
    expect(replacing).to_contain_text("The direct payment agreed before: £560.00 every four weeks")
    assert accessibility_violations(page) == []
    fill_date(page, "When does the support start?", today)
    fill_date(page, "When was the direct payment agreement signed?", today)
    fill_date(page, "When is the first payment?", today)
    page.get_by_role("button", name="Start the support").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The support has started")
    page.goto(case.get_absolute_url())
    expect(page.locator("main")).to_contain_text("it replaces version 1’s support")
    expect(page.locator("main")).to_contain_text(f"Lunch delivered on weekdays from {ours} ends on")
    assert accessibility_violations(page) == []

    # The letters, rendered by the worker.
    yesterday = f"{today - datetime.timedelta(days=1):%-d %B %Y}"
    notice = pdf_text(rendered(case, LetterType.PROVIDER_ENDING, provider=ours))
    assert f"Support for Margaret Ellis ends on {yesterday}" in notice and "another provider" in notice
    order = pdf_text(rendered(case, LetterType.PROVIDER_ORDER, provider="Lakeside Meals"))
    assert "Lunch delivered on weekdays" in order and "Margaret Ellis" in order
    payment = pdf_text(rendered(case, LetterType.DIRECT_PAYMENT, each="600.00"))
    assert "£600.00" in payment and "every four weeks" in payment
    assert (
        f"The one you had before, £560.00 every four weeks, pays for your support up to and including {yesterday}"
        in (payment)
    )

    # Its order has ended: the old provider no longer sees her.
    page.context.clear_cookies()
    sign_in(page, provider.username)
    page.goto(reverse("supported_people"))
    expect(page.locator("main")).not_to_contain_text(someone.full_name)
    assert page.goto(reverse("record_progress", args=[case.pk])).status == 404
