"""The delegation rule, with no database: who decides a plan first and where it escalates, at, just below and just
above each limit, per client group and type of support; and the schemes that cannot be published."""

import re
from decimal import Decimal as D

import pytest

from validation.delegation import Level, Limit, NoOneMayAgree, Plan, Scheme, problems, route_for

PENNY = D("0.01")
TEAM = Level("Team manager", "team_manager", 1, annual=D("30000"))
SERVICE = Level("Service manager", "service_manager", 2, annual=D("60000"))
HEAD = Level("Head of service", "head_of_service", 3)
SCHEME = Scheme(version=1, levels=(HEAD, TEAM, SERVICE))  # kept in any order: the places decide


def names(route) -> tuple[str, ...]:
    return (route.first.name, *(level.name for level in route.escalation))


@pytest.mark.parametrize(
    ("annual_cost", "decided_by"),
    [
        (D("0"), ("Team manager", "Service manager", "Head of service")),
        (D("30000") - PENNY, ("Team manager", "Service manager", "Head of service")),
        (D("30000"), ("Team manager", "Service manager", "Head of service")),
        (D("30000") + PENNY, ("Service manager", "Head of service")),
        (D("60000") - PENNY, ("Service manager", "Head of service")),
        (D("60000"), ("Service manager", "Head of service")),
        (D("60000") + PENNY, ("Head of service",)),
        (D("2500000"), ("Head of service",)),
    ],
)
def test_a_plan_goes_to_the_first_level_whose_limit_covers_it_and_escalates_up_the_order(
    annual_cost, decided_by
):
    assert names(route_for(Plan(annual_cost), SCHEME)) == decided_by


WIDER_FOR_WORKING_AGE = Level(
    "Team manager",
    "team_manager",
    1,
    annual=D("30000"),
    limits=(Limit(D("25000"), client_group="Older people"),),
)
PER_GROUP = Scheme(version=2, levels=(WIDER_FOR_WORKING_AGE, SERVICE, HEAD))


@pytest.mark.parametrize(
    ("client_group", "annual_cost", "first"),
    [
        ("Older people", D("25000") - PENNY, "Team manager"),
        ("Older people", D("25000"), "Team manager"),
        ("Older people", D("25000") + PENNY, "Service manager"),
        ("Working-age adults", D("25000") + PENNY, "Team manager"),
        ("Working-age adults", D("30000"), "Team manager"),
        ("Working-age adults", D("30000") + PENNY, "Service manager"),
        ("", D("30000"), "Team manager"),
    ],
)
def test_a_narrower_limit_applies_only_to_its_client_group(client_group, annual_cost, first):
    assert route_for(Plan(annual_cost, client_group=client_group), PER_GROUP).first.name == first


def test_a_narrower_limit_cannot_raise_the_level_s_own_limit():
    generous = Level(
        "Team manager", "team_manager", 1, annual=D("30000"), limits=(Limit(D("45000"), "Older people"),)
    )
    plan = Plan(D("40000"), client_group="Older people")
    assert route_for(plan, Scheme(1, (generous, SERVICE, HEAD))).first.name == "Service manager"


PAID_SUPPORT_CAP = Level(
    "Team manager", "team_manager", 1, annual=D("30000"), limits=(Limit(D("20000"), support_type="paid"),)
)


@pytest.mark.parametrize(
    ("support_types", "annual_cost", "first"),
    [
        ({"paid"}, D("20000"), "Team manager"),
        ({"paid", "equipment"}, D("20000") + PENNY, "Service manager"),
        ({"equipment"}, D("20000") + PENNY, "Team manager"),
        (set(), D("30000"), "Team manager"),
    ],
)
def test_a_limit_for_a_type_of_support_applies_to_plans_paying_for_it(support_types, annual_cost, first):
    plan = Plan(annual_cost, support_types=frozenset(support_types))
    assert route_for(plan, Scheme(3, (PAID_SUPPORT_CAP, SERVICE, HEAD))).first.name == first


def test_when_several_of_a_level_s_limits_apply_the_lowest_does():
    team = Level(
        "Team manager",
        "team_manager",
        1,
        annual=D("30000"),
        limits=(Limit(D("25000"), client_group="Older people"), Limit(D("18000"), support_type="paid")),
    )
    scheme = Scheme(4, (team, SERVICE, HEAD))
    older_paid = Plan(D("18000") + PENNY, client_group="Older people", support_types=frozenset({"paid"}))
    older_equipment = Plan(
        D("18000") + PENNY, client_group="Older people", support_types=frozenset({"equipment"})
    )
    assert route_for(older_paid, scheme).first.name == "Service manager"
    assert route_for(older_equipment, scheme).first.name == "Team manager"
    assert team.annual_limit_for(older_paid) == D("18000")


@pytest.mark.parametrize(
    ("above_budget", "first"),
    [
        (D("-4000"), "Team manager"),
        (D("5000") - PENNY, "Team manager"),
        (D("5000"), "Team manager"),
        (D("5000") + PENNY, "Service manager"),
    ],
)
def test_a_level_may_be_limited_in_how_far_above_the_indicative_budget_it_agrees(above_budget, first):
    team = Level("Team manager", "team_manager", 1, annual=D("30000"), above_budget=D("5000"))
    plan = Plan(D("20000"), above_budget=above_budget)
    assert route_for(plan, Scheme(5, (team, SERVICE, HEAD))).first.name == first


def test_escalation_passes_over_a_level_above_that_may_not_agree_the_plan():
    forum = Level("Practice forum", "head_of_service", 4)
    narrow_head = Level("Head of service", "head_of_service", 3, limits=(Limit(D("80000"), "Older people"),))
    route = route_for(
        Plan(D("90000"), client_group="Older people"), Scheme(6, (TEAM, SERVICE, narrow_head, forum))
    )
    assert names(route) == ("Practice forum",)
    route = route_for(
        Plan(D("29000"), client_group="Older people"), Scheme(6, (TEAM, SERVICE, narrow_head, forum))
    )
    assert names(route) == ("Team manager", "Service manager", "Head of service", "Practice forum")


def test_a_plan_no_level_may_agree_is_said_plainly():
    with pytest.raises(NoOneMayAgree, match=re.escape("costing £60,000.01 a year under version 7")):
        route_for(Plan(D("60000.01")), Scheme(7, (TEAM, SERVICE)))


def test_a_scheme_with_someone_able_to_agree_every_plan_has_no_problems():
    assert problems(SCHEME) == []
    assert problems(PER_GROUP) == []


def test_a_scheme_with_no_levels_cannot_be_published():
    assert problems(Scheme(8)) == ["Add at least one level: with none, no one may agree any plan"]


def test_a_scheme_whose_last_level_has_a_limit_cannot_be_published():
    assert problems(Scheme(9, (TEAM, SERVICE))) == [
        "No one may agree a plan costing more than £60,000.00 a year: give the last level no limit for it, "
        "or add a level above"
    ]


def test_a_narrower_limit_on_the_only_unlimited_level_leaves_that_client_group_with_no_one():
    head = Level(
        "Head of service", "head_of_service", 3, limits=(Limit(D("100000"), client_group="Older people"),)
    )
    assert problems(Scheme(10, (TEAM, SERVICE, head))) == [
        "No one may agree a plan for Older people costing more than £100,000.00 a year: give the last level no "
        "limit for it, or add a level above"
    ]


def test_a_narrower_limit_for_a_type_of_support_is_named_in_words():
    head = Level("Head of service", "head_of_service", 3, limits=(Limit(D("90000"), support_type="paid"),))
    found = problems(Scheme(11, (TEAM, SERVICE, head)), type_names={"paid": "paid support"})
    assert found == [
        "No one may agree a plan paying for paid support costing more than £90,000.00 a year: give the last level "
        "no limit for it, or add a level above"
    ]


def test_limits_on_two_types_of_support_leave_a_plan_paying_for_both_with_no_one():
    head = Level("Head of service", "head_of_service", 3, limits=(Limit(D("90000"), support_type="paid"),))
    forum = Level(
        "Practice forum", "head_of_service", 4, limits=(Limit(D("90000"), support_type="equipment"),)
    )
    found = problems(Scheme(12, (TEAM, SERVICE, head, forum)))
    assert found == [
        "No one may agree a plan paying for equipment and paid costing more than £90,000.00 a year: give the last "
        "level no limit for it, or add a level above"
    ]


def test_when_every_level_without_a_cost_limit_is_limited_above_the_budget_some_plans_have_no_one():
    head = Level("Head of service", "head_of_service", 3, above_budget=D("20000"))
    assert problems(Scheme(13, (TEAM, SERVICE, head))) == [
        "No one may agree a plan costing more than £60,000.00 a year and more than £20,000.00 a year above its "
        "indicative budget: give the last level no limit for it, or add a level above"
    ]


def test_two_levels_in_one_place_a_limit_below_nothing_and_a_limit_narrowing_nothing_are_refused():
    odd = Level("Service manager", "service_manager", 1, annual=D("-1"), limits=(Limit(D("100")),))
    assert problems(Scheme(14, (TEAM, odd, HEAD))) == [
        "2 levels are number 1 in the order of escalation: give each its own place",
        "Service manager: a limit cannot be less than nothing",
        "Service manager: a narrower limit must name a client group, a type of support or both",
    ]
