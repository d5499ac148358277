"""A new plan starts from the outcomes the person is unable to achieve, with their own words from the assessment."""

from assessment.selectors import outcome_label
from support_planning.prefill import AreaWords, Finding, starting_outcomes


def test_each_unmet_outcome_starts_with_what_the_person_said_about_it():
    findings = [Finding("nutrition", True), Finding("hygiene", False), Finding("home_safety", True)]
    areas = [
        AreaWords(("nutrition",), "I can't stand long enough to cook."),
        AreaWords(("hygiene", "toilet"), "I manage the toilet with the rail."),
        AreaWords(("home_safety", "nutrition"), "I fell on the stairs in March."),
    ]
    assert [(o.outcome, o.in_my_words) for o in starting_outcomes(findings, areas)] == [
        ("nutrition", "I can't stand long enough to cook.\n\nI fell on the stairs in March."),
        ("home_safety", "I fell on the stairs in March."),
    ]


def test_an_outcome_the_person_said_nothing_about_starts_empty_with_its_name():
    [outcome] = starting_outcomes(
        [Finding("relationships", True)], [AreaWords(("relationships",), "  ")], outcome_label
    )
    assert outcome.in_my_words == ""
    assert outcome.label == "Developing and maintaining family or other personal relationships"


def test_words_said_in_two_areas_appear_once():
    areas = [AreaWords(("community",), "I miss church."), AreaWords(("community",), "I miss church.")]
    assert starting_outcomes([Finding("community", True)], areas)[0].in_my_words == "I miss church."
