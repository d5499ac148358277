"""What the go-live and review pages show."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from cases.models import Case, User
from directory.models import Organization
from reviews import providers, schedule
from reviews.models import (
    DirectPaymentAgreement,
    DirectPaymentReturn,
    GoLive,
    Independence,
    Progress,
    ProgressNote,
    ProgressReport,
    Review,
    ReviewRequest,
    SelfReview,
    SelfReviewAnswer,
)
from reviews.providers import IN_PLACE
from support_planning.models import PlanItem, PlanOutcome


def go_live_of(plan) -> GoLive | None:
    return (
        GoLive.objects.filter(plan=plan).select_related("direct_payment").prefetch_related("orders").first()
    )


# The standings in the order the queue lists them, the most pressing first.
PRESSING = (
    schedule.Standing.OVERDUE,
    schedule.Standing.DUE,
    schedule.Standing.SOON,
    schedule.Standing.NOT_YET,
)


# The review's fields holding the dates `schedule.thresholds` compares.
_FIELDS = {"by": "due_by", "opens": "opens"}


def _standing_in_sql(today: datetime.date):
    """`Review.standing(today)` in SQL, as the review's place in PRESSING."""
    return models.Case(
        *(
            models.When(**{f"{_FIELDS[field]}__lte": latest}, then=models.Value(PRESSING.index(stands)))
            for stands, field, latest in schedule.thresholds(today)
        ),
        default=models.Value(PRESSING.index(schedule.Standing.NOT_YET)),
    )


def _self_review_sent() -> QuerySet[SelfReview]:
    """The self-review sent for the outer review."""
    return SelfReview.objects.filter(review=OuterRef("pk"), sent_at__isnull=False)


def _concerns() -> QuerySet[ProgressReport]:
    """The outer review's progress reports that are a concern: less independent, or not moving towards an outcome
    (looked up report by report, by index, not joined to every note)."""
    not_moving = ProgressNote.objects.filter(report=OuterRef("pk"), progress=Progress.NOT)
    return ProgressReport.objects.filter(review=OuterRef("pk")).filter(
        Q(independence=Independence.LESS) | Exists(not_moving)
    )


def _direct_payment_flagged() -> QuerySet[DirectPaymentReturn]:
    """The outer review's direct payment returns that the planning rules found material (reviews.monitoring)."""
    return DirectPaymentReturn.objects.filter(review=OuterRef("pk")).exclude(flags=[])


def reviews_for(user: User, today: datetime.date, *, mine_only: bool = False) -> QuerySet[Review]:
    """The scheduled reviews of the user's team's cases (or, `mine_only`, of the cases allocated to them; a
    manager with no team: everyone's) that are due soon, due or overdue on `today`, the most pressing first (by
    standing, then by due date); and, as not yet due, those further off with something the worker should read now:
    the person's self-review, a provider's progress that is a concern (less independent, or no progress towards
    an outcome), or a direct payment return flagged as material.

    Only the reviews, so that counting them and choosing a page of them reads neither the people nor what was sent
    (a team's queue can hold hundreds); `with_what_was_sent` adds those to the page shown."""
    scheduled = Review.objects.filter(status=Review.Status.SCHEDULED).filter(
        Q(opens__lte=today + schedule.SOON)
        | Exists(_self_review_sent())
        | Exists(_concerns())
        | Exists(_direct_payment_flagged())
    )
    if mine_only:
        scheduled = scheduled.filter(case__allocated_worker=user)
    elif user.team_id:
        scheduled = scheduled.filter(Q(case__team_id=user.team_id) | Q(case__allocated_worker=user))
    return scheduled.order_by(_standing_in_sql(today), "due_by", "pk")


def with_what_was_sent(reviews: QuerySet[Review], today: datetime.date) -> list[Review]:
    """`reviews` (a page of the queue), in the queue's order, with the person and the worker, each saying whether its
    self-review was received (`self_review_received`), whether providers recorded progress for it
    (`progress_recorded`), whether any of that is a concern (`provider_concern`) and whether a direct payment
    return for it was flagged (`direct_payment_flagged`): one query, however many reviews the queue holds."""
    return list(
        Review.objects.filter(pk__in=reviews)
        .annotate(
            self_review_received=Exists(_self_review_sent()),
            progress_recorded=Exists(ProgressReport.objects.filter(review=OuterRef("pk"))),
            provider_concern=Exists(_concerns()),
            direct_payment_flagged=Exists(_direct_payment_flagged()),
        )
        .select_related("case__person", "case__allocated_worker")
        .order_by(_standing_in_sql(today), "due_by", "pk")
    )


def standing_counts(queue: QuerySet[Review], today: datetime.date) -> dict[schedule.Standing, int]:
    """How many of the queue's reviews stand where, the most pressing first, in one query."""
    counts = (
        queue.order_by()
        .annotate(place=_standing_in_sql(today))
        .aggregate(
            **{standing.name: Count("pk", filter=Q(place=place)) for place, standing in enumerate(PRESSING)}
        )
    )
    return {standing: counts[standing.name] for standing in PRESSING}


@dataclass(frozen=True)
class Heading:
    """One heading of the queue's page: how the reviews under it stand, how many stand so in the whole queue, and
    those of them on this page."""

    standing: schedule.Standing
    count: int
    reviews: list[Review]


def by_standing(
    reviews: list[Review], counts: dict[schedule.Standing, int], today: datetime.date
) -> list[Heading]:
    """A page of the queue (in its order) under the headings of the standings it holds."""
    headings: dict[schedule.Standing, list[Review]] = {}
    for review in reviews:
        headings.setdefault(review.standing(today), []).append(review)
    return [Heading(standing, counts[standing], listed) for standing, listed in headings.items()]


def support_in_place(case) -> GoLive | None:
    """The go-live of the plan whose support the person has now (the latest started), with its plan and any direct
    payment; None unless the case is live or under review."""
    if case.stage not in IN_PLACE:
        return None
    return GoLive.objects.filter(case=case).select_related("plan", "direct_payment").order_by("-pk").first()


def running_direct_payment(case, day: datetime.date) -> DirectPaymentAgreement | None:
    """The direct payment of the support in place, unless it has ended (reviews.monitoring)."""
    live = support_in_place(case)
    payment = getattr(live, "direct_payment", None) if live else None
    if payment is None or (payment.ends_on is not None and payment.ends_on < day):
        return None
    return payment


def latest_return(case) -> DirectPaymentReturn | None:
    """The case's latest direct payment return, whoever sent it."""
    return DirectPaymentReturn.objects.filter(case=case).select_related("sent_by").first()


def scheduled_review(case) -> Review | None:
    return Review.objects.filter(case=case, status=Review.Status.SCHEDULED).first()


def due_if_asked_for(case, live: GoLive, day: datetime.date) -> schedule.Due:
    """The review the case is due, by the schedule's rules, when one is asked for on `day`: at once, unless one
    already due sooner applies."""
    last = Review.objects.filter(case=case, status=Review.Status.DONE).order_by("-held_on").first()
    payment = getattr(live, "direct_payment", None)
    return schedule.next_review(
        support_started=live.starts_on,
        last_review=last.held_on if last else None,
        first_direct_payment=payment.first_payment_on if payment else None,
        asked_for=day,
    )


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
    """One outcome of the plan and what has been said about it for the review: the person's answer, and each
    provider's progress towards it, the latest first."""

    outcome: PlanOutcome
    person: SelfReviewAnswer | None
    providers: list[ProgressNote]


@dataclass(frozen=True)
class ReviewStart:
    """What a case's review starts from, so nothing is asked or typed again: the review scheduled, the plan whose
    support is in place, for each of its outcomes what the person said in their self-review and what providers
    saw (the review form pre-fills from `outcomes`, keyed by the plan's outcome), the providers' reports (with the
    changes in independence) and who asked for the review, and why."""

    live: GoLive | None
    review: Review | None
    self_review: SelfReview | None
    outcomes: list[OutcomeSaid]
    reports: list[ProgressReport]
    requests: list[ReviewRequest]


def review_start(case) -> ReviewStart:
    live = support_in_place(case)
    review = scheduled_review(case)
    sent = self_review_sent_for(review)
    answers = {answer.outcome_id: answer for answer in sent.answers.all()} if sent else {}
    plan = sent.plan if sent else (live.plan if live else None)
    reports = reports_for(case, plan, review) if plan else []
    notes: dict[int, list[ProgressNote]] = {}
    for report in reports:
        for note in report.notes.all():
            notes.setdefault(note.outcome_id, []).append(note)
    outcomes = (
        [OutcomeSaid(o, answers.get(o.pk), notes.get(o.pk, [])) for o in outcomes_of(plan)] if plan else []
    )
    requests = list(review.requests.select_related("organisation", "asked_by")) if review else []
    return ReviewStart(live, review, sent, outcomes, reports, requests)


def reports_for(case, plan, review: Review | None) -> list[ProgressReport]:
    """The providers' reports that feed the review: those recorded for it (or when none was scheduled) on the
    plan in place, the latest first."""
    feeding = Q(review__isnull=True) | (Q(review=review) if review else Q())
    return list(
        ProgressReport.objects.filter(case=case, plan=plan)
        .filter(feeding)
        .select_related("organisation", "recorded_by")
        .prefetch_related("notes")
    )


# Providers and user-led organisations: the people they support (reviews.providers says who).


@dataclass(frozen=True)
class Supported:
    """Someone an organisation supports: their case, what the organisation provides them (the plan's items that
    name it) and when it last recorded their progress."""

    case: Case
    items: list[PlanItem]
    last_recorded: datetime.datetime | None


def people_supported_by(organisation: Organization) -> list[Supported]:
    """Everyone the organisation supports now (reviews.providers), by name, each with what it provides them."""
    items = (
        providers.items_naming(organisation)
        .select_related("outcome__plan__case__person", "outcome__plan__go_live")
        .order_by("pk")
    )
    by_case: dict[int, list[PlanItem]] = {}
    cases: dict[int, Case] = {}
    for item in items:
        case = item.outcome.plan.case
        cases[case.pk] = case
        by_case.setdefault(case.pk, []).append(item)
    last = dict(
        ProgressReport.objects.filter(organisation=organisation, case__in=list(cases))
        .values("case")
        .annotate(last=Max("recorded_at"))
        .values_list("case", "last")
    )
    today = timezone.localdate()
    people = [Supported(case, _of_one_plan(by_case[pk], today), last.get(pk)) for pk, case in cases.items()]
    return sorted(
        people, key=lambda one: (one.case.person.family_name, one.case.person.given_name, one.case.pk)
    )


def _of_one_plan(items: list[PlanItem], today: datetime.date) -> list[PlanItem]:
    """Of the items through which an organisation supports someone (reviews.providers), those of one plan: the
    latest whose support has started, else the first to start. While a changed plan's support has been arranged
    to start on a day to come, the organisation goes on seeing the plan it provides for now."""
    plans = {item.outcome.plan for item in items}
    started = [plan for plan in plans if plan.go_live.starts_on <= today]
    plan = max(started, key=lambda p: p.number) if started else min(plans, key=lambda p: p.number)
    return [item for item in items if item.outcome.plan_id == plan.pk]


def organisation_supports(organisation: Organization | None, case) -> bool:
    return (
        organisation is not None
        and providers.items_naming(organisation).filter(outcome__plan__case=case).exists()
    )


@dataclass(frozen=True)
class TheirSupport:
    """What a provider's page about one person shows: the plan in place, what the organisation provides, the
    outcomes those serve (what it records progress towards), what it recorded before, the review scheduled and
    whether it asked for it."""

    live: GoLive
    items: list[PlanItem]
    outcomes: list[PlanOutcome]
    reports: list[ProgressReport]
    review: Review | None
    asked: ReviewRequest | None


def their_support(organisation: Organization, case) -> TheirSupport | None:
    """What the organisation provides the person now, on one plan (`_of_one_plan`), and what it records progress
    towards; None when it supports them no longer (reviews.providers)."""
    naming = list(
        providers.items_naming(organisation)
        .filter(outcome__plan__case=case)
        .select_related("outcome__plan__go_live__direct_payment")
        .order_by("pk")
    )
    if not naming:
        return None
    items = _of_one_plan(naming, timezone.localdate())
    plan = items[0].outcome.plan
    live = plan.go_live
    served = {item.outcome_id for item in items}
    review = scheduled_review(case)
    return TheirSupport(
        live=live,
        items=items,
        outcomes=[outcome for outcome in outcomes_of(plan) if outcome.pk in served],
        reports=list(
            ProgressReport.objects.filter(case=case, organisation=organisation)
            .select_related("recorded_by")
            .prefetch_related("notes__outcome")[:5]
        ),
        review=review,
        asked=review.requests.filter(organisation=organisation).first() if review else None,
    )
