"""Reads for validation."""

import datetime

from django.utils import timezone

from validation.models import DelegationScheme


def scheme_in_force(day: datetime.date | None = None) -> DelegationScheme | None:
    """The delegation scheme in force on `day` (today by default), with its levels and limits."""
    return DelegationScheme.objects.in_force_on(day or timezone.localdate())
