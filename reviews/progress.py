"""What providers and user-led organisations tell the council between reviews, about the people whose plans name
them (reviews.providers): progress towards each outcome they support and changes in independence, and a review
asked for. Each feeds the review scheduled, never typed again."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import submissions
from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Case, User
from config.access import require
from reviews import selectors
from reviews.models import Independence, Progress, ProgressNote, ProgressReport, Review, ReviewRequest

PERMISSION = "reviews.record_progress"
NOT_IN_PLACE = "Their support is not in place now"


class CannotRecord(Exception):
    """Refused, with what to tell the provider."""


@dataclass(frozen=True)
class OutcomeProgress:
    progress: str  # Progress
    note: str = ""


def _their_case(actor: User, case_id: int) -> tuple[Case, selectors.TheirSupport]:
    case = Case.objects.select_for_update().get(pk=case_id)
    require(actor, PERMISSION, case)
    support = selectors.their_support(actor.organisation, case)
    if support is None:
        raise CannotRecord(NOT_IN_PLACE)
    return case, support


@transaction.atomic
def record_progress(
    *,
    actor: User,
    case_id: int,
    outcomes: dict[int, OutcomeProgress],
    independence: str,
    independence_note: str = "",
    once: uuid.UUID | None = None,
) -> ProgressReport:
    """The organisation's progress report on the person: towards each outcome of the plan it supports (`outcomes`,
    by the plan's outcome), and their independence; for the review scheduled, and on the case's timeline. The same
    form sent twice (`once`) records it once."""
    case, support = _their_case(actor, case_id)
    if set(outcomes) != {outcome.pk for outcome in support.outcomes}:
        raise CannotRecord("Record progress towards each outcome you support")
    submissions.claim(once, user=actor, result_url=reverse("record_progress", args=[case.pk]))
    organisation = actor.organisation
    report = ProgressReport.objects.create(
        case=case,
        plan=support.live.plan,
        review=support.review,
        organisation=organisation,
        recorded_by=actor,
        independence=Independence(independence),
        independence_note=independence_note.strip(),
    )
    ProgressNote.objects.bulk_create(
        ProgressNote(report=report, outcome_id=pk, progress=Progress(said.progress), note=said.note.strip())
        for pk, said in outcomes.items()
    )
    counts = {choice: sum(said.progress == choice for said in outcomes.values()) for choice in Progress}
    log_event(
        case,
        Milestone.PROGRESS_RECORDED,
        actor,
        subject=report,
        summary=f"{organisation.name} recorded progress: {_counted(counts)}; "
        f"{Independence(independence).label.lower()}",
        organisation=organisation.pk,
        review=support.review.pk if support.review else None,
        achieved=counts[Progress.ACHIEVED],
        towards=counts[Progress.TOWARDS],
        not_moving=counts[Progress.NOT],
        independence=independence,
    )
    return report


def _counted(counts: dict[Progress, int]) -> str:
    said = [f"{counts[choice]} {choice.label.lower()}" for choice in Progress if counts[choice]]
    return ", ".join(said)


@transaction.atomic
def ask_for_review(*, actor: User, case_id: int, because: str) -> tuple[ReviewRequest, bool]:
    """The organisation asks for a review of the person's support, saying why: by the schedule's rules it is due
    at once, so the review scheduled is brought forward (never a second one), or one is scheduled. Asked already
    for the review scheduled, nothing changes: the earlier request is returned, with False."""
    case, support = _their_case(actor, case_id)
    review, organisation = support.review, actor.organisation
    if review is not None and (asked := review.requests.filter(organisation=organisation).first()):
        return asked, False
    due = selectors.due_if_asked_for(case, support.live, timezone.localdate())
    brought_forward = False
    if review is None:
        review = Review.objects.create(
            case=case, plan=support.live.plan, opens=due.opens, due_by=due.by, why=due.why.value
        )
    elif (due.by, due.opens) < (review.due_by, review.opens):
        review.opens, review.due_by, review.why = due.opens, due.by, due.why.value
        review.save(update_fields=["opens", "due_by", "why"])
        brought_forward = True
    request = ReviewRequest.objects.create(
        review=review, case=case, asked_by=actor, organisation=organisation, because=because.strip()
    )
    log_event(
        case,
        Milestone.REVIEW_ASKED_FOR,
        actor,
        subject=request,
        summary=f"{organisation.name} asked for a review; due by {review.due_by:%-d %B %Y}",
        organisation=organisation.pk,
        review=review.pk,
        review_due_by=review.due_by.isoformat(),
        brought_forward=brought_forward,
    )
    return request, True
