"""Go-live in a browser, for each way the money is managed: a plan paid by direct payment starts once the worker
records the agreement and its first payment (dates out of order refused beside their fields, what was typed
kept); a plan of services the council arranges starts with an order to the provider named on the plan, nothing
typed again. The case shows the support in place and the first review; a real Celery worker renders the person's
direct payment letter and the provider's order, which read in plain words. Every page passes axe."""

import datetime
import io
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from cases.models import Letter, LetterType
from cases.tests.factories import CaseFactory, PersonFactory
from reviews.models import GoLive, Review
from reviews.tests.conftest import ARRANGED, DIRECT_PAYMENT, agreed_plan
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, question: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=question)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def rendered(letter_type: str, case) -> Letter:
    """The letter once the Celery worker has rendered it (a minute at most)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        letter = Letter.objects.filter(case=case, letter_type=letter_type, status=Letter.Status.READY).first()
        if letter:
            return letter
        time.sleep(0.25)
    raise AssertionError(f"no {letter_type} letter was rendered")


def pdf_text(letter) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(letter.pdf))).pages).split()
    )


def test_support_starts_as_a_direct_payment_and_as_services_the_council_arranges(
    page, practitioner, manager, team, questionnaire, ras_version, delegation_scheme, celery_worker_on_redis
):
    today = timezone.localdate()
    paid = agreed_plan(
        budgeted_case(practitioner, CaseFactory(team=team, allocated_worker=practitioner))[0],
        practitioner,
        manager,
        ways=(DIRECT_PAYMENT,),
    )
    arranged = agreed_plan(
        budgeted_case(
            practitioner,
            CaseFactory(
                person=PersonFactory(given_name="Arthur", family_name="Pike"),
                team=team,
                allocated_worker=practitioner,
            ),
        )[0],
        practitioner,
        manager,
        ways=(ARRANGED,),
    )
    sign_in(page, practitioner.username)

    # A direct payment: the agreement and its first payment, in order.
    page.goto(reverse("support_plan", args=[paid.case_id]))
    page.get_by_role("link", name="Start the support").click()
    expect(page.locator("#how-paid")).to_contain_text("every four weeks")
    fill_date(page, "When does the support start?", today)
    fill_date(page, "When was the direct payment agreement signed?", today)
    fill_date(page, "When is the first payment?", today - datetime.timedelta(days=1))
    page.get_by_role("button", name="Start the support").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The first payment must be on or after the day the agreement was signed"
    )
    expect(page.locator(".govuk-error-message")).to_contain_text(
        "on or after the day the agreement was signed"
    )
    expect(page.get_by_role("group", name="When does the support start?").get_by_label("Day")).to_have_value(
        str(today.day)
    )
    assert accessibility_violations(page) == []
    fill_date(page, "When is the first payment?", today)
    page.get_by_role("button", name="Start the support").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The support has started")
    expect(page.locator("main")).to_contain_text("Support in place")
    assert accessibility_violations(page) == []
    review = Review.objects.get(case=paid.case, status=Review.Status.SCHEDULED)
    assert review.due_by <= today + datetime.timedelta(weeks=8)
    letter = pdf_text(rendered(LetterType.DIRECT_PAYMENT, paid.case))
    assert "Your direct payment" in letter and "every four weeks" in letter

    # Services the council arranges: the order goes to the provider the plan names, asked for nothing more.
    page.goto(reverse("support_plan", args=[arranged.case_id]))
    page.get_by_role("link", name="Start the support").click()
    expect(page.locator("#how-paid")).to_contain_text("Riverside Home Care")
    expect(page.get_by_role("group", name="When was the direct payment agreement signed?")).to_have_count(0)
    fill_date(page, "When does the support start?", today + datetime.timedelta(days=7))
    page.get_by_role("button", name="Start the support").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The support has started")
    started = GoLive.objects.get(plan=arranged)
    assert [order.provider for order in started.orders.all()] == ["Riverside Home Care"]
    order = pdf_text(rendered(LetterType.PROVIDER_ORDER, arranged.case))
    assert (
        "Riverside Home Care" in order and "Arthur Pike" in order and "Lunch delivered on weekdays" in order
    )
