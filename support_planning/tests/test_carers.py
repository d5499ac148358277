"""The carers' rules as plain functions: the plan's name, the outcome for a carer's health, the carer's personal
budget or one-off payment, support to the person cared for (their agreement, and never the carer's charge), and
whom support may go to."""

from decimal import Decimal as D

from support_planning import carers
from support_planning.costing import HOURLY, ONE_OFF, WEEKLY, Cost
from support_planning.money_management import Management
from support_planning.prefill import AreaWords

GRACE = carers.CaredFor(7, "Grace Okafor", "Grace")
SAM = carers.CaredFor(8, "Sam Okafor", "Sam")


def item(cost: Cost, management=Management.DIRECT_PAYMENT, cared_for=None, agrees=False, what="Support"):
    return carers.Item(what, cost, management, cared_for, agrees)


A_BREAK = item(Cost(ONE_OFF, amount=D("350")))
SITTING = item(
    Cost(HOURLY, hours=D("3"), rate=D("22")), Management.COUNCIL_MANAGED, GRACE, True, "A sitting service"
)


def test_a_plan_from_a_carers_assessment_is_a_carers_support_plan():
    assert carers.title(for_a_carer=True) == "Carer’s support plan"
    assert carers.title(for_a_carer=False) == "Support plan"


def test_a_carer_whose_health_is_at_risk_starts_with_an_outcome_for_it_in_their_own_words():
    areas = [
        AreaWords((), "I care for Grace day and night"),
        AreaWords((), "My back hurts"),
        AreaWords(("carer_recreation",), "I miss my choir"),
        AreaWords((), "I care for Grace day and night"),
        AreaWords((), "  "),
    ]
    [health] = carers.health_outcome(health_at_risk=True, areas=areas)
    assert health.outcome == carers.HEALTH
    assert health.in_my_words == "I care for Grace day and night\n\nMy back hurts"
    assert health.label == carers.OUTCOMES[carers.HEALTH]
    assert carers.health_outcome(health_at_risk=False, areas=areas) == []


def test_support_to_the_carer_only_once_by_direct_payment_is_a_one_off_payment():
    found = carers.figures([A_BREAK, SITTING], [GRACE])
    assert found.is_one_off_payment
    assert found.budget_in_words == "a one-off payment of £350.00"
    assert found.for_the_carer.annual == D("350.00")


def test_the_carers_personal_budget_says_weekly_and_one_off_support_as_it_is():
    weekly = item(Cost(WEEKLY, amount=D("20")))
    assert carers.figures([weekly], []).budget_in_words == "£20.00 a week (£1,040.00 a year)"
    assert carers.figures([weekly, A_BREAK], []).budget_in_words == "£20.00 a week, and £350.00 once"
    arranged = item(Cost(ONE_OFF, amount=D("350")), Management.COUNCIL_MANAGED)
    assert not carers.figures([arranged], []).is_one_off_payment
    assert carers.figures([arranged], []).budget_in_words == "£350.00 once"
    free = item(Cost(WEEKLY), Management.NOT_PAID)
    assert carers.figures([free, SITTING], [GRACE]).budget_in_words == "nothing yet"


def test_support_to_each_person_cared_for_is_costed_apart_from_the_carers_budget():
    sam_day = item(Cost(WEEKLY, amount=D("40")), Management.COUNCIL_MANAGED, SAM, True)
    found = carers.figures([A_BREAK, SITTING, sam_day], [GRACE, SAM])
    assert found.for_the_carer.weekly == D("0.00")
    assert [(part.person, part.totals.weekly) for part in found.to_cared_for] == [
        (GRACE, D("66.00")),
        (SAM, D("40.00")),
    ]
    assert found.cared_for == (GRACE, SAM)
    assert "You are not charged for it" in found.to_cared_for[0].who_pays
    assert "Grace’s, worked out from their own financial assessment" in found.to_cared_for[0].who_pays


def test_support_to_the_person_cared_for_needs_their_agreement_before_sign_off():
    unagreed = item(Cost(WEEKLY, amount=D("40")), Management.COUNCIL_MANAGED, GRACE, False, "Day centre")
    assert carers.problems([A_BREAK, SITTING]) == []
    assert carers.problems([unagreed]) == [
        "Record that Grace Okafor agrees to “Day centre”: support to them needs their agreement."
    ]
    assert carers.figures([unagreed], [GRACE]).problems == carers.problems([unagreed])


def test_a_carer_pays_towards_their_own_support_only_never_towards_the_person_they_care_for():
    weekly = item(Cost(WEEKLY, amount=D("20")))
    assert carers.contribution_payable(None, [weekly, SITTING]) is None
    assert carers.contribution_payable(D("30"), [weekly, SITTING]) == D("20.00")
    assert carers.contribution_payable(D("15"), [weekly, SITTING]) == D("15")
    assert carers.contribution_payable(D("30"), [A_BREAK, SITTING]) == D("0.00")


def test_an_adults_contribution_is_capped_at_what_their_support_costs_a_week_as_before():
    care = item(Cost(HOURLY, hours=D("7"), rate=D("25")))
    assert carers.contribution_payable(D("500"), [care]) == D("175.00")


def test_support_goes_only_to_someone_the_carer_is_recorded_as_caring_for_and_only_in_a_carers_plan():
    assert carers.item_refusal(for_a_carer=False, cared_for_id=None, cared_for_ids=[]) == ""
    assert carers.item_refusal(for_a_carer=True, cared_for_id=7, cared_for_ids=[7, 8]) == ""
    assert "Only a carer’s support plan" in carers.item_refusal(
        for_a_carer=False, cared_for_id=7, cared_for_ids=[7]
    )
    assert "not recorded as caring for" in carers.item_refusal(
        for_a_carer=True, cared_for_id=9, cared_for_ids=[7, 8]
    )
