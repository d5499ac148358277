"""The council's starting delegation scheme: a team manager agrees plans up to £30,000 a year, a service manager up
to £60,000, a head of service any amount, in that order of escalation, in force from 1 April 2015. The figures are
of the scale councils publish (see docs/decisions.md); a council changes them in its configuration screens.

Takes `get_model` so the data migration can use its historical models."""

import datetime
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

FIRST_LEVELS = [
    (1, "Team manager", "team_manager", Decimal("30000")),
    (2, "Service manager", "service_manager", Decimal("60000")),
    (3, "Head of service", "head_of_service", None),
]


def seed_delegation(get_model=apps.get_model) -> None:
    DelegationScheme = get_model("validation", "DelegationScheme")
    DelegationLevel = get_model("validation", "DelegationLevel")
    if DelegationScheme.objects.exists():
        return
    scheme = DelegationScheme.objects.create(
        version=1,
        status="published",
        effective_from=datetime.date(2015, 4, 1),
        published_at=timezone.now(),
    )
    DelegationLevel.objects.bulk_create(
        DelegationLevel(scheme=scheme, place=place, name=name, role=role, annual_limit=limit)
        for place, name, role, limit in FIRST_LEVELS
    )
