"""What the go-live and review pages show."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from cases.models import User
from cases.stages import Stage
from reviews import schedule
from reviews.models import GoLive, Review, SelfReview, SelfReviewAnswer
from support_planning.models import PlanOutcome


def go_live_of(plan) -> GoLive | None:
    return (
        GoLive.objects.filter(plan=plan).select_related("direct_payment").prefetch_related("orders").first()
    )


def reviews_for(
    user: User, today: datetime.date, *, mine_only: bool = False
) -> dict[schedule.Standing, list[Review]]:
    """The scheduled reviews of the user's team's cases (or, `mine_only`, of the cases allocated to them; a
    manager with no team: everyone's) that are due soon, due or overdue on `today`, by standing, the most pressing
    first; and, as not yet due, those further off that the person has already sent their self-review for (the
    worker reads it now). Each review says whether its self-review was received (`self_review_received`)."""
    sent = SelfReview.objects.filter(review=OuterRef("pk"), sent_at__isnull=False)
    scheduled = (
        Review.objects.filter(status=Review.Status.SCHEDULED)
        .annotate(self_review_received=Exists(sent))
        .filter(Q(opens__lte=today + schedule.SOON) | Q(self_review_received=True))
    )
    if mine_only:
        scheduled = scheduled.filter(case__allocated_worker=user)
    elif user.team_id:
        scheduled = scheduled.filter(Q(case__team_id=user.team_id) | Q(case__allocated_worker=user))
    by_standing = {
        standing: []
        for standing in (schedule.Standing.OVERDUE, schedule.Standing.DUE, schedule.Standing.SOON)
    }
    for review in scheduled.select_related("case__person", "case__allocated_worker").order_by("due_by", "pk"):
        by_standing.setdefault(review.standing(today), []).append(review)
    return by_standing


# The stages at which the person has support in place: live, and while it is being reviewed.
IN_PLACE = (Stage.LIVE, Stage.REVIEW)


def support_in_place(case) -> GoLive | None:
    """The go-live of the plan whose support the person has now (the latest started), with its plan and any direct
    payment; None unless the case is live or under review."""
    if case.stage not in IN_PLACE:
        return None
    return GoLive.objects.filter(case=case).select_related("plan", "direct_payment").order_by("-pk").first()


def scheduled_review(case) -> Review | None:
    return Review.objects.filter(case=case, status=Review.Status.SCHEDULED).first()


def outcomes_of(plan) -> list[PlanOutcome]:
    """The plan's outcomes in its order: what the person and the providers say how each is going."""
    return list(PlanOutcome.objects.filter(plan=plan).order_by("order", "pk"))


def self_review_draft(case) -> SelfReview | None:
    return SelfReview.objects.filter(case=case, sent_at=None).prefetch_related("answers").first()


def self_review_sent_for(review: Review | None) -> SelfReview | None:
    """The self-review the person sent for `review` (the scheduled one), if they have."""
    if review is None:
        return None
    return (
        SelfReview.objects.filter(review=review, sent_at__isnull=False)
        .prefetch_related("answers__outcome")
        .first()
    )


@dataclass(frozen=True)
class OutcomeSaid:
    """One outcome of the plan and what has been said about it since support started: the person's answer."""

    outcome: PlanOutcome
    person: SelfReviewAnswer | None


@dataclass(frozen=True)
class ReviewStart:
    """What a case's review starts from, so nothing is asked or typed again: the review scheduled, the plan whose
    support is in place, and for each of its outcomes what the person said in their self-review (the review form
    pre-fills from `outcomes`, keyed by the plan's outcome)."""

    live: GoLive | None
    review: Review | None
    self_review: SelfReview | None
    outcomes: list[OutcomeSaid]


def review_start(case) -> ReviewStart:
    live = support_in_place(case)
    review = scheduled_review(case)
    sent = self_review_sent_for(review)
    answers = {answer.outcome_id: answer for answer in sent.answers.all()} if sent else {}
    plan = sent.plan if sent else (live.plan if live else None)
    outcomes = [OutcomeSaid(o, answers.get(o.pk)) for o in outcomes_of(plan)] if plan else []
    return ReviewStart(live, review, sent, outcomes)
