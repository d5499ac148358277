"""Council admins keep the RAS: a new version starts as a draft copy, is tried on past budgets, then published
with the date it takes effect. A published version is never changed (budgets worked out with it keep saying
how), so a change is always a new version."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cases.models import User
from cases.roles import Role
from ras import calibration
from ras.models import IndicativeBudget, RasAdjustment, RasBand, RasVersion
from ras.services import orders_from_json


class CannotPublish(Exception):
    """The message says why."""


def _require_admin(actor: User) -> None:
    if actor.role != Role.COUNCIL_ADMIN:
        raise PermissionDenied


@transaction.atomic
def start_draft(*, actor: User, from_version_id: int) -> RasVersion:
    """A draft copied from a version; the open draft is returned if there is one (one draft at a time)."""
    _require_admin(actor)
    source = RasVersion.objects.select_for_update().get(pk=from_version_id)
    if draft := RasVersion.objects.filter(status=RasVersion.Status.DRAFT).first():
        return draft
    newest = RasVersion.objects.aggregate(Max("version"))["version__max"]
    copy = RasVersion.objects.create(
        version=newest + 1,
        effective_from=timezone.localdate() + datetime.timedelta(days=1),
        money_rule=source.money_rule,
        price_per_point=source.price_per_point,
        minimum_weekly=source.minimum_weekly,
        high_cost_weekly=source.high_cost_weekly,
        client_groups=list(source.client_groups),
    )
    RasBand.objects.bulk_create(
        RasBand(ras=copy, from_points=b.from_points, to_points=b.to_points, weekly=b.weekly)
        for b in source.bands.all()
    )
    RasAdjustment.objects.bulk_create(
        RasAdjustment(
            ras=copy,
            order=a.order,
            label=a.label,
            domain_key=a.domain_key,
            question_key=a.question_key,
            from_option=a.from_option,
            kind=a.kind,
            value=a.value,
        )
        for a in source.adjustments.all()
    )
    return copy


def past_budgets():
    """Every current indicative budget of needs decided eligible, as the calibration preview reads it, a chunk
    at a time."""
    rows = IndicativeBudget.objects.of_eligible_needs().values_list(
        "client_group", "points_by_domain", "answer_orders", "weekly"
    )
    for client_group, points, orders, weekly in rows.iterator(chunk_size=5000):
        yield client_group, points, orders_from_json(orders), weekly


def preview(version: RasVersion) -> list[calibration.GroupEffect]:
    return calibration.preview(past_budgets(), version.rules())


@transaction.atomic
def publish(*, actor: User, version_id: int, effective_from: datetime.date) -> RasVersion:
    _require_admin(actor)
    version = RasVersion.objects.select_for_update().get(pk=version_id)
    if version.is_published:
        return version
    if effective_from < timezone.localdate():
        raise CannotPublish(
            "A new version cannot take effect in the past: budgets already worked out would change"
        )
    if version.money_rule == RasVersion.MoneyRule.BANDS and not version.bands.exists():
        raise CannotPublish("Add at least one band of points")
    version.status, version.effective_from, version.published_at = (
        RasVersion.Status.PUBLISHED,
        effective_from,
        timezone.now(),
    )
    version.save(update_fields=["status", "effective_from", "published_at"])
    return version
