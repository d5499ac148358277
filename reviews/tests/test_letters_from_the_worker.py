"""The letters of go-live and review as their readers get them, rendered by a real Celery worker from the Redis
broker: the review invitation (the beat job's task, run by the worker, invites the person), the direct payment's
letter and the provider's order."""

import datetime
import io
import time

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cases.models import CouncilSettings, Letter, LetterType
from reviews.models import Review
from reviews.tasks import invite_to_reviews_task
from reviews.tests.test_invitations import started

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def text_of(letter: Letter) -> str:
    return " ".join(
        "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(letter.pdf))).pages).split()
    )


def ready(letter_type, timeout=90) -> Letter:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        letter = Letter.objects.filter(letter_type=letter_type, status=Letter.Status.READY).first()
        if letter:
            return letter
        time.sleep(0.3)
    raise AssertionError(
        f"No {letter_type} letter was ready: {list(Letter.objects.values('letter_type', 'status'))}"
    )


def test_the_worker_runs_the_morning_job_and_the_person_gets_their_invitation(
    celery_worker_on_redis, practitioner, agreed
):
    CouncilSettings.objects.create(
        name="Northbrook Council", phone="0300 123 4567", email="adultcare@northbrook.example.gov.uk"
    )
    today = timezone.localdate()
    review = started(agreed, practitioner)
    opens, by = today + datetime.timedelta(days=10), today + datetime.timedelta(days=24)
    Review.objects.filter(pk=review.pk).update(opens=opens, due_by=by)

    invite_to_reviews_task.delay()
    letter = ready(LetterType.REVIEW_INVITATION)
    text = text_of(letter)

    person = agreed.case.person
    assert f"Dear {person.known_as}," in text
    assert "We would like to check how your support is going" in text
    assert f"Your support started on {today:%-d %B %Y}" in text
    assert (
        f"between {opens:%-d %B} and {by:%-d %B %Y}" in text
        or f"{opens:%-d %B %Y} and {by:%-d %B %Y}" in text
    )
    assert "How the support from Riverside Home Care is going" in text
    assert "bank statements, receipts and any timesheets" in text
    assert "The review will not reduce your personal budget" in text
    assert agreed.case.reference in text
    for jargon in ("light-touch", "6 to 8 weeks after the support started", "scheduled", "reassessment"):
        assert jargon not in text


def test_the_worker_renders_the_direct_payment_letter_and_the_providers_order_when_the_support_starts(
    celery_worker_on_redis, practitioner, agreed
):
    CouncilSettings.objects.create(
        name="Northbrook Council", phone="0300 123 4567", email="adultcare@northbrook.example.gov.uk"
    )
    started(agreed, practitioner)
    person = agreed.case.person

    paid = text_of(ready(LetterType.DIRECT_PAYMENT))
    assert f"Dear {person.known_as}," in paid
    assert "every four weeks" in paid and "ask us before you do" in paid
    assert "Keep your bank statements, receipts, invoices and any timesheets" in paid

    order = text_of(ready(LetterType.PROVIDER_ORDER))
    assert "Dear Riverside Home Care," in order
    assert f"For {person.full_name}, {person.address_line_1}" in order
    assert "Lunch delivered on weekdays" in order and "£35.00 a week" in order
