"""The front door's rules, without a database: outcomes that go together, where they take the case, and
what counts as resolved at the first point of contact."""

import datetime

from cases.stages import Stage
from contact import rules
from contact.models import OutcomeKind as K


def test_an_anonymous_caller_can_only_be_given_advice():
    assert set(rules.allowed_outcomes(anonymous=True)) == {K.ADVICE, K.NO_FURTHER_ACTION}
    assert rules.outcome_problems({K.REABLEMENT}, anonymous=True) == [
        "An anonymous caller can only be given advice. Record who the contact is about first"
    ]
    assert rules.outcome_problems({K.ADVICE}, anonymous=True) == []


def test_outcomes_that_contradict_each_other_are_refused():
    assert rules.outcome_problems(set(), anonymous=False) == ["Select at least one outcome"]
    assert "No further action cannot go with another outcome" in rules.outcome_problems(
        {K.NO_FURTHER_ACTION, K.ADVICE}, anonymous=False
    )
    assert rules.outcome_problems({K.SELF_ASSESSMENT, K.ASSESSMENT}, anonymous=False)
    assert rules.outcome_problems({K.ADVICE, K.EQUIPMENT, K.SAFEGUARDING}, anonymous=False) == []


def test_advice_equipment_and_telecare_resolve_the_contact_and_close_the_episode():
    assert rules.is_resolved_at_first_contact({K.ADVICE, K.TELECARE})
    assert rules.stage_after({K.ADVICE}) == Stage.CLOSED
    assert not rules.is_resolved_at_first_contact({K.ADVICE, K.REABLEMENT})
    assert not rules.is_resolved_at_first_contact(set())


def test_reablement_comes_before_assessment_and_a_concern_holds_the_case_open():
    assert rules.stage_after({K.REABLEMENT, K.ASSESSMENT}) == Stage.REABLEMENT
    assert rules.stage_after({K.SELF_ASSESSMENT}) == Stage.ASSESSMENT
    assert rules.stage_after({K.SAFEGUARDING, K.ADVICE}) is None
    assert rules.stage_after({K.CARER}) is None


def test_a_reablement_referral_needs_every_criterion():
    everything = dict.fromkeys(rules.REABLEMENT_CRITERIA, True)
    assert rules.unmet_reablement_criteria(everything) == []
    assert rules.unmet_reablement_criteria(everything | {"agrees": False}) == [
        "The person agrees to a reablement service"
    ]


def test_a_contact_within_four_weeks_may_be_a_repeat():
    now = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
    assert rules.is_repeat_candidate(now - datetime.timedelta(days=28), now)
    assert not rules.is_repeat_candidate(now - datetime.timedelta(days=29), now)


def test_a_contact_never_pulls_back_or_closes_a_case_already_past_the_front_door():
    assert rules.stage_after({K.ADVICE}, Stage.ASSESSMENT) is None
    assert rules.stage_after({K.REABLEMENT}, Stage.LIVE) is None
    assert rules.effect_on_case({K.ADVICE}, Stage.ASSESSMENT) == (
        "Their case stays at assessment. This contact is added to its timeline."
    )
    assert rules.effect_on_case({K.ADVICE}, None) == (
        "A new case will be opened. It will then be closed: resolved at the first contact."
    )
    assert rules.effect_on_case({K.REABLEMENT}, Stage.CONTACT) == "It will move to reablement."


def test_failure_demand_is_never_counted_as_resolved_at_first_contact():
    assert rules.is_resolved_at_first_contact({K.ADVICE})
    assert not rules.is_resolved_at_first_contact({K.ADVICE}, failure_demand=True)
    assert not rules.is_resolved_at_first_contact({K.EQUIPMENT, K.TELECARE}, failure_demand=True)


def test_a_chase_never_closes_the_matter_it_chases():
    assert rules.stage_after({K.ADVICE}, Stage.CONTACT, failure_demand=True) is None
    assert rules.effect_on_case({K.ADVICE}, Stage.CONTACT, failure_demand=True) == (
        "Their case stays at initial contact. This contact is added to its timeline."
    )


def test_a_chase_about_a_closed_matter_stays_on_it_and_reopens_it_only_for_more_help():
    assert rules.stage_after({K.ADVICE}, Stage.CLOSED, failure_demand=True) is None
    assert rules.effect_on_case({K.ADVICE}, Stage.CLOSED, failure_demand=True) == (
        "Their case stays closed. This contact is added to its timeline."
    )
    assert rules.stage_after({K.ASSESSMENT}, Stage.CLOSED, failure_demand=True) == Stage.ASSESSMENT
    assert rules.stage_after({K.OCCUPATIONAL_THERAPY}, Stage.CLOSED, failure_demand=True) == Stage.CONTACT
    assert rules.effect_on_case({K.ASSESSMENT}, Stage.CLOSED, failure_demand=True) == (
        "Their closed case will be reopened and move to assessment."
    )


def test_equipment_resolves_the_contact_only_when_every_item_is_free():
    assert not rules.is_resolved_at_first_contact({K.EQUIPMENT}, sent_on=True)
    assert rules.stage_after({K.EQUIPMENT}, Stage.CONTACT, sent_on=True) is None
    assert rules.effect_on_case({K.EQUIPMENT}, None, sent_on=True) == (
        "A new case will be opened. It will stay at the front door."
    )


def test_a_resolved_contact_says_why_the_case_stays_open_but_a_chase_only_that_it_stays_where_it_is():
    unsettled = ["A safeguarding concern raised on 1 December 2026 is waiting for a manager's decision."]
    assert rules.effect_on_case({K.ADVICE}, Stage.CONTACT, unsettled) == (
        "Their case stays open, although the contact is resolved. " + unsettled[0]
    )
    assert rules.effect_on_case({K.ADVICE}, Stage.CONTACT, unsettled, failure_demand=True) == (
        "Their case stays at initial contact. This contact is added to its timeline."
    )
