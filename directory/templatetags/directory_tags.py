"""How the directory writes times, in GOV.UK style: 9am, 5:30pm, midday, midnight."""

import datetime

from django import template

register = template.Library()


@register.filter
def clock(value: datetime.time | None) -> str:
    if value is None:
        return ""
    if value == datetime.time(12):
        return "midday"
    if value == datetime.time(0):
        return "midnight"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"
