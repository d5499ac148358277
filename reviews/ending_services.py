"""Ending support: a plan's whole support or one service of it, with a reason and a date; providers told, the
direct payment stopped, reviews no longer due, and the case closed when nothing else on it is open. Each change in
one transaction, by someone allowed to make it; a second press changes nothing."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from cases import services as case_services
from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Case, Letter, User
from config.access import require
from reviews import ending, ending_letters, replacing
from reviews.ending_models import Ending
from reviews.models import DirectPaymentAgreement, GoLive, Review, ServiceOrder
from support_planning import selectors as plan_selectors
from support_planning.models import PlanItem

PERMISSION = "reviews.end_support"


class CannotEnd(Exception):
    """Refused, with what to tell the user."""


@dataclass(frozen=True)
class Replaced:
    """What a changed plan's support starting did to the earlier plan's: the orders carried on unchanged (by key),
    those ended, and the direct payment agreement ended."""

    earlier: GoLive | None = None
    carried: list[int] = field(default_factory=list)
    ended: list[ServiceOrder] = field(default_factory=list)
    agreement: DirectPaymentAgreement | None = None


@dataclass(frozen=True)
class Ended:
    """What ending the support did: the ending, whether the case closed, and if not why it stays open (empty
    while the support has not yet reached its last day)."""

    ending: Ending
    closed: bool = False
    still_open: list[str] = field(default_factory=list)
    again: bool = False


def support_in_place(case: Case) -> GoLive | None:
    """The go-live of the case's latest plan to start: the support an ending ends."""
    return GoLive.objects.filter(case=case).order_by("-pk").first()


def running_orders(started: GoLive) -> list[ServiceOrder]:
    """The services of a plan gone live that have not been ended one by one."""
    return list(started.orders.select_related("item").filter(ending__isnull=True))


def plan_ending(started: GoLive) -> Ending | None:
    return Ending.objects.filter(go_live=started, order__isnull=True).first()


def open_here(case: Case) -> list[str]:
    """What the reviews stage holds open on the case, a sentence each, besides the case record's own flags: a
    changed plan being written or waiting for sign-off."""
    reasons = []
    if plan := plan_selectors.open_plan(case):
        reasons.append(
            f"Version {plan.number} of the support plan is {plan.get_status_display().lower()}: finish it, or "
            "agree with the person that it is not needed."
        )
    return reasons


def _check(*, ends_on: datetime.date, started_on: datetime.date, reason: str) -> None:
    if reason not in dict(ending.CHOSEN):
        raise CannotEnd("Select why the support is ending")
    problems = ending.end_date_problems(
        ends_on=ends_on, started_on=started_on, reason=reason, today=timezone.localdate()
    )
    if problems:
        raise CannotEnd(" ".join(problems.values()))


@transaction.atomic
def end_plan(*, actor: User, case_id: int, ends_on: datetime.date, reason: str, note: str = "") -> Ended:
    """End all of the support of the case's plan on `ends_on` (its last day) for `reason`: each service still
    running ends that day and its provider is sent a notice, the direct payment agreement ends that day, the
    reviews scheduled are no longer due (so nobody is invited to one), and the person is sent a letter unless they
    have died. Once the day has come the case closes, unless something else on it is still open, which is
    returned; a planned end closes it on the day (close_ended_support)."""
    case = Case.objects.select_for_update().get(pk=case_id)
    require(actor, PERMISSION, case)
    started = support_in_place(case)
    if started is None:
        raise CannotEnd("There is no support in place to end")
    if existing := plan_ending(started):
        return Ended(existing, closed=not case.is_open, again=True)
    _check(ends_on=ends_on, started_on=started.starts_on, reason=reason)
    end = Ending.objects.create(
        case=case, go_live=started, reason=reason, ends_on=ends_on, note=note.strip(), recorded_by=actor
    )
    orders = running_orders(started)
    ServiceOrder.objects.filter(pk__in=[order.pk for order in orders]).update(ends_on=ends_on)
    agreement = DirectPaymentAgreement.objects.filter(go_live=started).first()
    if agreement is not None:
        agreement.ends_on = ends_on
        agreement.save(update_fields=["ends_on"])
    cancelled = Review.objects.filter(case=case, status=Review.Status.SCHEDULED).update(
        status=Review.Status.CANCELLED
    )
    case_services.queue_letters(actor=actor, letters=ending_letters.ending_letters(end, orders, agreement))
    log_event(
        case,
        Milestone.SERVICES_ENDED,
        actor,
        subject=end,
        summary=f"All support ends on {ends_on:%-d %B %Y}: {end.get_reason_display()[:1].lower()}"
        f"{end.get_reason_display()[1:]}",
        reason=reason,
        cld_outcome=ending.CLD_OUTCOME[reason],
        ends_on=ends_on.isoformat(),
        plan=started.plan_id,
        orders_ended=[order.pk for order in orders],
        direct_payment_ends=agreement is not None,
        reviews_cancelled=cancelled,
        days_of_support=(ends_on - started.starts_on).days + 1,
    )
    if ends_on > timezone.localdate():
        return Ended(end)
    still_open = _settle(end, actor)
    return Ended(end, closed=not still_open, still_open=still_open)


def _settle(end: Ending, actor: User | None) -> list[str]:
    """Close the case of a plan whose support has ended, unless something else on it is still open (returned)."""
    end.settled_at = timezone.now()
    end.save(update_fields=["settled_at"])
    case = Case.objects.get(pk=end.case_id)
    if not case.is_open:
        return []
    return case_services.close_unless_unsettled(
        actor=actor,
        case_id=case.pk,
        summary="Case closed: the support has ended",
        also=open_here(case),
    )


@transaction.atomic
def close_after_ending(*, actor: User, case_id: int) -> list[str]:
    """Try again to close a case whose plan's support has ended, once what kept it open is settled; what still
    keeps it open is returned."""
    case = Case.objects.select_for_update().get(pk=case_id)
    require(actor, PERMISSION, case)
    started = support_in_place(case)
    end = plan_ending(started) if started else None
    if end is None or end.ends_on > timezone.localdate():
        raise CannotEnd("The support has not ended yet")
    return _settle(end, actor)


def close_ended_support(*, today: datetime.date) -> int:
    """Each morning: the cases whose planned end has come are closed, or their timeline says what keeps them open
    (tried once; the worker can try again from the case). Returns how many were tried."""
    due = Ending.objects.filter(
        order__isnull=True, settled_at__isnull=True, ends_on__lte=today, case__closed_at__isnull=True
    ).values_list("pk", flat=True)
    tried = 0
    for pk in list(due):
        with transaction.atomic():
            end = Ending.objects.select_for_update(skip_locked=True).filter(pk=pk, settled_at=None).first()
            if end is not None:
                _settle(end, None)
                tried += 1
    return tried


@transaction.atomic
def end_service(*, actor: User, order_id: int, ends_on: datetime.date, reason: str, note: str = "") -> Ending:
    """End one service of a plan gone live on `ends_on` (its last day) for `reason`; its provider is sent a
    notice. The rest of the support carries on, and the case stays as it is. Ended already: left as it was."""
    order = ServiceOrder.objects.select_for_update().select_related("go_live__case", "item").get(pk=order_id)
    case = order.go_live.case
    require(actor, PERMISSION, case)
    if existing := Ending.objects.filter(order=order).first():
        return existing
    if plan_ending(order.go_live):
        raise CannotEnd("All of this support has ended already")
    _check(ends_on=ends_on, started_on=order.starts_on, reason=reason)
    end, notice = end_order(actor=actor, order=order, reason=reason, ends_on=ends_on, note=note)
    case_services.queue_letters(actor=actor, letters=notice)
    log_service_ended(actor=actor, end=end)
    return end


def end_order(
    *, actor: User, order: ServiceOrder, reason: str, ends_on: datetime.date, note: str = ""
) -> tuple[Ending, list[Letter]]:
    """One running order ends on `ends_on` for `reason` (recorded as an `Ending`), with its provider's notice to be
    queued by the caller, who holds the order's lock and has checked the actor's permission."""
    end = Ending.objects.create(
        case=order.go_live.case,
        go_live=order.go_live,
        order=order,
        reason=reason,
        ends_on=ends_on,
        note=note.strip(),
        recorded_by=actor,
    )
    order.ends_on = ends_on
    order.save(update_fields=["ends_on"])
    return end, ending_letters.ending_letters(end, [order], None)


def log_service_ended(*, actor: User, end: Ending) -> None:
    """One service's end on the case's timeline; one the worker did not choose says why (the plan changed, another
    provider takes over)."""
    order = end.order
    why = (
        ""
        if end.reason in dict(ending.CHOSEN)
        else f": {end.get_reason_display()[:1].lower()}{end.get_reason_display()[1:]}"
    )
    log_event(
        end.case,
        Milestone.SERVICE_ENDED,
        actor,
        subject=end,
        summary=f"{order.item.description} from {order.provider} ends on {end.ends_on:%-d %B %Y}{why}",
        reason=end.reason,
        cld_outcome=ending.CLD_OUTCOME[end.reason],
        ends_on=end.ends_on.isoformat(),
        order=order.pk,
        provider=order.provider,
        weekly=str(order.weekly),
        days_of_support=(end.ends_on - order.starts_on).days + 1,
    )


def replace_earlier_support(
    *, actor: User, started: GoLive, earlier: GoLive | None, offered: list[replacing.Offered]
) -> Replaced:
    """A changed plan's support starting (`started`) replaces the earlier plan's (`earlier`, the support in place
    until then), by the rule in reviews.replacing: each order the new plan carries on unchanged moves to it as it
    is (nothing sent); each other order still running ends the day before, its provider sent the notice an ending
    sends, each logged; the earlier direct payment agreement ends that day. `offered`: the new plan's items a
    provider would be ordered for. Called inside go-live's transaction, which has checked the actor."""
    if earlier is None:
        return Replaced()
    orders, decided = _decided(earlier, offered, lock=True)
    notices, ended = [], []
    for order in orders:
        if order.pk in decided.carried:
            order.go_live, order.item_id = started, decided.carried[order.pk]
            order.save(update_fields=["go_live", "item"])
            continue
        ends_on = replacing.last_day(starts_on=started.starts_on, earlier_started=order.starts_on)
        end, notice = end_order(
            actor=actor,
            order=order,
            reason=decided.ended[order.pk],
            ends_on=ends_on,
            note=f"Version {started.plan.number} of the plan starts on {started.starts_on:%-d %B %Y}",
        )
        notices += notice
        ended.append(end)
    agreement = DirectPaymentAgreement.objects.filter(go_live=earlier, ends_on__isnull=True).first()
    if agreement is not None:
        agreement.ends_on = replacing.last_day(starts_on=started.starts_on, earlier_started=earlier.starts_on)
        agreement.save(update_fields=["ends_on"])
    case_services.queue_letters(actor=actor, letters=notices)
    for end in ended:
        log_service_ended(actor=actor, end=end)
    return Replaced(earlier, list(decided.carried), [end.order for end in ended], agreement)


@dataclass(frozen=True)
class Replacing:
    """What starting a changed plan's support will do to the support in place, for the worker to see first: the
    orders carried on unchanged, those to end (each with why) and the direct payment agreement to end."""

    earlier: GoLive
    carried: list[ServiceOrder]
    ending: list[tuple[ServiceOrder, str]]
    agreement: DirectPaymentAgreement | None


def what_replacing_does(case: Case, offered: list[replacing.Offered]) -> Replacing | None:
    """Before a plan's support starts: what it will do to the support in place on the case (`replace_earlier_support`
    decides the same way); None for a first plan."""
    earlier = support_in_place(case)
    if earlier is None:
        return None
    orders, decided = _decided(earlier, offered, lock=False)
    return Replacing(
        earlier,
        [order for order in orders if order.pk in decided.carried],
        [(order, decided.ended[order.pk]) for order in orders if order.pk in decided.ended],
        DirectPaymentAgreement.objects.filter(go_live=earlier, ends_on__isnull=True).first(),
    )


def _decided(
    earlier: GoLive, offered: list[replacing.Offered], *, lock: bool
) -> tuple[list[ServiceOrder], replacing.Replacement]:
    """The earlier plan's running orders, and the rule's decision on each."""
    running = earlier.orders.filter(ends_on__isnull=True).select_related(
        "go_live__case__person", "go_live__case__allocated_worker", "item"
    )
    orders = list(running.select_for_update(of=("self",)) if lock else running)
    sources = dict(
        PlanItem.objects.filter(outcome__plan__case=earlier.case_id).values_list("pk", "copied_from_id")
    )
    decided = replacing.replacing(
        [replacing.ordered(order) for order in orders],
        offered,
        replacing.carried_to({order.item_id for order in orders}, sources, [one.item for one in offered]),
    )
    return orders, decided
