"""Go-live and the review it schedules: every change, in one transaction, by someone allowed to make it."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from cases import services as case_services
from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import User
from cases.stages import Stage, can_move
from config.access import require
from reviews import schedule
from reviews.models import DirectPaymentAgreement, GoLive, Review, ServiceOrder
from support_planning import selectors as plan_selectors
from support_planning.models import Management, SupportPlan

PERMISSION = "reviews.go_live"
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
    "support in place" and the first review scheduled. Done already, it is left as it was (a second press)."""
    plan = SupportPlan.objects.select_for_update().select_related("case").get(pk=plan_id)
    require(actor, PERMISSION, plan.case)
    if existing := GoLive.objects.filter(plan=plan).first():
        return existing
    budget = getattr(plan, "personal_budget", None)
    if plan.status != SupportPlan.Status.AGREED or budget is None:
        raise CannotGoLive("Only an agreed plan, with its personal budget, can start")
    plan = plan_selectors.plan_with_everything(plan.pk)
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
    _order(started, ordered_items(plan), providers or {})
    if can_move(plan.case.stage, Stage.LIVE):
        case_services.move_to_stage(
            actor=actor, case_id=plan.case_id, stage=Stage.LIVE, permission=PERMISSION
        )
    review = _schedule_first_review(started, direct_payment)
    log_event(
        plan.case,
        Milestone.SERVICES_STARTED,
        actor,
        subject=started,
        summary=f"Support started on {starts_on:%-d %B %Y}; first review due by {review.due_by:%-d %B %Y}",
        starts_on=starts_on.isoformat(),
        days_from_first_contact=(starts_on - plan.case.opened_at.date()).days,
        direct_payment=bool(budget.direct_payment_each),
        orders=started.orders.count(),
        review_due_by=review.due_by.isoformat(),
    )
    return started


def _order(started: GoLive, items: list, providers: dict[int, str]) -> None:
    orders = []
    for item in items:
        provider = (providers.get(item.pk) or item.provider or item.service_name).strip()
        if not provider:
            raise CannotGoLive(f"Name the provider of “{item.description}”")
        cost = item.cost
        orders.append(
            ServiceOrder(
                go_live=started,
                item=item,
                provider=provider,
                fund_holder=item.management == Management.SERVICE_FUND,
                starts_on=started.starts_on,
                weekly=cost.weekly,
                once=cost.once,
            )
        )
    ServiceOrder.objects.bulk_create(orders)


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
