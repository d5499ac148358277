"""A plan's cost and its gap to the indicative budget, at and around the council's tolerance."""

from decimal import Decimal as D

import pytest

from support_planning.costing import HOURLY, ONE_OFF, WEEKLY, Cost, ImpossibleCost, Tolerance, gap, totals

TEN_AND_TWENTY = Tolerance(above_percent=D("10"), below_percent=D("20"))


def test_hourly_weekly_and_one_off_items_make_the_running_total():
    plan = totals(
        [
            Cost(HOURLY, hours=D("7.5"), rate=D("24.10")),  # £180.75 a week
            Cost(WEEKLY, amount=D("35")),
            Cost(ONE_OFF, amount=D("240")),  # a hand rail, bought once
        ]
    )
    assert plan.weekly == D("215.75")
    assert plan.one_off == D("240.00")
    assert plan.annual == D("215.75") * 52 + D("240.00") == D("11459.00")


def test_an_empty_plan_costs_nothing():
    assert totals([]).annual == 0


@pytest.mark.parametrize(
    "cost",
    [
        lambda: Cost(WEEKLY, amount=D("-1")),
        lambda: Cost(HOURLY, hours=D("169"), rate=D("20")),
        lambda: Cost(HOURLY, hours=D("2"), rate=D("-20")),
        lambda: Cost("fortnightly", amount=D("10")),
    ],
)
def test_costs_no_plan_could_have_are_refused(cost):
    with pytest.raises(ImpossibleCost):
        cost()


@pytest.mark.parametrize(
    ("plan", "beyond"),
    [
        (D("11000.00"), False),  # exactly 10% above
        (D("11000.01"), True),  # a penny more
        (D("10999.99"), False),
        (D("8000.00"), False),  # exactly 20% below
        (D("7999.99"), True),
        (D("10000.00"), False),
    ],
)
def test_tolerance_at_and_around_its_edges_above_and_below(plan, beyond):
    found = gap(plan, D("10000.00"), TEN_AND_TWENTY)
    assert found.beyond_tolerance is beyond
    assert found.pounds == plan - D("10000.00")


def test_the_gap_is_shown_in_pounds_and_as_a_percentage_of_the_budget():
    found = gap(D("11459.00"), D("10400.00"), TEN_AND_TWENTY)
    assert found.pounds == D("1059.00") and found.above
    assert found.percent == D("10.2")
    below = gap(D("9360.00"), D("10400.00"), TEN_AND_TWENTY)
    assert below.below and below.percent == D("-10.0") and not below.beyond_tolerance


def test_no_indicative_budget_no_gap_and_a_budget_of_nothing_has_no_percentage():
    assert gap(D("500"), None, TEN_AND_TWENTY) is None
    nothing = gap(D("500"), D("0"), TEN_AND_TWENTY)
    assert nothing.percent is None and nothing.beyond_tolerance
    assert not gap(D("0"), D("0"), TEN_AND_TWENTY).beyond_tolerance


def test_each_way_of_costing_is_said_the_one_way_every_page_and_letter_says_it():
    assert (
        Cost(HOURLY, hours=D("7.50"), rate=D("24.10")).in_words
        == "7.5 hours a week at £24.10 an hour: £180.75 a week"
    )
    assert Cost(WEEKLY, amount=D("35")).in_words == "£35.00 a week"
    assert Cost(ONE_OFF, amount=D("1240")).in_words == "£1,240.00 once"


def test_the_gap_percentage_is_signed_either_way_with_a_true_minus():
    assert gap(D("11459.00"), D("10400.00"), TEN_AND_TWENTY).percent_text == "+10.2%"
    assert gap(D("9360.00"), D("10400.00"), TEN_AND_TWENTY).percent_text == "\u221210.0%"
    assert gap(D("500"), D("0"), TEN_AND_TWENTY).percent_text == ""
