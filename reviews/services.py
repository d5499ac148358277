"""Go-live and the review it schedules: every change, in one transaction, by someone allowed to make it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from assessment import services as assessment_services
from cases import services as case_services
from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import LetterType, User
from cases.stages import Stage, can_move
from config.access import require
from reviews import ending_services, interim_services, letters, replacing, schedule
from reviews.brokerage_models import BrokerageRequest
from reviews.ending import EndReason
from reviews.models import DirectPaymentAgreement, GoLive, Review, ReviewedOutcome, ServiceOrder
from support_planning import selectors as plan_selectors
from support_planning import services as plan_services
from support_planning.models import Management, SupportPlan

PERMISSION = "reviews.go_live"
REVIEW_PERMISSION = "reviews.review"
ORDERED = (Management.COUNCIL_MANAGED, Management.SERVICE_FUND)


class CannotGoLive(Exception):
    """Refused, with what to tell the user."""


@dataclass(frozen=True)
class DirectPaymentStart:
    signed_on: datetime.date
    first_payment_on: datetime.date
    managed_account_provider: str = ""


def ordered_items(plan: SupportPlan) -> list:
    """The items a provider is ordered for: those the council arranges, and individual service funds."""
    return [item for item in plan_selectors.items_of(plan) if item.management in ORDERED]


@transaction.atomic
def go_live(
    *,
    actor: User,
    plan_id: int,
    starts_on: datetime.date,
    direct_payment: DirectPaymentStart | None = None,
    providers: dict[int, str] | None = None,
) -> GoLive:
    """Start the support of an agreed plan on `starts_on`: the direct payment agreement (its amount, frequency and
    recipient from the personal budget and the plan), an order to the provider of each item the council arranges
    or a provider holds as an individual service fund (`providers` names one an item lacks), the case moved to
    "support in place" and the first review scheduled; the person is sent their direct payment's letter and each
    provider its order. Done already, it is left as it was (a second press)."""
    plan = SupportPlan.objects.select_for_update().select_related("case").get(pk=plan_id)
    require(actor, PERMISSION, plan.case)
    if existing := GoLive.objects.filter(plan=plan).first():
        return existing
    budget = getattr(plan, "personal_budget", None)
    if plan.status != SupportPlan.Status.AGREED or budget is None:
        raise CannotGoLive("Only an agreed plan, with its personal budget, can start")
    plan = plan_selectors.plan_with_everything(plan.pk)
    earlier = ending_services.support_in_place(plan.case)
    started = GoLive.objects.create(plan=plan, case=plan.case, starts_on=starts_on, recorded_by=actor)
    if budget.direct_payment_each:
        if direct_payment is None:
            raise CannotGoLive("Record the direct payment agreement and its first payment")
        DirectPaymentAgreement.objects.create(
            go_live=started,
            signed_on=direct_payment.signed_on,
            first_payment_on=direct_payment.first_payment_on,
            amount=budget.direct_payment_each,
            frequency=budget.direct_payment_frequency,
            once=budget.direct_payment_once,
            recipient=plan.direct_payment_recipient,
            recipient_name=plan.direct_payment_recipient_name,
            managed_account_provider=direct_payment.managed_account_provider.strip(),
        )
    offered = offered_for(plan, providers or {})
    replaced = ending_services.replace_earlier_support(
        actor=actor, started=started, earlier=earlier, offered=offered
    )
    carried_items = {one.item for one in offered} & set(started.orders.values_list("item_id", flat=True))
    _order(started, [one for one in offered if one.item not in carried_items], plan)
    _withdraw_brokerage_for_replaced_plans(started, actor)
    interim_services.replace_at_go_live(actor=actor, started=started)
    if can_move(plan.case.stage, Stage.LIVE):
        case_services.move_to_stage(
            actor=actor, case_id=plan.case_id, stage=Stage.LIVE, permission=PERMISSION
        )
    review = _schedule_first_review(started, direct_payment)
    case_services.queue_letters(
        actor=actor,
        letters=letters.go_live_letters(
            started, plan, review, carried=replaced.carried, replaces=replaced.agreement
        ),
    )
    log_event(
        plan.case,
        Milestone.SERVICES_STARTED,
        actor,
        subject=started,
        summary=f"Support started on {starts_on:%-d %B %Y}; first review due by {review.due_by:%-d %B %Y}"
        + _replacing_in_words(replaced),
        starts_on=starts_on.isoformat(),
        days_from_first_contact=(starts_on - plan.case.opened_at.date()).days,
        direct_payment=bool(budget.direct_payment_each),
        orders=started.orders.count(),
        review_due_by=review.due_by.isoformat(),
        **_replacing_facts(replaced),
    )
    return started


def offered_for(
    plan: SupportPlan, providers: dict[int, str], *, named_only: bool = True
) -> list[replacing.Offered]:
    """The plan's items a provider is ordered for, each with the provider go-live orders it from (`providers`
    names one an item lacks; `named_only`: refused when none is named, else left empty)."""
    return [
        replacing.offered(
            item,
            provider=_provider_of(item, providers, named_only=named_only),
            fund_holder=item.management == Management.SERVICE_FUND,
        )
        for item in ordered_items(plan)
    ]


def _provider_of(item, providers: dict[int, str], *, named_only: bool) -> str:
    provider = (providers.get(item.pk) or item.provider or item.service_name).strip()
    if not provider and named_only:
        raise CannotGoLive(f"Name the provider of “{item.description}”")
    return provider


def _order(started: GoLive, offered: list[replacing.Offered], plan: SupportPlan) -> None:
    items = {item.pk: item for item in ordered_items(plan)}
    ServiceOrder.objects.bulk_create(
        ServiceOrder(
            go_live=started,
            item=items[one.item],
            provider=one.provider,
            fund_holder=one.fund_holder,
            starts_on=started.starts_on,
            weekly=one.weekly,
            once=one.once,
        )
        for one in offered
    )


def _replacing_in_words(replaced: ending_services.Replaced) -> str:
    """What the new plan's support did to the earlier plan's, for the timeline; nothing for a first plan."""
    if replaced.earlier is None:
        return ""
    said = []
    for count, what in (
        (len(replaced.carried), "carried on unchanged"),
        (len(replaced.ended), "ended the day before"),
    ):
        if count:
            said.append(f"{count} service{pluralize(count)} {what}")
    if replaced.agreement is not None:
        said.append(f"the direct payment agreed before ends on {replaced.agreement.ends_on:%-d %B %Y}")
    return f"; it replaces version {replaced.earlier.plan.number}’s support" + (
        ": " + ", ".join(said) if said else ""
    )


def _replacing_facts(replaced: ending_services.Replaced) -> dict:
    if replaced.earlier is None:
        return {}
    return {
        "replaces_plan": replaced.earlier.plan_id,
        "orders_carried_on": replaced.carried,
        "orders_ended": [order.pk for order in replaced.ended],
        "direct_payment_ended": replaced.agreement.pk if replaced.agreement else None,
    }


def _withdraw_brokerage_for_replaced_plans(started: GoLive, actor: User) -> None:
    """Help asked for to find a provider for a plan this one replaced is no longer needed once this plan's support
    starts: each such request still open is withdrawn, leaves the brokerage queue, and the person's page stops
    saying it is being looked for."""
    replaced = (
        BrokerageRequest.objects.select_for_update(of=("self",))
        .filter(case=started.case, status=BrokerageRequest.Status.OPEN)
        .exclude(plan=started.plan)
        .select_related("item")
    )
    for request in replaced:
        request.status = BrokerageRequest.Status.WITHDRAWN
        request.save(update_fields=["status"])
        log_event(
            started.case,
            Milestone.BROKERAGE_WITHDRAWN,
            actor,
            subject=request,
            summary=f"Help to find a provider for “{request.item.description}” no longer needed: version "
            f"{started.plan.number} of the plan replaced the one it was asked for",
            request=request.pk,
            item=request.item_id,
            plan=request.plan_id,
            replaced_by=started.plan_id,
        )


def _schedule_first_review(started: GoLive, direct_payment: DirectPaymentStart | None) -> Review:
    """The review the new plan's support is due, replacing one scheduled for the plan it revises."""
    last = Review.objects.filter(case=started.case, status=Review.Status.DONE).order_by("-held_on").first()
    due = schedule.next_review(
        support_started=started.starts_on,
        last_review=last.held_on if last else None,
        first_direct_payment=direct_payment.first_payment_on if direct_payment else None,
    )
    Review.objects.filter(case=started.case, status=Review.Status.SCHEDULED).update(
        status=Review.Status.CANCELLED
    )
    return Review.objects.create(
        case=started.case, plan=started.plan, opens=due.opens, due_by=due.by, why=due.why.value
    )


@dataclass(frozen=True)
class NewProvider:
    """A provider taking over one service of the support in place: who, from when, and what it costs a week."""

    provider: str
    starts_on: datetime.date
    weekly: Decimal


@transaction.atomic
def change_provider(*, actor: User, item_id: int, new: NewProvider, permission: str) -> ServiceOrder | None:
    """A new provider takes over the service ordered for an item of the plan in place (the item already names
    it): the running order ends the day before the new provider starts (its provider is sent a notice, and keeps
    its order and number as they were), and a new order, with its own number, is sent to the new provider. None
    when nothing is ordered for the item, as before the support starts. The actor must hold `permission` on the
    case."""
    old = (
        ServiceOrder.objects.select_for_update(of=("self",))
        .select_related("go_live__case__person", "go_live__case__allocated_worker", "item")
        .filter(item_id=item_id, ends_on__isnull=True)
        .first()
    )
    if old is None:
        return None
    case = old.go_live.case
    require(actor, permission, case)
    ends_on = replacing.last_day(starts_on=new.starts_on, earlier_started=old.starts_on)
    _, notice = ending_services.end_order(
        actor=actor,
        order=old,
        reason=EndReason.NEW_PROVIDER,
        ends_on=ends_on,
        note=f"{new.provider} takes over from {new.starts_on:%-d %B %Y}",
    )
    started = ServiceOrder.objects.create(
        go_live=old.go_live,
        item=old.item,
        provider=new.provider,
        fund_holder=old.fund_holder,
        starts_on=new.starts_on,
        weekly=new.weekly,
    )
    worker = case.allocated_worker.display_name if case.allocated_worker else ""
    order_letter = letters.once(
        case,
        LetterType.PROVIDER_ORDER,
        f"service-order/{started.pk}",
        letters.order_content(
            started,
            person=case.person,
            worker=worker,
            provider_address=letters.provider_addresses([old.item]).get(old.item.service_id, []),
        ),
    )
    case_services.queue_letters(actor=actor, letters=[*notice, order_letter])
    log_event(
        case,
        Milestone.PROVIDER_CHANGED,
        actor,
        subject=started,
        summary=f"{old.item.description}: {new.provider} takes over from {old.provider} on "
        f"{new.starts_on:%-d %B %Y}",
        item=old.item_id,
        ended_order=old.pk,
        order=started.pk,
        from_provider=old.provider,
        to_provider=new.provider,
        ends_on=ends_on.isoformat(),
        starts_on=new.starts_on.isoformat(),
        was_weekly=str(old.weekly),
        weekly=str(new.weekly),
    )
    return started


class CannotReview(Exception):
    """Refused, with what to tell the user."""


@dataclass(frozen=True)
class Finding:
    outcome_id: int
    achieved: str
    note: str = ""


@transaction.atomic
def start_review(*, actor: User, review_id: int) -> Review:
    """The review begins (a visit, a call): the case moves from "support in place" to its review. Again: nothing."""
    review = Review.objects.select_for_update().select_related("case").get(pk=review_id)
    require(actor, REVIEW_PERMISSION, review.case)
    if review.status != Review.Status.SCHEDULED:
        raise CannotReview("This review has been recorded already")
    _move(review.case, Stage.REVIEW, actor)
    return review


@transaction.atomic
def hold_review(
    *, actor: User, review_id: int, findings: list[Finding], what_changed: str, result: str
) -> Review:
    """Record a review: how far each outcome of the plan was met, what changed, and what happens next: the support
    carries on (the next review no later than 12 months on), the plan is changed (a new draft from the agreed one,
    nothing typed again) or the person is reassessed (a revision of their assessment). The next review is scheduled
    in every case, and replaced when a changed plan's support starts. A review recorded already is refused."""
    review = Review.objects.select_for_update().select_related("case", "plan").get(pk=review_id)
    require(actor, REVIEW_PERMISSION, review.case)
    if review.status != Review.Status.SCHEDULED:
        raise CannotReview("This review has been recorded already")
    outcome_ids = {outcome.pk for outcome in review.plan.outcomes.all()}
    if {finding.outcome_id for finding in findings} != outcome_ids:
        raise CannotReview("Say how far each outcome of the plan was met")
    today = timezone.localdate()
    review.status, review.held_on, review.held_by = Review.Status.DONE, today, actor
    review.result, review.what_changed = result, what_changed.strip()
    review.save(update_fields=["status", "held_on", "held_by", "result", "what_changed"])
    ReviewedOutcome.objects.bulk_create(
        ReviewedOutcome(review=review, outcome_id=f.outcome_id, achieved=f.achieved, note=f.note.strip())
        for f in findings
    )
    _move(review.case, Stage.REVIEW, actor)
    _carry_on(review, actor)
    due = schedule.after_review(today)
    following = Review.objects.create(
        case=review.case, plan=review.plan, opens=due.opens, due_by=due.by, why=due.why.value
    )
    met = sum(1 for f in findings if f.achieved == ReviewedOutcome.Achieved.MET)
    log_event(
        review.case,
        Milestone.REVIEW_DONE,
        actor,
        subject=review,
        summary=f"Review held: {review.get_result_display().lower()}; {met} of {len(findings)} outcomes met",
        result=result,
        outcomes_met=met,
        outcomes=len(findings),
        next_review_by=following.due_by.isoformat(),
    )
    worker = review.case.allocated_worker
    case_services.request_letter(
        actor=actor,
        case=review.case,
        letter_type=LetterType.REVIEW_OUTCOME,
        about=f"review-outcome/{review.pk}",
        content=letters.outcome_content(
            review,
            next_review_by=following.due_by,
            worker=worker.display_name if worker else "",
            large_print=letters.large_print_for(review.case.person),
        ),
    )
    return review


def _move(case, stage: Stage, actor: User) -> None:
    if case.stage != stage and can_move(case.stage, stage):
        case_services.move_to_stage(actor=actor, case_id=case.pk, stage=stage, permission=REVIEW_PERMISSION)
        case.refresh_from_db()


def _carry_on(review: Review, actor: User) -> None:
    """What the review decided happens next, from the case's review."""
    if review.result == Review.Result.NO_CHANGE:
        _move(review.case, Stage.LIVE, actor)
    elif review.result == Review.Result.PLAN_CHANGE:
        plan_services.revise_at_review(actor=actor, plan_id=review.plan_id, permission=REVIEW_PERMISSION)
    else:
        try:
            assessment_services.reassess(actor=actor, case=review.case)
        except assessment_services.CannotReassess as refusal:
            raise CannotReview(str(refusal)) from refusal
        _move(review.case, Stage.ASSESSMENT, actor)
