"""A change to an agreed plan against the council's tolerance for changes, at and around its edges, either way, and
the rule that a budget is reduced only after a reassessment."""

from decimal import Decimal as D

import pytest

from config.money import display_change
from support_planning.changes import ChangeTolerance, change

TEN_PERCENT_AND_2600 = ChangeTolerance(D("10"), D("2600.00"))


def against_10000(annual: str, *, tolerance=TEN_PERCENT_AND_2600, reassessed=False):
    return change(D(annual), D("10000.00"), tolerance, agreed_number=1, reassessed=reassessed)


@pytest.mark.parametrize(
    ("annual", "within"),
    [("11000.00", True), ("11000.01", False), ("10999.99", True), ("10000.00", True), ("9000.00", True)],
)
def test_the_share_of_the_agreed_cost_at_and_around_its_edge_either_way(annual, within):
    assert against_10000(annual, reassessed=True).within_tolerance is within


@pytest.mark.parametrize(("annual", "within"), [("42600.00", True), ("42600.01", False), ("37400.00", True)])
def test_the_most_in_pounds_caps_a_share_of_a_large_plan(annual, within):
    found = change(D(annual), D("40000.00"), TEN_PERCENT_AND_2600, agreed_number=2, reassessed=True)
    assert found.within_tolerance is within  # 10% of £40,000 would be £4,000: £2,600 is the most


def test_with_no_most_in_pounds_only_the_share_counts():
    assert against_10000("11000.00", tolerance=ChangeTolerance(D("10"), None)).within_tolerance
    big = change(D("44000"), D("40000"), ChangeTolerance(D("10"), None), agreed_number=1, reassessed=False)
    assert big.within_tolerance and big.agreed_at_once


def test_a_plan_agreed_at_nothing_is_changed_at_once_only_by_nothing():
    tolerance = TEN_PERCENT_AND_2600
    assert change(D("0"), D("0"), tolerance, agreed_number=1, reassessed=False).agreed_at_once
    assert not change(D("1"), D("0"), tolerance, agreed_number=1, reassessed=False).within_tolerance


def test_a_reduction_needs_a_reassessment_whatever_its_size():
    smaller = against_10000("9999.99")
    assert smaller.reduces and smaller.needs_reassessment and not smaller.agreed_at_once
    assert "£0.01 a year less than the agreed plan (£10,000.00 a year)" in smaller.refusal
    reassessed = against_10000("9999.99", reassessed=True)
    assert reassessed.agreed_at_once and reassessed.refusal == ""


def test_more_is_never_refused_only_signed_off_beyond_the_tolerance():
    larger = against_10000("15000.00")
    assert larger.refusal == "" and not larger.agreed_at_once


def test_the_change_and_the_tolerance_are_said_in_words():
    assert display_change(against_10000("10260.00").pounds) == "+£260.00"
    assert display_change(against_10000("9740.00").pounds) == "−£260.00"
    assert not against_10000("10000.00").pounds  # the pages say "no change" for nothing
    assert TEN_PERCENT_AND_2600.text == "up to 10% of its annual cost, and no more than £2,600.00 a year"
    assert ChangeTolerance(D("7.5"), None).text == "up to 7.5% of its annual cost"
