"""Direct payment monitoring's rules, to the day and the penny: what was paid in over a period, and when a return
is material (money building up, or spent outside the plan), by the thresholds in force."""

from datetime import date
from decimal import Decimal as D

import pytest

from reviews import monitoring
from reviews.monitoring import Materiality
from support_planning.models import Frequency

RULES = Materiality(surplus_weeks=12, outside_plan_most=D("250.00"))


@pytest.mark.parametrize(
    ("frequency", "amount", "weekly"),
    [
        (Frequency.WEEKLY, D("140.00"), D("140.00")),
        (Frequency.FOUR_WEEKLY, D("560.00"), D("140.00")),
        (Frequency.MONTHLY, D("606.67"), D("140.00")),  # a twelfth of 52 weeks' worth
    ],
)
def test_a_payment_comes_to_the_same_weekly_sum_at_each_frequency(frequency, amount, weekly):
    assert monitoring.weekly_equivalent(amount, frequency) == weekly


def test_monthly_payments_fall_on_the_same_day_or_the_month_s_last():
    days = monitoring.payment_days(date(2027, 1, 31), Frequency.MONTHLY, until=date(2027, 5, 1))
    assert days == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    leap = monitoring.payment_days(date(2028, 1, 31), Frequency.MONTHLY, until=date(2028, 3, 1))
    assert leap == [date(2028, 1, 31), date(2028, 2, 29)]


def test_four_weekly_payments_stop_at_the_last_day_paid_for():
    days = monitoring.payment_days(
        date(2026, 12, 1), Frequency.FOUR_WEEKLY, until=date(2027, 6, 1), ends_on=date(2027, 1, 28)
    )
    assert days == [date(2026, 12, 1), date(2026, 12, 29), date(2027, 1, 26)]


def test_paid_in_counts_the_payments_in_the_period_both_ends_included_and_the_one_off_sum_with_the_first():
    def paid(since, until):
        return monitoring.paid_in(
            first=date(2026, 12, 1),
            frequency=Frequency.FOUR_WEEKLY,
            amount=D("560.00"),
            once=D("300.00"),
            since=since,
            until=until,
        )

    assert paid(date(2026, 12, 1), date(2026, 12, 1)) == D("860.00")  # the first payment and the one-off sum
    assert paid(date(2026, 12, 2), date(2026, 12, 28)) == D("0.00")  # between payments
    assert paid(date(2026, 12, 2), date(2026, 12, 29)) == D("560.00")  # the next, on the last day
    assert paid(date(2026, 12, 1), date(2027, 5, 31)) == D("4220.00")  # 7 payments and the one-off sum
    assert paid(date(2026, 11, 1), date(2026, 11, 30)) == D("0.00")  # before the first


@pytest.mark.parametrize(
    ("balance", "flagged"),
    [
        (D("1680.00"), False),  # exactly 12 weeks of £140: not more than
        (D("1680.01"), True),
        (D("0.00"), False),
    ],
)
def test_money_held_beyond_the_weeks_of_payments_is_flagged_and_no_less(balance, flagged):
    found = monitoring.flags(balance=balance, weekly=D("140.00"), outside_plan=D(0), rules=RULES)
    assert [flag.code for flag in found] == ([monitoring.SURPLUS] if flagged else [])
    if flagged:
        assert "£1,680.01 in the account is more than 12 weeks of payments (£1,680.00)" in found[0].words


@pytest.mark.parametrize(("spent", "flagged"), [(D("250.00"), False), (D("250.01"), True)])
def test_spending_outside_the_plan_is_flagged_only_above_the_council_s_sum(spent, flagged):
    found = monitoring.flags(balance=D(0), weekly=D("140.00"), outside_plan=spent, rules=RULES)
    assert [flag.code for flag in found] == ([monitoring.OUTSIDE_PLAN] if flagged else [])


def test_a_check_the_council_turned_off_never_flags():
    off = Materiality(surplus_weeks=None, outside_plan_most=None)
    assert monitoring.flags(balance=D("99999"), weekly=D("10"), outside_plan=D("99999"), rules=off) == []
