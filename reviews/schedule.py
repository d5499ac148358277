"""When a person's support is reviewed: the Care Act's review duties as the council schedules them, as plain
functions over dates (see ../shared/design/domain.md, "Reviews and direct payments").

- A new or revised plan has a light-touch review 6 to 8 weeks after its support starts.
- After any review, the next is due no later than 12 months on.
- A direct payment is reviewed within 6 months of its first payment, then at least every 12 months.
- The person, a carer, a provider or the worker may ask for a review at any time: it is due at once.

The review due is the earliest of those that apply. Months are calendar months: a date that does not exist in the
month reached (31 August plus 6 months; 29 February plus 12 months) falls on that month's last day, never in the
month after.
"""

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum

FIRST_REVIEW_FROM = datetime.timedelta(weeks=6)
FIRST_REVIEW_BY = datetime.timedelta(weeks=8)
YEARLY_MONTHS = 12
DIRECT_PAYMENT_MONTHS = 6
# How long before a review's window opens it shows as "due soon" on the queues (and, by default, the person is
# invited to it: settings.REVIEW_INVITATION_DAYS).
SOON = datetime.timedelta(days=28)


class Why(StrEnum):
    FIRST = "A light-touch review 6 to 8 weeks after the support started"
    YEARLY = "No later than 12 months after the last review"
    DIRECT_PAYMENT_FIRST = "Within 6 months of the first direct payment"
    ASKED_FOR = "Asked for"


class Standing(StrEnum):
    NOT_YET = "Not yet due"
    SOON = "Due soon"
    DUE = "Due"
    OVERDUE = "Overdue"


@dataclass(frozen=True)
class Due:
    """A review due: from `opens` (the start of its window; the same as `by` when it has none) to `by`."""

    opens: datetime.date
    by: datetime.date
    why: Why


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved on by whole calendar months, on the month's last day when the day does not exist there."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_review(support_started: datetime.date) -> Due:
    return Due(support_started + FIRST_REVIEW_FROM, support_started + FIRST_REVIEW_BY, Why.FIRST)


def after_review(reviewed: datetime.date) -> Due:
    by = add_months(reviewed, YEARLY_MONTHS)
    return Due(by, by, Why.YEARLY)


def direct_payment_review(first_payment: datetime.date) -> Due:
    by = add_months(first_payment, DIRECT_PAYMENT_MONTHS)
    return Due(by, by, Why.DIRECT_PAYMENT_FIRST)


def next_review(
    *,
    support_started: datetime.date,
    last_review: datetime.date | None = None,
    first_direct_payment: datetime.date | None = None,
    asked_for: datetime.date | None = None,
) -> Due:
    """The review due for a plan whose support started on `support_started` (a new or revised plan: the first
    review is counted from it), reviewed last on `last_review` (since it started), with a direct payment first paid
    on `first_direct_payment`, and a review asked for on `asked_for` (not yet held)."""
    if last_review is not None and last_review < support_started:
        last_review = None  # a review of an earlier plan: this one starts its own schedule
    candidates = [after_review(last_review) if last_review else first_review(support_started)]
    if first_direct_payment and not (last_review and last_review >= first_direct_payment):
        candidates.append(direct_payment_review(first_direct_payment))
    if asked_for and not (last_review and last_review >= asked_for):
        candidates.append(Due(asked_for, asked_for, Why.ASKED_FOR))
    return min(candidates, key=lambda due: (due.by, due.opens))


def thresholds(today: datetime.date) -> tuple[tuple[Standing, str, datetime.date], ...]:
    """The standing rule, the most pressing first: a review stands as the first of these whose date (the review's
    `by` or `opens`) falls on or before the day given, and is not yet due when none does: overdue after its last
    day, due within its window (or on the day, for one with no window), due soon for the 28 days before.

    The one statement of the rule: `standing` reads it in Python, the reviews queue in SQL."""
    return (
        (Standing.OVERDUE, "by", today - datetime.timedelta(days=1)),
        (Standing.DUE, "opens", today),
        (Standing.SOON, "opens", today + SOON),
    )


def standing(due: Due, today: datetime.date) -> Standing:
    """Where a review stands on `today` (see `thresholds`)."""
    for stands, field, latest in thresholds(today):
        if getattr(due, field) <= latest:
            return stands
    return Standing.NOT_YET


def invite_opening_by(today: datetime.date, days_before: int) -> datetime.date:
    """The latest day a review's window may open for the person to be invited to it on `today`: invited
    `days_before` days before it opens, or at once when that day has passed (a review asked for, scheduled late, or
    a day the job did not run)."""
    return today + datetime.timedelta(days=days_before)


def when_in_words(due: Due, today: datetime.date) -> str:
    """When the review will be, as the person's letter says it, completing "We would like to talk with you …"."""
    if today > due.by:
        return "as soon as we can"
    by = f"{due.by:%-d %B %Y}"
    if today >= due.opens:
        return f"soon, and by {by} at the latest"
    if due.opens == due.by:
        return f"by {by}"
    same_year = due.opens.year == due.by.year
    return f"between {due.opens:%-d %B{'' if same_year else ' %Y'}} and {by}"
