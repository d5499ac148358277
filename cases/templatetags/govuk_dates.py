"""Dates and times written the GOV.UK way: '5 March 2026 at 2:30pm', 'midday', 'midnight'."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def govuk_time(moment: datetime.datetime) -> str:
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


@register.filter
def govuk_datetime(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {govuk_time(local)}"
