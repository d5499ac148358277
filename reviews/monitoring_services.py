"""Sending a direct payment return (reviews.monitoring): by the person online or by their worker, for the direct
payment of the support in place; once a day (sent again the same day, it is corrected), logged on the case."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Case, User
from cases.roles import Role
from config.access import require
from config.money import display
from reviews import monitoring, selectors
from reviews.models import DirectPaymentAgreement, DirectPaymentReturn
from support_planning import selectors as plan_selectors

PERSON_PERMISSION = "reviews.send_direct_payment_return"
WORKER_PERMISSION = "reviews.review"


class CannotSendReturn(Exception):
    """Refused, with what to tell the person."""


@dataclass(frozen=True)
class Told:
    """What the person (or their worker) says: the balance today, and what paid for things not in the plan."""

    balance: Decimal
    outside_plan: Decimal = Decimal(0)
    outside_plan_what: str = ""


def period_start(agreement: DirectPaymentAgreement, day: datetime.date) -> datetime.date:
    """A return covers the days since the last one before `day` (or since the first payment), up to `day`."""
    last = (
        DirectPaymentReturn.objects.filter(agreement=agreement, period_to__lt=day)
        .order_by("-period_to")
        .first()
    )
    start = last.period_to + datetime.timedelta(days=1) if last else agreement.first_payment_on
    return min(start, day)


def paid_between(agreement: DirectPaymentAgreement, since: datetime.date, until: datetime.date) -> Decimal:
    """What the council paid into the account from `since` to `until`, by the agreement's payments."""
    return monitoring.paid_in(
        first=agreement.first_payment_on,
        frequency=agreement.frequency,
        amount=agreement.amount,
        once=agreement.once,
        since=since,
        until=until,
        ends_on=agreement.ends_on,
    )


def materiality(day: datetime.date) -> monitoring.Materiality:
    rules = plan_selectors.rules_in_force(day)
    return monitoring.Materiality(rules.monitoring_surplus_weeks, rules.monitoring_outside_plan_most)


@transaction.atomic
def send_return(*, actor: User, case_id: int, told: Told) -> DirectPaymentReturn:
    """The return for today, made or (sent again today) corrected, with what the council paid in over its period
    and what the planning rules in force find material; the case locked, so two at once make one."""
    case = Case.objects.select_for_update().get(pk=case_id)
    by_person = actor.role == Role.CITIZEN
    require(actor, PERSON_PERMISSION if by_person else WORKER_PERMISSION, case)
    today = timezone.localdate()
    agreement = selectors.running_direct_payment(case, today)
    if agreement is None:
        raise CannotSendReturn("There is no direct payment running on this case")
    since = period_start(agreement, today)
    weekly = monitoring.weekly_equivalent(agreement.amount, agreement.frequency)
    found = monitoring.flags(
        balance=told.balance, weekly=weekly, outside_plan=told.outside_plan, rules=materiality(today)
    )
    sent, made = DirectPaymentReturn.objects.update_or_create(
        agreement=agreement,
        period_to=today,
        defaults={
            "case": case,
            "review": selectors.scheduled_review(case),
            "period_from": since,
            "paid_in": paid_between(agreement, since, today),
            "balance": told.balance,
            "outside_plan": told.outside_plan,
            "outside_plan_what": told.outside_plan_what.strip() if told.outside_plan else "",
            "flags": [{"code": flag.code, "words": flag.words} for flag in found],
            "sent_by": actor,
            "sent_from": DirectPaymentReturn.From.PERSON if by_person else DirectPaymentReturn.From.WORKER,
            "sent_at": timezone.now(),
        },
    )
    look = f"{len(found)} thing{'s' if len(found) != 1 else ''} to look at" if found else "nothing to look at"
    log_event(
        case,
        Milestone.DIRECT_PAYMENT_RETURN,
        actor,
        subject=sent,
        summary=f"Direct payment return{'' if made else ' corrected'}, {since:%-d %B %Y} to {today:%-d %B %Y}: "
        f"{display(told.balance)} in the account, {display(told.outside_plan)} outside the plan; {look}",
        balance=str(told.balance),
        outside_plan=str(told.outside_plan),
        paid_in=str(sent.paid_in),
        period_from=since.isoformat(),
        period_to=today.isoformat(),
        flags=[flag.code for flag in found],
        sent_from=sent.sent_from,
    )
    return sent
