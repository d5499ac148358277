"""Review dates pinned to the day: the first light-touch review, the yearly one, the direct payment's, one asked
for, across month ends and leap years."""

from datetime import date

import pytest

from reviews import schedule
from reviews.schedule import Due, Standing, Why


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # a leap year's February
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # a leap day, a year on
        (date(2028, 2, 29), 48, date(2032, 2, 29)),  # and four years on
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2026, 10, 31), 6, date(2027, 4, 30)),
        (date(2026, 7, 31), 6, date(2027, 1, 31)),  # across the year end
    ],
)
def test_months_are_calendar_months_ending_on_the_last_day_when_the_day_is_missing(day, months, expected):
    assert schedule.add_months(day, months) == expected


def test_a_new_plan_is_reviewed_6_to_8_weeks_after_its_support_starts():
    assert schedule.next_review(support_started=date(2026, 12, 31)) == Due(
        date(2027, 2, 11), date(2027, 2, 25), Why.FIRST
    )
    # Signed off on a leap-year February day: the window spans the leap day.
    assert schedule.next_review(support_started=date(2028, 1, 20)) == Due(
        date(2028, 3, 2), date(2028, 3, 16), Why.FIRST
    )


def test_after_a_review_the_next_is_due_no_later_than_12_months_on():
    due = schedule.next_review(support_started=date(2026, 3, 1), last_review=date(2026, 4, 14))
    assert due == Due(date(2027, 4, 14), date(2027, 4, 14), Why.YEARLY)
    leap = schedule.next_review(support_started=date(2027, 12, 1), last_review=date(2028, 2, 29))
    assert leap.by == date(2029, 2, 28)


def test_a_direct_payment_is_reviewed_within_6_months_of_its_first_payment_unless_reviewed_since():
    started, first_payment = date(2026, 8, 3), date(2026, 8, 31)
    # The light-touch review comes first...
    assert schedule.next_review(support_started=started, first_direct_payment=first_payment).why == Why.FIRST
    # ...then, reviewed before the first payment, the payment's own review within 6 months of it.
    due = schedule.next_review(
        support_started=started, last_review=date(2026, 8, 20), first_direct_payment=first_payment
    )
    assert due == Due(date(2027, 2, 28), date(2027, 2, 28), Why.DIRECT_PAYMENT_FIRST)
    # Reviewed after the first payment: yearly from that review.
    yearly = schedule.next_review(
        support_started=started, last_review=date(2026, 10, 1), first_direct_payment=first_payment
    )
    assert yearly == Due(date(2027, 10, 1), date(2027, 10, 1), Why.YEARLY)


def test_a_review_asked_for_is_due_at_once_until_one_is_held():
    asked = schedule.next_review(
        support_started=date(2026, 1, 5), last_review=date(2026, 2, 20), asked_for=date(2026, 6, 1)
    )
    assert asked == Due(date(2026, 6, 1), date(2026, 6, 1), Why.ASKED_FOR)
    held = schedule.next_review(
        support_started=date(2026, 1, 5), last_review=date(2026, 6, 3), asked_for=date(2026, 6, 1)
    )
    assert held.why == Why.YEARLY and held.by == date(2027, 6, 3)


def test_a_review_of_an_earlier_plan_does_not_count_for_a_revised_one():
    revised = schedule.next_review(support_started=date(2026, 9, 1), last_review=date(2026, 8, 15))
    assert revised.why == Why.FIRST and revised.by == date(2026, 10, 27)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 13), Standing.NOT_YET),
        (date(2027, 1, 14), Standing.SOON),  # 28 days before the window opens
        (date(2027, 2, 10), Standing.SOON),
        (date(2027, 2, 11), Standing.DUE),  # the window opens
        (date(2027, 2, 25), Standing.DUE),  # its last day
        (date(2027, 2, 26), Standing.OVERDUE),
    ],
)
def test_a_review_stands_due_soon_due_or_overdue_to_the_day(today, expected):
    assert schedule.standing(schedule.first_review(date(2026, 12, 31)), today) == expected


def test_a_person_is_invited_to_a_review_opening_within_the_days_before_it_or_already_open():
    assert schedule.invite_opening_by(date(2026, 12, 20), 28) == date(2027, 1, 17)
    assert schedule.invite_opening_by(date(2026, 12, 20), 0) == date(2026, 12, 20)


@pytest.mark.parametrize(
    ("opens", "by", "today", "said"),
    [
        (date(2027, 2, 11), date(2027, 2, 25), date(2027, 1, 14), "between 11 February and 25 February 2027"),
        (
            date(2026, 12, 24),
            date(2027, 1, 7),
            date(2026, 11, 26),
            "between 24 December 2026 and 7 January 2027",
        ),
        (date(2027, 6, 30), date(2027, 6, 30), date(2027, 6, 2), "by 30 June 2027"),
        (
            date(2027, 2, 11),
            date(2027, 2, 25),
            date(2027, 2, 11),
            "soon, and by 25 February 2027 at the latest",
        ),
        (date(2027, 2, 1), date(2027, 2, 1), date(2027, 2, 1), "soon, and by 1 February 2027 at the latest"),
        (date(2027, 2, 11), date(2027, 2, 25), date(2027, 2, 26), "as soon as we can"),
    ],
)
def test_the_letter_says_when_the_review_will_be_in_words(opens, by, today, said):
    assert schedule.when_in_words(Due(opens, by, Why.FIRST), today) == said
