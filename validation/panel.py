"""The risk enablement panel's rules as plain functions: the time a meeting starts as people type it, and when the
panel's decision may be recorded."""

import datetime
import re

TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$")
WORDS = {"midday": datetime.time(12, 0), "noon": datetime.time(12, 0), "midnight": datetime.time(0, 0)}


def time_typed(text: str) -> datetime.time | None:
    """A time as people write it: 10am, 2:30pm, 2.30 pm, 14:30, 9 (a morning hour), midday or midnight. None when it is not
    a time of day."""
    typed = " ".join(text.strip().lower().split())
    if typed in WORDS:
        return WORDS[typed]
    found = TIME.match(typed)
    if found is None:
        return None
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    half = (found["half"] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def may_decide_on(meeting_day: datetime.date, today: datetime.date) -> bool:
    """The panel's decision is recorded at or after its meeting, never before it."""
    return meeting_day <= today
