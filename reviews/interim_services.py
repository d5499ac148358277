"""Urgent interim support: started on a case before its plan's support, extended only with a reason, ended early or
replaced when the plan's support starts. Each change in one transaction, by someone allowed to make it, and on the
case's journey log with the interim support whole in its facts."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Case, User
from cases.stages import Stage
from cases.submissions import claim
from config.access import require
from directory.models import Organization
from reviews import interim
from reviews.interim_models import InterimSupport
from reviews.models import GoLive
from reviews.providers import name_key, provider_key

PERMISSION = "reviews.arrange_interim"

# A plan's support in place (or the case closed): urgent support is no longer "before the plan".
TOO_LATE = (Stage.LIVE, Stage.REVIEW, Stage.CLOSED)


class CannotArrange(Exception):
    """Refused, with what to tell the user."""


@dataclass(frozen=True)
class Urgent:
    provider: str
    what: str
    weekly: Decimal
    starts_on: datetime.date
    ends_on: datetime.date


def _money(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def organisation_named(name: str) -> Organization | None:
    """The directory organisation of that name (ignoring case and spacing), if the directory lists exactly one."""
    found = list(
        Organization.objects.annotate(key=name_key("name")).filter(key=provider_key(name)).order_by("pk")[:2]
    )
    return found[0] if len(found) == 1 else None


def _problems(problems: dict[str, str]) -> None:
    if problems:
        raise CannotArrange(" ".join(problems.values()))


@transaction.atomic
def start_interim(
    *, actor: User, case_id: int, urgent: Urgent, once: uuid.UUID | None = None
) -> InterimSupport:
    """Start urgent interim support on a case whose plan's support is not yet in place: its provider (the directory
    organisation when it lists one by that name), what, its weekly cost and its end date, within the council's
    limit. A form sent twice starts it once."""
    case = Case.objects.select_for_update().get(pk=case_id)
    require(actor, PERMISSION, case)
    if case.stage in TOO_LATE:
        raise CannotArrange(
            "The case is closed"
            if case.stage == Stage.CLOSED
            else "Support is in place: change the plan instead"
        )
    claim(once, user=actor, result_url=reverse("case", args=[case.pk]))
    _problems(
        interim.start_problems(
            starts_on=urgent.starts_on,
            ends_on=urgent.ends_on,
            today=timezone.localdate(),
            weeks=interim.weeks_allowed(),
        )
    )
    support = InterimSupport.objects.create(
        case=case,
        organisation=organisation_named(urgent.provider),
        provider=" ".join(urgent.provider.split()),
        what=urgent.what.strip(),
        weekly=urgent.weekly,
        starts_on=urgent.starts_on,
        ends_on=urgent.ends_on,
        first_ends_on=urgent.ends_on,
        recorded_by=actor,
    )
    log_event(
        case,
        Milestone.INTERIM_STARTED,
        actor,
        subject=support,
        summary=f"Urgent support from {support.provider}: {support.what}, {_money(support.weekly)} a week, "
        f"{support.starts_on:%-d %B} to {support.ends_on:%-d %B %Y}",
        **support.as_facts(),
    )
    return support


def _running(interim_id: int, actor: User) -> InterimSupport:
    support = InterimSupport.objects.select_for_update().select_related("case").get(pk=interim_id)
    require(actor, PERMISSION, support.case)
    if not support.is_running:
        raise CannotArrange(f"This urgent support has ended: {support.get_status_display().lower()}")
    return support


@transaction.atomic
def extend_interim(*, actor: User, interim_id: int, ends_on: datetime.date, because: str) -> InterimSupport:
    """Run urgent support on to a later end date, by at most the council's limit at a time, and only with a reason.
    The same date sent again changes nothing."""
    support = _running(interim_id, actor)
    if ends_on == support.ends_on and support.extensions:
        return support
    if not because.strip():
        raise CannotArrange("Enter why the urgent support needs to run on")
    _problems(
        interim.extension_problems(ends_on=support.ends_on, new_end=ends_on, weeks=interim.weeks_allowed())
    )
    was = support.ends_on
    support.ends_on, support.extensions = ends_on, support.extensions + 1
    support.save(update_fields=["ends_on", "extensions"])
    log_event(
        support.case,
        Milestone.INTERIM_EXTENDED,
        actor,
        subject=support,
        summary=f"Urgent support from {support.provider} extended from {was:%-d %B} to {ends_on:%-d %B %Y}: "
        f"{because.strip()}",
        because=because.strip(),
        was=was.isoformat(),
        **support.as_facts(),
    )
    return support


@transaction.atomic
def end_interim(*, actor: User, interim_id: int, ended_on: datetime.date, because: str) -> InterimSupport:
    """Stop urgent support before the plan's support replaces it (no longer needed, or the person declined it)."""
    support = _running(interim_id, actor)
    if ended_on < support.starts_on:
        raise CannotArrange(f"The last day must be on or after the start, {support.starts_on:%-d %B %Y}")
    support.status, support.ended_on, support.ended_because = (
        InterimSupport.Status.ENDED,
        ended_on,
        because.strip(),
    )
    support.save(update_fields=["status", "ended_on", "ended_because"])
    log_event(
        support.case,
        Milestone.INTERIM_ENDED,
        actor,
        subject=support,
        summary=f"Urgent support from {support.provider} ended on {ended_on:%-d %B %Y}: {because.strip()}",
        because=because.strip(),
        replaced_by_plan=False,
        days=(ended_on - support.starts_on).days + 1,
        past_its_end=ended_on > support.ends_on,
        **support.as_facts(),
    )
    return support


def replace_at_go_live(*, actor: User, started: GoLive) -> int:
    """The plan's support starting replaces the case's urgent support, which ends the day before it starts; each is
    logged, saying whether the plan ordered it on unchanged. Called inside go-live's transaction."""
    running = list(
        InterimSupport.objects.select_for_update().filter(
            case=started.case, status=InterimSupport.Status.RUNNING
        )
    )
    orders = [interim.Ordered(order.provider, order.weekly) for order in started.orders.all()]
    last_day = started.starts_on - datetime.timedelta(days=1)
    for support in running:
        ended_on = max(last_day, support.starts_on)
        support.status, support.ended_on, support.replaced_by = (
            InterimSupport.Status.REPLACED,
            ended_on,
            started,
        )
        support.kept_as_it_was = interim.kept_as_it_was(
            provider=support.provider, weekly=support.weekly, orders=orders
        )
        support.save(update_fields=["status", "ended_on", "replaced_by", "kept_as_it_was"])
        log_event(
            support.case,
            Milestone.INTERIM_ENDED,
            actor,
            subject=support,
            summary=f"Urgent support from {support.provider} replaced by the plan’s support from "
            f"{started.starts_on:%-d %B %Y}"
            + (", which carries it on unchanged" if support.kept_as_it_was else ""),
            replaced_by_plan=True,
            go_live=started.pk,
            days=(ended_on - support.starts_on).days + 1,
            past_its_end=ended_on > support.ends_on,
            **support.as_facts(),
        )
    return len(running)
