"""The person's self-review: once their support is in place, they tell their worker online how it is going, one
question a page (each outcome of their plan met, partly or not, in their words; what has changed; how a direct
payment is working; anything else), and send it once. It lands on the review scheduled for their case as its
start; with none scheduled, sending it asks for one, due at once (reviews.schedule: a review asked for)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Case, User
from config.access import require
from reviews import selectors
from reviews.models import Met, Review, SelfReview, SelfReviewAnswer

PERMISSION = "reviews.self_review"
# What the person may change on their draft besides their outcomes' answers.
FIELDS = frozenset({"what_changed", "money", "money_words", "anything_else"})


class CannotSelfReview(Exception):
    """Refused, with what to tell the person."""


class AlreadySent(CannotSelfReview):
    """They have sent one for the review scheduled now: `self_review` is it."""

    def __init__(self, self_review: SelfReview):
        self.self_review = self_review
        super().__init__(f"You sent this on {timezone.localtime(self_review.sent_at):%-d %B %Y}")


NOT_IN_PLACE = "You can tell us how your support is going once it has started"


@dataclass(frozen=True)
class Missing:
    """A question still to answer before sending: which page it is on and what to tell the person."""

    page: str  # "outcome", "changes" or "money"
    number: int  # the outcome's number on its page (from 1); 0 for the other pages
    message: str


def still_to_answer(
    *, outcome_ids: list[int], answered: set[int], what_changed: str, direct_payment: bool, money: str
) -> list[Missing]:
    """What the person has not answered yet, in the order of the pages. "Anything else" may be left empty."""
    missing = [
        Missing("outcome", number, f"Tell us whether your support is helping with outcome {number}")
        for number, outcome_id in enumerate(outcome_ids, start=1)
        if outcome_id not in answered
    ]
    if not what_changed.strip():
        missing.append(Missing("changes", 0, "Tell us what has changed, or that nothing has"))
    if direct_payment and not money:
        missing.append(Missing("money", 0, "Tell us how your direct payment is working"))
    return missing


def missing_from(self_review: SelfReview) -> list[Missing]:
    live = selectors.support_in_place(self_review.case)
    return still_to_answer(
        outcome_ids=[outcome.pk for outcome in selectors.outcomes_of(self_review.plan)],
        answered={answer.outcome_id for answer in self_review.answers.all()},
        what_changed=self_review.what_changed,
        direct_payment=bool(live and has_direct_payment(live)),
        money=self_review.money,
    )


def has_direct_payment(live) -> bool:
    return getattr(live, "direct_payment", None) is not None


@transaction.atomic
def start(*, actor: User, case_id: int) -> SelfReview:
    """The person's self-review being written for their case: the one under way, or a new one on the plan whose
    support they have now. Refused before support is in place, and once they have sent one for the review
    scheduled (AlreadySent)."""
    case = Case.objects.select_for_update().get(pk=case_id)
    require(actor, PERMISSION, case)
    live = selectors.support_in_place(case)
    if live is None:
        raise CannotSelfReview(NOT_IN_PLACE)
    draft = SelfReview.objects.filter(case=case, sent_at=None).first()
    if draft is not None and draft.plan_id == live.plan_id:
        return draft
    if draft is not None:  # written about a plan since replaced: its outcomes are not the person's now
        draft.delete()
    if sent := selectors.self_review_sent_for(selectors.scheduled_review(case)):
        raise AlreadySent(sent)
    return SelfReview.objects.create(case=case, plan=live.plan, written_by=actor)


def _draft_for(actor: User, self_review_id: int) -> SelfReview:
    self_review = SelfReview.objects.select_for_update().select_related("case").get(pk=self_review_id)
    require(actor, PERMISSION, self_review.case)
    if self_review.is_sent:
        raise AlreadySent(self_review)
    return self_review


@transaction.atomic
def answer_outcome(*, actor: User, self_review_id: int, outcome_id: int, met: str, in_my_words: str) -> None:
    """Whether one outcome of the plan is met (Met), and what the person says about it."""
    self_review = _draft_for(actor, self_review_id)
    if outcome_id not in {outcome.pk for outcome in selectors.outcomes_of(self_review.plan)}:
        raise CannotSelfReview("That is not one of the outcomes in your plan")
    SelfReviewAnswer.objects.update_or_create(
        self_review=self_review,
        outcome_id=outcome_id,
        defaults={"met": Met(met), "in_my_words": in_my_words.strip()},
    )


@transaction.atomic
def save_answers(*, actor: User, self_review_id: int, **answers: str) -> None:
    """The answers of one page besides the outcomes: what has changed, the direct payment, anything else."""
    unknown = set(answers) - FIELDS
    if unknown:
        raise ValueError(f"Not a question of the self-review: {sorted(unknown)}")
    self_review = _draft_for(actor, self_review_id)
    for name, value in answers.items():
        setattr(self_review, name, value.strip())
    fields = list(answers)
    if "anything_else" in answers:
        self_review.anything_else_seen = True
        fields.append("anything_else_seen")
    self_review.save(update_fields=fields)


@transaction.atomic
def send(*, actor: User, self_review_id: int) -> SelfReview:
    """Send the self-review to the worker, once: it becomes the start of the review scheduled for the case (with
    none scheduled, a review asked for today is scheduled) and is logged on the case. Sent already (a second
    press), it is returned as it was. Refused while a question is unanswered."""
    case_id = SelfReview.objects.values_list("case_id", flat=True).get(pk=self_review_id)
    # The case first, as go-live and asking for a review lock it: one scheduled review, however many send at once.
    case = Case.objects.select_for_update().get(pk=case_id)
    self_review = SelfReview.objects.select_for_update().get(pk=self_review_id)
    require(actor, PERMISSION, case)
    if self_review.is_sent:
        return self_review
    if missing := missing_from(self_review):
        raise CannotSelfReview(missing[0].message)
    review, scheduled_now = _review_to_start(case, self_review)
    if sent := selectors.self_review_sent_for(review):
        raise AlreadySent(sent)
    self_review.review, self_review.sent_at = review, timezone.now()
    self_review.save(update_fields=["review", "sent_at"])
    counts = {choice.value: 0 for choice in Met}
    for answer in self_review.answers.all():
        counts[answer.met] += 1
    log_event(
        case,
        Milestone.SELF_REVIEW_RECEIVED,
        actor,
        subject=self_review,
        summary=_summary(counts, review, scheduled_now),
        review=review.pk,
        review_due_by=review.due_by.isoformat(),
        review_scheduled_now=scheduled_now,
        outcomes_met=counts[Met.MET],
        outcomes_partly_met=counts[Met.PARTLY],
        outcomes_not_met=counts[Met.NOT_MET],
        direct_payment=self_review.money,
    )
    return self_review


def _review_to_start(case: Case, self_review: SelfReview) -> tuple[Review, bool]:
    """The review scheduled for the case, or (with none) one asked for today, from the schedule's rules."""
    if review := selectors.scheduled_review(case):
        return review, False
    due = selectors.due_if_asked_for(case, selectors.support_in_place(case), timezone.localdate())
    review = Review.objects.create(
        case=case, plan=self_review.plan, opens=due.opens, due_by=due.by, why=due.why.value
    )
    return review, True


def _summary(counts: dict[str, int], review: Review, scheduled_now: bool) -> str:
    said = ", ".join(
        f"{counts[choice.value]} {label}"
        for choice, label in ((Met.MET, "met"), (Met.PARTLY, "partly met"), (Met.NOT_MET, "not met"))
        if counts[choice.value]
    )
    due = f"review {'asked for, due' if scheduled_now else 'due'} by {review.due_by:%-d %B %Y}"
    return f"The person sent their self-review: outcomes {said}; {due}"
