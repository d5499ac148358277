"""Which plans go to the complex support planning team, and whether referral is offered or required."""

from decimal import Decimal as D

from support_planning.complexity import OFFER, REQUIRE, Criteria, PlanFacts, reasons, referral_required

CRITERIA = Criteria(
    annual_cost_above=D("50000"),
    annual_cost_strength=OFFER,
    providers_at_least=3,
    support_reasons=frozenset({"Learning disability support", "Mental health support"}),
)


def facts(**changes):
    base = {
        "annual_cost": D("12000"),
        "risks_for_panel": 0,
        "providers": 1,
        "support_reason": "Physical support",
    }
    return PlanFacts(**(base | changes))


def test_a_simple_plan_meets_no_criterion():
    assert reasons(facts(), CRITERIA) == []


def test_cost_just_above_the_threshold_offers_referral_and_at_it_does_not():
    assert reasons(facts(annual_cost=D("50000")), CRITERIA) == []
    found = reasons(facts(annual_cost=D("50000.01")), CRITERIA)
    assert [r.text for r in found] == ["The plan costs £50,000.01 a year, more than £50,000.00"]
    assert not referral_required(found)


def test_a_risk_for_the_panel_requires_referral():
    found = reasons(facts(risks_for_panel=2), CRITERIA)
    assert [r.text for r in found] == ["2 risks are marked for the risk enablement panel"]
    assert found[0].strength == REQUIRE and referral_required(found)


def test_several_providers_and_a_support_reason_each_say_why():
    found = reasons(facts(providers=3, support_reason="Mental health support"), CRITERIA)
    assert [r.text for r in found] == [
        "Support comes from 3 providers",
        "Primary support reason: Mental health support",
    ]


def test_a_criterion_the_council_does_not_use_never_applies():
    assert reasons(facts(annual_cost=D("900000"), providers=9), Criteria()) == []
