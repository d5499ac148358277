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


def day_and_time(moment: datetime.datetime) -> str:
    """Tuesday 12 May 2026 at 10am: a meeting's start, with the day of the week people plan by."""
    local = timezone.localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y} at {govuk_time(local)}"


@register.filter
def govuk_day_and_time(moment: datetime.datetime | None) -> str:
    return "" if moment is None else day_and_time(moment)


@register.filter
def govuk_iso_date(text: str | None) -> str:
    """A date kept as an ISO string (a journey event's facts), written the GOV.UK way: 30 June 2026."""
    if not text:
        return ""
    day = datetime.date.fromisoformat(text[:10])
    return f"{day.day} {day:%B %Y}"
