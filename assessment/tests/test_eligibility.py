"""The Care Act eligibility rules, applied and explained."""

from types import SimpleNamespace

import pytest

from assessment.eligibility import adult_eligibility, carer_eligibility, suggested_outcomes, unable_outcomes


def test_an_adult_unable_to_achieve_two_outcomes_with_a_significant_impact_is_eligible():
    found = adult_eligibility(
        needs_from_impairment=True,
        findings={"hygiene": ["without_assistance"], "nutrition": ["takes_longer"], "work": []},
        wellbeing_impact=True,
    )
    assert found.eligible
    assert found.unable_outcomes == ("hygiene", "nutrition")
    assert found.explanation == [
        "Met: the needs come from a physical or mental impairment or illness. The practitioner found that they do.",
        "Met: because of these needs, the person cannot achieve 2 or more of the outcomes the law lists. "
        "They cannot achieve 2: maintaining personal hygiene; managing and maintaining nutrition.",
        "Met: this has, or is likely to have, a significant impact on their wellbeing. The practitioner found "
        "that it does.",
        "All three conditions are met, so the needs are eligible for care and support.",
    ]


def test_an_adult_unable_to_achieve_only_one_outcome_is_not_eligible_and_told_why():
    found = adult_eligibility(
        needs_from_impairment=True, findings={"hygiene": ["pain_distress"]}, wellbeing_impact=True
    )
    assert not found.eligible
    assert found.explanation[1] == (
        "Not met: because of these needs, the person cannot achieve 2 or more of the outcomes the law lists. "
        "They cannot achieve 1: maintaining personal hygiene."
    )


@pytest.mark.parametrize(
    ("impairment", "wellbeing"),
    [(False, True), (True, False), (False, False)],
    ids=["no impairment", "no impact", "neither"],
)
def test_every_condition_must_hold_for_an_adult(impairment, wellbeing):
    found = adult_eligibility(
        needs_from_impairment=impairment,
        findings={"hygiene": ["endangers"], "toilet": ["without_assistance"], "clothing": ["takes_longer"]},
        wellbeing_impact=wellbeing,
    )
    assert not found.eligible


def test_an_outcome_with_no_recognised_reason_does_not_count():
    assert unable_outcomes({"hygiene": [], "toilet": ["something else"], "nutrition": ["endangers"]}) == (
        "nutrition",
    )


def test_a_carer_unable_to_achieve_any_one_outcome_is_eligible():
    found = carer_eligibility(
        needs_from_caring=True,
        health_at_risk=False,
        findings={"carer_work": ["without_assistance"]},
        wellbeing_impact=True,
    )
    assert found.eligible


def test_a_carer_whose_health_is_at_risk_is_eligible_without_an_outcome():
    found = carer_eligibility(needs_from_caring=True, health_at_risk=True, findings={}, wellbeing_impact=True)
    assert found.eligible
    assert "health is getting worse or is at risk" in found.explanation[1]


def test_a_carer_whose_needs_do_not_arise_from_caring_is_not_eligible():
    found = carer_eligibility(
        needs_from_caring=False,
        health_at_risk=True,
        findings={"carer_work": ["endangers"]},
        wellbeing_impact=True,
    )
    assert not found.eligible


def test_the_answers_suggest_the_outcomes_of_the_areas_with_needs_once_each():
    domains = [
        SimpleNamespace(outcomes=["hygiene", "toilet"]),
        SimpleNamespace(outcomes=["toilet", "nutrition"]),
    ]
    assert suggested_outcomes(domains) == ["hygiene", "toilet", "nutrition"]


def test_a_carers_decision_reads_as_plain_sentences():
    found = carer_eligibility(
        needs_from_caring=True, health_at_risk=True, findings={}, wellbeing_impact=False
    )
    assert found.explanation == [
        "Met: the needs come from providing necessary care to an adult. The practitioner found that they do.",
        "Met: because of caring, the carer's physical or mental health is getting worse or is at risk of getting "
        "worse, or they cannot achieve at least 1 of the outcomes the law lists for carers. Their health is "
        "getting worse or is at risk. No outcome was found that they cannot achieve.",
        "Not met: this has, or is likely to have, a significant impact on their wellbeing. The practitioner did "
        "not find that it does.",
        "Not every condition is met, so the needs are not eligible for support as a carer from the council.",
    ]


def test_the_carers_outcomes_read_plainly():
    from assessment.outcomes import CARER_OUTCOMES

    assert CARER_OUTCOMES["carer_other_care"] == "Providing care to other people the carer looks after"
    assert "persons for whom" not in " ".join(CARER_OUTCOMES.values())
