"""Every charging rule and boundary, with the 2025/26 figures."""

from decimal import Decimal as D

import pytest

from ras.charging import (
    AbsurdMeans,
    Means,
    YearFigures,
    contribution,
    minimum_income_guarantee,
    tariff_income,
)

YEAR = YearFigures(
    label="2025/26",
    upper_capital=D("23250"),
    lower_capital=D("14250"),
    mig_18_24=D("89.15"),
    mig_25_to_pension_age=D("112.50"),
    mig_pension_age=D("232.60"),
    disability_premium=D("49.65"),
    enhanced_disability_premium=D("24.25"),
    pension_credit_age=66,
    standard_dre=D("10.00"),
)


@pytest.mark.parametrize(
    ("capital", "tariff"),
    [("0", "0"), ("14250", "0"), ("14251", "1"), ("14500", "1"), ("14500.01", "2"), ("23250", "36")],
)
def test_tariff_income_is_a_pound_for_every_250_or_part_above_the_lower_limit(capital, tariff):
    assert tariff_income(D(capital), YEAR) == D(tariff)


def test_capital_of_exactly_the_upper_limit_is_assessed_and_a_pound_more_pays_the_full_cost():
    at_limit = contribution(
        Means(age=80, capital=D("23250"), weekly_income=D("300")), YEAR, weekly_cost=D("200")
    )
    assert not at_limit.full_cost
    assert at_limit.tariff_income == D("36")
    above = contribution(
        Means(age=80, capital=D("23251"), weekly_income=D("300")), YEAR, weekly_cost=D("200")
    )
    assert above.full_cost
    assert above.weekly_contribution == D("200.00") and above.council_share == D("0.00")
    assert "above the upper limit" in above.explanation[0]


@pytest.mark.parametrize(
    ("age", "premiums", "mig"),
    [
        (18, {}, "89.15"),
        (24, {}, "89.15"),
        (25, {}, "112.50"),
        (40, {"disability_premium": True}, "162.15"),
        (40, {"disability_premium": True, "enhanced_disability_premium": True}, "186.40"),
        (65, {}, "112.50"),
        (66, {"disability_premium": True}, "232.60"),
    ],
)
def test_the_minimum_income_guarantee_follows_age_and_circumstances(age, premiums, mig):
    assert minimum_income_guarantee(Means(age=age, capital=D(0), weekly_income=D(0), **premiums), YEAR) == D(
        mig
    )


def test_the_contribution_is_what_is_left_above_the_guarantee_allowances_and_housing():
    means = Means(
        age=80, capital=D("14251"), weekly_income=D("300.00"), dre=D("25.50"), housing_costs=D("12.00")
    )
    found = contribution(means, YEAR, weekly_cost=D("250"))
    # 300 + 1 tariff − 232.60 MIG − 25.50 DRE − 12 housing
    assert found.weekly_contribution == D("30.90")
    assert found.council_share == D("219.10")
    assert found.explanation[-1] == "You pay £30.90 a week; the council pays £219.10"


def test_the_standard_disability_allowance_is_used_when_nothing_is_itemised():
    found = contribution(Means(age=80, capital=D(0), weekly_income=D("250")), YEAR, weekly_cost=D("100"))
    assert found.weekly_contribution == D("7.40")  # 250 − 232.60 − 10.00


def test_nobody_pays_less_than_nothing_or_more_than_the_care_costs():
    poor = contribution(Means(age=30, capital=D(0), weekly_income=D("90")), YEAR, weekly_cost=D("100"))
    assert poor.weekly_contribution == D("0.00") and poor.council_share == D("100.00")
    rich = contribution(Means(age=30, capital=D(0), weekly_income=D("2000")), YEAR, weekly_cost=D("100"))
    assert rich.weekly_contribution == D("100.00") and rich.council_share == D("0.00")
    assert "Capped at the cost of your care" in rich.explanation[-2]


@pytest.mark.parametrize(
    "means",
    [
        Means(age=80, capital=D("-1"), weekly_income=D(0)),
        Means(age=80, capital=D(0), weekly_income=D("-5")),
        Means(age=17, capital=D(0), weekly_income=D(0)),
        Means(age=80, capital=D(0), weekly_income=D(0), dre=D("-1")),
    ],
)
def test_absurd_means_are_refused_with_a_reason(means):
    with pytest.raises(AbsurdMeans):
        contribution(means, YEAR, weekly_cost=D("100"))


def test_money_stays_decimal_to_the_penny():
    found = contribution(Means(age=40, capital=D(0), weekly_income=D("200.005")), YEAR, weekly_cost=D("500"))
    assert isinstance(found.weekly_contribution, D)
    assert found.weekly_contribution == D("77.51")  # 200.005 − 112.50 − 10 = 77.505, rounded once, half up
