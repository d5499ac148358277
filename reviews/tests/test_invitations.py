"""The daily job that invites each person to their review by letter: once, however often it runs; a day missed is
caught up; only scheduled reviews of open cases coming within the invitation period."""

import datetime
import uuid

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.milestones import Milestone
from cases.models import Case, Letter, LetterType
from cases.tests.factories import CaseFactory
from reviews import invitations, schedule, services
from reviews.models import Review, ReviewInvitation, SelfReview

pytestmark = pytest.mark.django_db

DAYS = datetime.timedelta(days=1)


def started(plan, actor, *, on: datetime.date | None = None) -> Review:
    """The plan's support started (with its direct payment, first paid the same day): its first review."""
    on = on or timezone.localdate()
    services.go_live(
        actor=actor, plan_id=plan.pk, starts_on=on, direct_payment=services.DirectPaymentStart(on, on)
    )
    return Review.objects.get(case=plan.case, status=Review.Status.SCHEDULED)


def invitations_of(case) -> tuple[int, int, int]:
    """How many invitations, invitation letters and "review due" events the case has."""
    return (
        ReviewInvitation.objects.filter(case=case).count(),
        Letter.objects.filter(case=case, letter_type=LetterType.REVIEW_INVITATION).count(),
        case.events.filter(milestone=Milestone.REVIEW_DUE).count(),
    )


def test_the_person_is_invited_once_when_their_review_comes_within_the_invitation_period(
    practitioner, agreed, django_capture_on_commit_callbacks
):
    review = started(agreed, practitioner)
    invite_from = review.opens - datetime.timedelta(days=settings.REVIEW_INVITATION_DAYS)
    assert invitations.invite_to_reviews(today=invite_from - DAYS) == 0  # not yet within the period
    assert invitations_of(agreed.case) == (0, 0, 0)

    with django_capture_on_commit_callbacks() as sent:
        assert invitations.invite_to_reviews(today=invite_from) == 1
    assert len(sent) == 1  # the letter goes to the worker once the batch is committed
    assert invitations.invite_to_reviews(today=invite_from) == 0  # run again the same day
    assert invitations.invite_to_reviews(today=invite_from + DAYS) == 0  # and the next
    assert invitations_of(agreed.case) == (1, 1, 1)

    invitation = ReviewInvitation.objects.get()
    assert (invitation.review, invitation.invited_on) == (review, invite_from)
    letter = invitation.letter
    assert letter.idempotency_key == uuid.uuid5(uuid.NAMESPACE_URL, invitations.letter_about(review.pk))
    assert letter.content["when"] == schedule.when_in_words(review.due, invite_from)
    assert letter.content["direct_payment"] is True
    assert letter.content["providers"] == ["Riverside Home Care"]
    event = agreed.case.events.get(milestone=Milestone.REVIEW_DUE)
    assert event.subject_type == "reviews.review" and event.subject_id == review.pk
    assert event.facts == {
        "opens": review.opens.isoformat(),
        "due_by": review.due_by.isoformat(),
        "why": review.why,
        "letter": letter.pk,
        "invited_on": invite_from.isoformat(),
    }
    assert agreed.case.events.filter(milestone=Milestone.LETTER_REQUESTED, subject_id=letter.pk).count() == 1


def test_a_day_the_job_did_not_run_is_caught_up_by_the_next_run(practitioner, agreed):
    review = started(agreed, practitioner)
    invite_from = review.opens - datetime.timedelta(days=settings.REVIEW_INVITATION_DAYS)
    assert invitations.invite_to_reviews(today=invite_from + 3 * DAYS) == 1
    assert invitations_of(agreed.case) == (1, 1, 1)


def test_a_review_already_overdue_is_invited_as_soon_as_we_can(practitioner, agreed):
    review = started(agreed, practitioner)
    invitations.invite_to_reviews(today=review.due_by + 10 * DAYS)
    assert ReviewInvitation.objects.get().letter.content["when"] == "as soon as we can"


def test_reviews_held_cancelled_or_of_a_closed_case_are_left_alone(practitioner, agreed):
    review = started(agreed, practitioner)
    today = review.opens
    Review.objects.filter(pk=review.pk).update(status=Review.Status.DONE, held_on=today)
    Review.objects.create(
        case=agreed.case,
        plan=agreed,
        opens=today,
        due_by=today,
        why=schedule.Why.ASKED_FOR,
        status=Review.Status.CANCELLED,
    )
    closed = CaseFactory(closed_at=timezone.now(), stage="closed")
    Review.objects.create(case=closed, plan=agreed, opens=today, due_by=today, why=schedule.Why.ASKED_FOR)
    assert invitations.invite_to_reviews(today=today) == 0
    assert not ReviewInvitation.objects.exists()

    Case.objects.filter(pk=closed.pk).update(closed_at=None, stage="live")  # reopened: its review is invited
    assert invitations.invite_to_reviews(today=today) == 1


def test_every_review_waiting_is_invited_whatever_the_batch_size(practitioner, agreed):
    today = started(agreed, practitioner).opens
    others = [CaseFactory() for _ in range(6)]
    for case in others:
        Review.objects.create(case=case, plan=agreed, opens=today, due_by=today, why=schedule.Why.ASKED_FOR)
    assert invitations.invite_to_reviews(today=today, batch_size=4) == 7
    assert invitations.invite_to_reviews(today=today, batch_size=4) == 0
    assert ReviewInvitation.objects.count() == 7
    assert Letter.objects.filter(letter_type=LetterType.REVIEW_INVITATION).count() == 7
    assert set(ReviewInvitation.objects.values_list("case", flat=True)) == {agreed.case_id} | {
        case.pk for case in others
    }


def test_the_job_runs_each_morning_by_name():
    from config.celery import app
    from reviews import tasks

    job = settings.CELERY_BEAT_SCHEDULE["invite-to-reviews"]
    assert job["task"] == tasks.invite_to_reviews_task.name
    assert job["task"] in app.tasks
    assert job["schedule"].hour == {6}


def test_a_batch_chosen_before_another_worker_invited_it_invites_no_one_again(practitioner, agreed):
    review = started(agreed, practitioner)
    chosen = [review.pk]  # as both workers chose it, before either had invited anyone
    assert invitations._invite(chosen, review.opens) == 1
    assert invitations._invite(chosen, review.opens) == 0
    assert invitations_of(agreed.case) == (1, 1, 1)


def test_the_database_refuses_a_second_invitation_to_one_review(practitioner, agreed):
    review = started(agreed, practitioner)
    invitations.invite_to_reviews(today=review.opens)
    first = ReviewInvitation.objects.get()
    letter = Letter.objects.create(case=agreed.case, letter_type=LetterType.REVIEW_INVITATION)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewInvitation.objects.create(
            review=review, case=agreed.case, invited_on=review.opens, letter=letter
        )
    assert ReviewInvitation.objects.get() == first


def test_the_invitation_is_in_large_print_when_the_persons_communication_needs_ask_for_it(
    practitioner, agreed
):
    person = agreed.case.person
    person.communication_needs = "Sight loss: she needs Large Print letters"
    person.save()
    review = started(agreed, practitioner)
    invitations.invite_to_reviews(today=review.opens)
    assert ReviewInvitation.objects.get().letter.content["large_print"] is True


def test_a_review_the_worker_has_begun_is_left_alone(practitioner, agreed):
    review = started(agreed, practitioner)
    services.start_review(actor=practitioner, review_id=review.pk)
    assert invitations.invite_to_reviews(today=review.opens) == 0


def test_someone_who_can_sign_in_is_told_they_can_say_online_how_it_is_going_and_thanked_once_they_have(
    practitioner, citizen, agreed
):
    citizen.person = agreed.case.person
    citizen.save()
    review = started(agreed, practitioner)
    invitations.invite_to_reviews(today=review.opens)
    content = ReviewInvitation.objects.get().letter.content
    assert (content["online"], content["told_us_online"]) == (True, False)

    Review.objects.filter(pk=review.pk).update(status=Review.Status.DONE, held_on=review.opens)
    asked = Review.objects.create(
        case=agreed.case, plan=agreed, opens=review.opens, due_by=review.opens, why=schedule.Why.ASKED_FOR
    )
    SelfReview.objects.create(
        case=agreed.case, plan=agreed, review=asked, written_by=citizen, sent_at=timezone.now()
    )
    invitations.invite_to_reviews(today=review.opens)
    assert ReviewInvitation.objects.get(review=asked).letter.content["told_us_online"] is True
