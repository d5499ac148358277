"""The indicative budget and its explanation, for both money rules and every kind of adjustment."""

from decimal import Decimal as D

from ras.calculation import BANDS, PER_POINT, PERCENT, WEEKLY, Adjustment, Band, Rules, indicative_budget

FAMILY = Adjustment(
    "Support from family and friends", "support_from_family_and_friends", "how_much", 3, PERCENT, D("-10")
)
TWO = Adjustment("Support of two", "keeping_safe", "moving_indoors", 4, WEEKLY, D("60"))
PER_POINT_RULES = Rules(
    money_rule=PER_POINT,
    price_per_point=D("4.80"),
    adjustments=(FAMILY, TWO),
    minimum_weekly=D("25"),
    high_cost_weekly=D("800"),
)
POINTS = {"personal_care": 20, "eating_and_drinking": 10, "home": 0}
TITLES = {"personal_care": "Personal care", "eating_and_drinking": "Eating and drinking", "home": "Home"}


def test_money_per_point_with_its_explanation_points_kept_by_area_key_and_told_by_title():
    budget = indicative_budget(POINTS, {}, PER_POINT_RULES, titles=TITLES)
    assert budget.points == 30
    assert budget.points_by_domain == POINTS
    assert budget.weekly == D("144.00") and budget.annual == D("7488.00")
    assert budget.explanation == [
        "Personal care: 20 points",
        "Eating and drinking: 10 points",
        "30 points at £4.80 a point: £144.00 a week",
        "Indicative budget: £144.00 a week, £7,488.00 a year",
    ]


def test_adjustments_apply_only_when_the_answer_calls_for_them():
    chosen = {("support_from_family_and_friends", "how_much"): 3, ("keeping_safe", "moving_indoors"): 4}
    budget = indicative_budget(POINTS, chosen, PER_POINT_RULES)
    assert budget.weekly == D("189.60")  # 144 − 14.40 + 60
    assert "Support from family and friends: -10% (−£14.40)" in budget.explanation
    assert "Support of two: +£60.00 a week" in budget.explanation
    fewer = indicative_budget(POINTS, {("keeping_safe", "moving_indoors"): 3}, PER_POINT_RULES)
    assert fewer.weekly == D("144.00")


def test_bands_of_points():
    rules = Rules(
        money_rule=BANDS,
        bands=(Band(1, 20, D("100")), Band(21, 40, D("220")), Band(41, None, D("400"))),
    )
    assert indicative_budget({"a": 20}, {}, rules).weekly == D("100.00")
    assert indicative_budget({"a": 21}, {}, rules).weekly == D("220.00")
    top = indicative_budget({"a": 99}, {}, rules)
    assert top.weekly == D("400.00")
    assert "99 points are in the band 41 and above: £400.00 a week" in top.explanation


def test_a_small_budget_is_raised_to_the_minimum_and_no_points_give_nothing():
    small = indicative_budget({"a": 2}, {}, PER_POINT_RULES)
    assert small.weekly == D("25.00")
    assert "Raised to the minimum of £25.00 a week" in small.explanation
    assert indicative_budget({"a": 0}, {}, PER_POINT_RULES).weekly == D("0.00")


def test_a_high_cost_budget_is_flagged_not_cut():
    budget = indicative_budget({"a": 200}, {}, PER_POINT_RULES)
    assert budget.weekly == D("960.00")
    assert budget.high_cost
    assert any("not cut" in line for line in budget.explanation)


def test_the_weekly_figure_is_rounded_once_and_the_year_follows_it_exactly():
    rules = Rules(money_rule=PER_POINT, price_per_point=D("3.333"))
    budget = indicative_budget({"a": 7}, {}, rules)
    assert budget.weekly == D("23.33")  # 23.331
    assert budget.annual == D("1213.16")  # 23.33 × 52, not 23.331 × 52 rounded
