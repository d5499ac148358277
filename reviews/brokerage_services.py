"""Brokerage's changes, each in one transaction by someone allowed to make it, the request's row locked so a second
press makes nothing twice: help asked for (by the worker, or online by a self-funder), a provider's approach and
offer recorded, and the offer chosen, which becomes the item's provider, hours and rate on the plan."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import User
from cases.roles import Role
from cases.stages import BROKERAGE_STAGES, Stage, may_ask_online_for_a_provider
from config.access import require
from config.money import display
from ras import selectors as ras_selectors
from reviews import brokerage
from reviews import services as golive_services
from reviews.brokerage_models import BrokerageApproach, BrokerageRequest
from support_planning import services as plan_services
from support_planning.models import PlanItem, SupportPlan

PERMISSION = "reviews.broker"
PERSON_PERMISSION = "reviews.ask_for_brokerage"
STAGES = BROKERAGE_STAGES


class CannotBroker(Exception):
    """Refused, with what to tell the user."""

    @classmethod
    def of(cls, problems: dict[str, str]) -> "CannotBroker":
        """Refused for each of a rule's problems, told as sentences one after another."""
        return cls(". ".join(problems.values()))


def is_self_funder(case) -> bool:
    """The person pays the full cost of their care, as their latest confirmed financial assessment found."""
    latest = ras_selectors.charges_on(case).first()
    return latest is not None and latest.full_cost


def person_may_ask(case, plan: SupportPlan | None) -> bool:
    """Whether the person may ask online for help to find a provider for the support in `plan`, their agreed plan
    (cases.stages.may_ask_online_for_a_provider)."""
    return may_ask_online_for_a_provider(
        stage=case.stage,
        has_agreed_plan=plan is not None and plan.status == SupportPlan.Status.AGREED,
        pays_full_cost=is_self_funder(case),
    )


def items_to_broker(plan: SupportPlan) -> list[PlanItem]:
    """The items of the plan a provider can be found for, each with `open_request` (the request under way for
    it, or None)."""
    items = [
        item
        for item in PlanItem.objects.filter(outcome__plan=plan)
        .select_related("outcome")
        .order_by("outcome__order", "outcome__pk", "pk")
        if brokerage.can_be_brokered(item)
    ]
    open_requests = {
        request.item_id: request
        for request in BrokerageRequest.objects.filter(item__in=items, status=BrokerageRequest.Status.OPEN)
    }
    for item in items:
        item.open_request = open_requests.get(item.pk)
    return items


@transaction.atomic
def ask(
    *,
    actor: User,
    plan_id: int,
    item_id: int,
    needed_from: datetime.date,
    what_matters: str = "",
) -> BrokerageRequest:
    """Ask for help to find a provider for one item of an agreed plan: the worker (before the support starts, or
    at a review), or the person online when they pay the full cost. The request carries the item's hours, the
    weekly cost agreed for it and the area, as they are now. A second press, or an item already being brokered,
    gives the request under way."""
    plan = SupportPlan.objects.select_for_update().select_related("case__person").get(pk=plan_id)
    by_the_person = actor.role == Role.CITIZEN
    require(actor, PERSON_PERMISSION if by_the_person else PERMISSION, plan.case)
    item = PlanItem.objects.filter(pk=item_id, outcome__plan=plan).first()
    if item is None or not brokerage.can_be_brokered(item):
        raise CannotBroker("Choose support from the plan that a provider is paid for week by week")
    if existing := BrokerageRequest.objects.filter(item=item, status=BrokerageRequest.Status.OPEN).first():
        return existing
    if plan.status != SupportPlan.Status.AGREED or plan.case.stage not in STAGES:
        raise CannotBroker("Help to find a provider is asked for once the plan is agreed")
    if by_the_person and not person_may_ask(plan.case, plan):
        raise CannotBroker("Your worker arranges your support with you: call us if you want help with it")
    self_funder = is_self_funder(plan.case)
    today = timezone.localdate()
    if problems := brokerage.needed_from_problems(needed_from=needed_from, today=today):
        raise CannotBroker.of(problems)
    request = BrokerageRequest.objects.create(
        case=plan.case,
        plan=plan,
        item=item,
        needed_from=needed_from,
        what_matters=what_matters.strip(),
        hours=item.hours if item.basis == PlanItem.Basis.HOURLY else 0,
        agreed_weekly=item.cost.weekly,
        area=brokerage.area_of(plan.case.person.postcode),
        by_the_person=by_the_person,
        self_funder=self_funder,
        at_review=plan.case.stage == Stage.REVIEW,
        asked_by=actor,
    )
    log_event(
        plan.case,
        Milestone.BROKERAGE_REQUESTED,
        actor,
        subject=request,
        summary=f"Help asked for to find a provider for “{item.description}”, needed from "
        f"{needed_from:%-d %B %Y}" + (" (asked online, paying the full cost)" if by_the_person else ""),
        request=request.pk,
        item=item.pk,
        description=item.description,
        needed_from=needed_from.isoformat(),
        agreed_weekly=str(request.agreed_weekly),
        hours=str(request.hours),
        by_the_person=by_the_person,
        self_funder=self_funder,
        at_review=request.at_review,
    )
    return request


@dataclass(frozen=True)
class Answer:
    """A provider approached and what it said; an offer has its start, hours and rate."""

    provider: str
    answer: str
    starts_on: datetime.date | None = None
    held_until: datetime.date | None = None
    hours: Decimal | None = None
    rate: Decimal | None = None
    note: str = ""
    service_id: str = ""
    service_name: str = ""


def _open_request(actor: User, request_id: int) -> BrokerageRequest:
    # The offer chosen is read after the lock, never joined to it: a row locked after waiting is read as the other
    # transaction left it, but what it joined is not.
    request = (
        BrokerageRequest.objects.select_for_update(of=("self",))
        .select_related("case", "item")
        .get(pk=request_id)
    )
    require(actor, PERMISSION, request.case)
    if request.status == BrokerageRequest.Status.CHOSEN:
        raise CannotBroker(f"A provider was chosen already: {request.chosen.provider}")
    _still_wanted(request)
    return request


def _still_wanted(request: BrokerageRequest) -> None:
    """Refused once the plan the request was asked for is no longer the agreed one: it was replaced by a later
    version, whose own items are asked for afresh."""
    # Read after the lock, never joined to it: a plan agreed meanwhile replaces this one.
    status = SupportPlan.objects.filter(pk=request.plan_id).values_list("status", flat=True).get()
    if request.status == BrokerageRequest.Status.WITHDRAWN or status != SupportPlan.Status.AGREED:
        raise CannotBroker(brokerage.REPLACED)


@transaction.atomic
def record(
    *, actor: User, request_id: int, answer: Answer, approach_id: int | None = None
) -> BrokerageApproach:
    """A provider approached for the request, or its answer to an earlier approach (`approach_id`): waiting to
    hear, an offer (from when, hours a week, hourly rate), or that it cannot take it on. Refused once an offer is
    chosen, or when an offer's dates or figures are wrong."""
    request = _open_request(actor, request_id)
    offered = answer.answer == BrokerageApproach.Answer.OFFERED
    if offered and (
        problems := brokerage.offer_problems(
            starts_on=answer.starts_on,
            held_until=answer.held_until,
            hours=answer.hours,
            rate=answer.rate,
            today=timezone.localdate(),
        )
    ):
        raise CannotBroker.of(problems)
    if approach_id is None:
        approach = BrokerageApproach(request=request, recorded_by=actor)
        was = ""
    else:
        approach = BrokerageApproach.objects.get(pk=approach_id, request=request)
        was = approach.answer
    approach.provider = answer.provider.strip()
    approach.service_id, approach.service_name = answer.service_id, answer.service_name
    approach.answer, approach.note = answer.answer, answer.note.strip()
    if offered:
        approach.starts_on, approach.held_until = answer.starts_on, answer.held_until
        approach.hours, approach.rate = answer.hours, answer.rate
    else:
        approach.starts_on = approach.held_until = approach.hours = approach.rate = None
    if answer.answer != BrokerageApproach.Answer.WAITING and was != answer.answer:
        approach.answered_at = timezone.now()
    approach.save()
    if offered:
        log_event(
            request.case,
            Milestone.BROKERAGE_OFFER_RECORDED,
            actor,
            subject=approach,
            summary=f"{approach.provider} offered {approach.hours:g} hours a week at {display(approach.rate)} "
            f"an hour from {approach.starts_on:%-d %B %Y} for “{request.item.description}”",
            request=request.pk,
            item=request.item_id,
            provider=approach.provider,
            starts_on=approach.starts_on.isoformat(),
            hours=str(approach.hours),
            rate=str(approach.rate),
            weekly=str(approach.weekly),
        )
    return approach


@transaction.atomic
def choose(*, actor: User, request_id: int, approach_id: int) -> BrokerageRequest:
    """The offer chosen: it becomes the item's provider, hours and hourly rate on the plan (and, for support in
    place, takes over from the provider ordered: reviews.services.change_provider), the request is done, and the person sees it on their case. Choosing the same offer again
    changes nothing; choosing another once one is chosen is refused, naming it; one that costs more than the plan
    agreed for the item is refused (the plan changes first)."""
    request = (
        BrokerageRequest.objects.select_for_update(of=("self",))
        .select_related("case", "item")
        .get(pk=request_id)
    )
    require(actor, PERMISSION, request.case)
    if request.status == BrokerageRequest.Status.CHOSEN:
        if request.chosen_id == approach_id:
            return request
        raise CannotBroker(f"An offer was chosen already: {request.chosen.provider}'s")
    _still_wanted(request)
    offer = BrokerageApproach.objects.filter(pk=approach_id, request=request).first()
    if offer is None or not offer.is_offer:
        raise CannotBroker("Choose a provider that made an offer")
    if problem := brokerage.choice_problem(weekly=offer.weekly, agreed_weekly=request.agreed_weekly):
        raise CannotBroker(problem)
    plan_services.arrange_item(
        actor=actor,
        item_id=request.item_id,
        arranged=plan_services.Arranged(
            provider=offer.provider,
            hours=offer.hours,
            rate=offer.rate,
            service_id=offer.service_id,
            service_name=offer.service_name,
        ),
        permission=PERMISSION,
    )
    golive_services.change_provider(
        actor=actor,
        item_id=request.item_id,
        new=golive_services.NewProvider(offer.provider, offer.starts_on, offer.weekly),
        permission=PERMISSION,
    )
    request.status, request.chosen, request.chosen_by = BrokerageRequest.Status.CHOSEN, offer, actor
    request.chosen_at = timezone.now()
    request.save(update_fields=["status", "chosen", "chosen_by", "chosen_at"])
    log_event(
        request.case,
        Milestone.BROKERAGE_OFFER_CHOSEN,
        actor,
        subject=request,
        summary=f"{offer.provider} chosen to provide “{request.item.description}” from "
        f"{offer.starts_on:%-d %B %Y}: {offer.hours:g} hours a week at {display(offer.rate)} an hour",
        request=request.pk,
        item=request.item_id,
        description=request.item.description,
        provider=offer.provider,
        starts_on=offer.starts_on.isoformat(),
        hours=str(offer.hours),
        rate=str(offer.rate),
        weekly=str(offer.weekly),
        offers=request.approaches.filter(answer=BrokerageApproach.Answer.OFFERED).count(),
        days_from_request=(timezone.localdate() - timezone.localdate(request.asked_at)).days,
    )
    return request
