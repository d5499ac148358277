"""Who manages the money item by item, and what the direct payment comes to once the person's contribution is
taken from it."""

from decimal import Decimal as D

import pytest

from support_planning.money_management import Frequency, Management, PaidItem, per_payment, split

DP = Management.DIRECT_PAYMENT
COUNCIL = Management.COUNCIL_MANAGED
FUND = Management.SERVICE_FUND


def test_a_direct_payment_is_paid_net_of_the_contribution():
    money = split([PaidItem(DP, D("200.00"))], D("45.50"))
    assert money.direct_payment_weekly == D("154.50")
    assert money.contribution_from_direct_payment == D("45.50")
    assert money.contribution_billed == 0
    assert money.council_share == D("154.50")


def test_a_mix_takes_the_contribution_from_the_direct_payment_first_and_bills_the_rest():
    items = [PaidItem(DP, D("30.00")), PaidItem(COUNCIL, D("120.00")), PaidItem(FUND, D("50.00"))]
    money = split(items, D("45.00"))
    assert money.weekly_by_management == {DP: D("30.00"), COUNCIL: D("120.00"), FUND: D("50.00")}
    assert money.direct_payment_weekly == 0
    assert money.contribution_from_direct_payment == D("30.00")
    assert money.contribution_billed == D("15.00")
    assert money.council_share == D("155.00")
    assert money.has_direct_payment


def test_the_person_never_pays_more_than_the_plan_costs():
    money = split([PaidItem(COUNCIL, D("60.00"))], D("90.00"))
    assert money.contribution == D("60.00") and money.council_share == 0


def test_not_yet_assessed_is_nothing_to_pay_for_now():
    money = split([PaidItem(COUNCIL, D("60.00"))], None)
    assert money.contribution == 0 and money.council_share == D("60.00")


def test_one_off_items_paid_as_a_direct_payment_are_paid_once_and_free_support_costs_nothing():
    items = [PaidItem(DP, D("0.00"), once=D("240.00")), PaidItem(Management.NOT_PAID, D("0.00"))]
    money = split(items, D("0"))
    assert money.direct_payment_once == D("240.00")
    assert money.direct_payment_weekly == 0 and money.weekly_by_management == {}


@pytest.mark.parametrize(
    ("frequency", "amount"),
    [(Frequency.WEEKLY, D("154.50")), (Frequency.FOUR_WEEKLY, D("618.00")), (Frequency.MONTHLY, D("669.50"))],
)
def test_the_direct_payment_at_each_frequency(frequency, amount):
    assert per_payment(D("154.50"), frequency) == amount
