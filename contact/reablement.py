"""Reablement's rules as plain functions: it is free for its first weeks (the number is configuration, in
`FreeSupportLimits`), its review is due before that free period ends, and its outcome decides where the case
goes next."""

import datetime

from cases.stages import Stage
from contact.models import ReablementOutcome

# The review is prompted this many days before the free period ends, so the outcome is known in time.
REVIEW_NOTICE = datetime.timedelta(days=7)

STAGE_AFTER = {
    ReablementOutcome.NO_FURTHER_SUPPORT: Stage.CLOSED,
    ReablementOutcome.SUPPORT_CONTINUES: Stage.CLOSED,
    ReablementOutcome.ASSESSMENT: Stage.ASSESSMENT,
}


def free_until(started_on: datetime.date, free_weeks: int) -> datetime.date:
    """The last free day: started on a Monday, six free weeks run to the Sunday five weeks later."""
    return started_on + datetime.timedelta(weeks=free_weeks) - datetime.timedelta(days=1)


def review_due(free_until_day: datetime.date, today: datetime.date) -> bool:
    """Due once the free period ends within the notice (and still due, overdue, once it has ended)."""
    return free_until_day - today <= REVIEW_NOTICE


def free_period_text(free_until_day: datetime.date, today: datetime.date) -> str:
    """Where the free period stands, as the worker would say it."""
    days = (free_until_day - today).days
    if days < 0:
        return f"Free period ended {-days} day{'' if days == -1 else 's'} ago"
    if days == 0:
        return "Free period ends today"
    if days <= REVIEW_NOTICE.days:
        return f"Free period ends in {days} day{'' if days == 1 else 's'}"
    return f"Free until {free_until_day:%-d %B %Y}"


def stage_after(outcome: str) -> Stage:
    """Where the case goes when reablement ends: closed when the person needs nothing more from social care
    (or only low-level support), to assessment when longer-term care and support may be needed."""
    return STAGE_AFTER[ReablementOutcome(outcome)]
