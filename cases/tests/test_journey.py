"""The journey log's one writer: every event a milestone from the vocabulary, about a record, with its facts."""

import datetime
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from cases.journey import log_event
from cases.milestones import ALLOCATIONS, STAGE_ENTRIES, STAGE_MOVES, Milestone
from cases.models import CaseEvent, Letter
from cases.stages import Stage
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_an_event_records_its_milestone_subject_facts_and_the_stage_the_case_is_at(practitioner):
    case = CaseFactory(stage=Stage.ASSESSMENT)
    letter = Letter.objects.create(case=case, letter_type="case_reference")
    event = log_event(
        case,
        Milestone.LETTER_REQUESTED,
        practitioner,
        subject=letter,
        summary="Letter requested: Your case reference",
        letter=letter.pk,
        weekly=Decimal("123.45"),
        on=datetime.date(2026, 12, 5),
    )
    event.refresh_from_db()
    assert (event.milestone, event.stage, event.actor) == ("letter_requested", "assessment", practitioner)
    assert (event.subject_type, event.subject_id) == ("cases.letter", letter.pk)
    # Money and dates are kept as text, exactly: the analytics never meet a float.
    assert event.facts == {"letter": letter.pk, "weekly": "123.45", "on": "2026-12-05"}
    assert list(CaseEvent.objects.about(letter)) == [event]


def test_an_event_without_a_sentence_says_its_milestone():
    event = log_event(CaseFactory(), Milestone.REVIEW_DUE, None)
    assert event.summary == "Review due"
    assert (event.subject_type, event.subject_id, event.facts) == ("", None, {})


def test_the_database_refuses_a_milestone_outside_the_vocabulary():
    case = CaseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseEvent.objects.create(case=case, stage=case.stage, milestone="something_happened", summary="?")


def test_the_journey_log_cannot_be_changed_once_written():
    event = log_event(CaseFactory(), Milestone.NOTE, None, summary="Written once")
    with pytest.raises(DatabaseError, match="Cannot update"), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(summary="Rewritten")


def test_the_timeline_names_the_milestone_only_when_the_sentence_does_not_already():
    case = CaseFactory()
    moved = log_event(case, Milestone.STAGE_CHANGED, None, summary="Moved to assessment")
    decided = log_event(case, Milestone.ELIGIBILITY_DECIDED, None, summary="Eligibility decided: eligible")
    assert moved.milestone_caption == "Stage changed"
    assert decided.milestone_caption == ""


def test_the_analytics_constants_name_only_milestones_and_stages():
    assert set(Milestone) >= ALLOCATIONS
    assert set(STAGE_ENTRIES) > STAGE_MOVES
    assert set().union(*STAGE_ENTRIES.values()) == set(Stage)
    # Every stage can be entered, and only the closing milestones enter "closed".
    closing = {milestone for milestone, stages in STAGE_ENTRIES.items() if Stage.CLOSED in stages}
    assert closing == {Milestone.CASE_CLOSED, Milestone.RESOLVED_AT_FIRST_CONTACT}
