"""Inviting people to their reviews: the daily job (`reviews.tasks.invite_to_reviews`, run by Celery beat).

It works from the data each time, never from what an earlier run did: every scheduled review of an open case whose
window opens within `settings.REVIEW_INVITATION_DAYS` (`reviews.schedule.invite_opening_by`), or has already
opened, not yet begun by the worker, and whose person has not been invited, is invited now. So a day the job did not run is caught up by the
next run, and a run cut short (a worker restarted) is finished by the next.

Nobody is invited twice, however often it runs and on however many workers at once: each batch locks its reviews
(skipping those another worker holds), asks again under the lock whether each is still scheduled and not yet
invited, and `ReviewInvitation.review` is unique besides; the letter's key is made from the review, and a case's
letter keys are unique too. Each batch is one transaction of at most BATCH reviews, and nothing is carried from
one batch to the next but the last key, so memory stays flat however many are due.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cases import services as case_services
from cases.journey import new_event
from cases.milestones import Milestone
from cases.models import CaseEvent, LetterType, User
from cases.stages import Stage
from reviews import letters, schedule
from reviews.models import DirectPaymentAgreement, GoLive, Review, ReviewInvitation, SelfReview, ServiceOrder

log = logging.getLogger(__name__)

BATCH = 500


def letter_about(review_id: int) -> str:
    """What the invitation letter's key is made from: one letter per review, whoever asks for it."""
    return f"review-invitation/{review_id}"


def invite_to_reviews(*, today: datetime.date | None = None, batch_size: int = BATCH) -> int:
    """Invite, by letter, everyone whose review is due to be invited on `today` (by default, today) and has not
    been; how many were invited."""
    today = today or timezone.localdate()
    opening_by = schedule.invite_opening_by(today, settings.REVIEW_INVITATION_DAYS)
    invited, after = 0, 0
    while True:
        with transaction.atomic():
            batch = _claim(opening_by, after=after, size=batch_size)
            if not batch:
                break
            after = batch[-1]
            invited += _invite(batch, today)
    log.info("Review invitations sent: %s", invited)
    return invited


def waiting(opening_by: datetime.date):
    """Scheduled reviews of open cases, opening by `opening_by`, not yet begun (the case under review), whose
    person has not been invited."""
    return (
        Review.objects.filter(
            status=Review.Status.SCHEDULED, opens__lte=opening_by, case__closed_at__isnull=True
        )
        .exclude(case__stage=Stage.REVIEW)
        .filter(~Exists(ReviewInvitation.objects.filter(review=OuterRef("pk"))))
    )


def _claim(opening_by: datetime.date, *, after: int, size: int) -> list[int]:
    """The next batch of reviews to invite, locked until this transaction ends; those another worker holds are
    left to it."""
    return list(
        waiting(opening_by)
        .filter(pk__gt=after)
        .order_by("pk")
        .select_for_update(of=("self",), skip_locked=True)
        .values_list("pk", flat=True)[:size]
    )


def _invite(batch: list[int], today: datetime.date) -> int:
    # Asked again now the rows are ours: another worker may have invited some, or a review been held, since the
    # batch was chosen.
    reviews = list(
        Review.objects.filter(pk__in=batch, status=Review.Status.SCHEDULED, invitation__isnull=True)
        .select_related("case__person", "case__allocated_worker")
        .order_by("pk")
    )
    if not reviews:
        return 0
    plans = {review.plan_id for review in reviews}
    started = dict(GoLive.objects.filter(plan_id__in=plans).values_list("plan_id", "starts_on"))
    paid_directly = set(
        DirectPaymentAgreement.objects.filter(go_live__plan_id__in=plans).values_list(
            "go_live__plan_id", flat=True
        )
    )
    providers = defaultdict(list)
    for plan_id, provider in (
        ServiceOrder.objects.running(on=today)
        .filter(go_live__plan_id__in=plans)
        .order_by("pk")
        .values_list("go_live__plan_id", "provider")
    ):
        if provider not in providers[plan_id]:
            providers[plan_id].append(provider)
    told_us = set(
        SelfReview.objects.filter(review_id__in=batch, sent_at__isnull=False).values_list(
            "review_id", flat=True
        )
    )
    online = set(
        User.objects.filter(
            person_id__in={review.case.person_id for review in reviews}, is_active=True
        ).values_list("person_id", flat=True)
    )
    made = case_services.queue_letters(
        actor=None,
        letters=[
            letters.once(
                review.case,
                LetterType.REVIEW_INVITATION,
                letter_about(review.pk),
                letters.invitation_content(
                    review,
                    today=today,
                    started=started.get(review.plan_id),
                    worker=review.case.allocated_worker.display_name if review.case.allocated_worker else "",
                    online=review.case.person_id in online,
                    told_us_online=review.pk in told_us,
                    direct_payment=review.plan_id in paid_directly,
                    providers=providers[review.plan_id],
                    large_print=letters.large_print_for(review.case.person),
                ),
            )
            for review in reviews
        ],
    )
    invitations = ReviewInvitation.objects.bulk_create(
        ReviewInvitation(review=review, case=review.case, invited_on=today, letter=letter)
        for review, letter in zip(reviews, made, strict=True)
    )
    CaseEvent.objects.bulk_create(
        new_event(
            invitation.case,
            Milestone.REVIEW_DUE,
            None,
            subject=invitation.review,
            summary=f"Review due by {invitation.review.due_by:%-d %B %Y}: invited by letter",
            opens=invitation.review.opens.isoformat(),
            due_by=invitation.review.due_by.isoformat(),
            why=invitation.review.why,
            letter=invitation.letter_id,
            invited_on=today.isoformat(),
        )
        for invitation in invitations
    )
    return len(invitations)
