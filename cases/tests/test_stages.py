"""The case's stage follows the work done on it: one table of the moves the journey allows."""

import pytest

from cases.milestones import STAGE_ENTRIES, STAGE_MOVES, Milestone, milestone_for_move
from cases.services import move_to_stage
from cases.stages import MOVES, IllegalMove, Stage, can_move
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_every_stage_has_its_moves_and_a_closed_case_reopens_only_where_a_chase_starts_help():
    assert set(MOVES) == set(Stage)
    reopened_at = {stage for stage in Stage if stage != Stage.CLOSED and can_move(Stage.CLOSED, stage)}
    assert reopened_at == {Stage.CONTACT, Stage.REABLEMENT, Stage.ASSESSMENT}
    assert all(can_move(stage, Stage.CLOSED) for stage in Stage if stage != Stage.CLOSED)


def test_a_closed_case_cannot_jump_back_to_support_in_place(practitioner):
    case = CaseFactory(team=practitioner.team, stage=Stage.CLOSED)
    with pytest.raises(IllegalMove, match="A case at closed cannot move to support in place"):
        move_to_stage(actor=practitioner, case_id=case.pk, stage=Stage.LIVE)


def test_a_case_at_initial_contact_cannot_jump_to_the_budget_and_nothing_changes(practitioner):
    case = CaseFactory(team=practitioner.team)
    with pytest.raises(IllegalMove, match="A case at initial contact cannot move to indicative budget"):
        move_to_stage(actor=practitioner, case_id=case.pk, stage=Stage.INDICATIVE_BUDGET)
    case.refresh_from_db()
    assert case.stage == Stage.CONTACT
    assert not case.events.filter(milestone=Milestone.STAGE_CHANGED).exists()


def test_a_move_to_the_stage_it_is_at_does_nothing(practitioner):
    case = CaseFactory(team=practitioner.team, stage=Stage.ASSESSMENT)
    events = case.events.count()
    move_to_stage(actor=practitioner, case_id=case.pk, stage=Stage.ASSESSMENT)
    assert case.events.count() == events


def test_an_allowed_move_is_made_and_on_the_timeline(practitioner):
    case = CaseFactory(team=practitioner.team, stage=Stage.ASSESSMENT)
    move_to_stage(actor=practitioner, case_id=case.pk, stage=Stage.INDICATIVE_BUDGET)
    case.refresh_from_db()
    assert case.stage == Stage.INDICATIVE_BUDGET
    assert case.events.filter(milestone=Milestone.STAGE_CHANGED).last().facts == {
        "from": "assessment",
        "to": "indicative_budget",
    }


# Every move the journey allows: the table's own moves, and closing from any open stage.
LEGAL = sorted(
    {(current, wanted) for current, moves in MOVES.items() for wanted in moves}
    | {(stage, Stage.CLOSED) for stage in Stage if stage != Stage.CLOSED}
)
ILLEGAL = sorted(
    (current, wanted)
    for current in Stage
    for wanted in Stage
    if current != wanted and not can_move(current, wanted)
)


@pytest.mark.parametrize(("current", "wanted"), LEGAL, ids=[f"{c.value}-{w.value}" for c, w in LEGAL])
def test_every_move_the_journey_allows_is_made_and_logged_as_entering_the_stage(
    practitioner, current, wanted
):
    case = CaseFactory(team=practitioner.team, stage=current)
    move_to_stage(actor=practitioner, case_id=case.pk, stage=wanted)
    case.refresh_from_db()
    assert case.stage == wanted
    assert (case.closed_at is not None) == (wanted == Stage.CLOSED)
    event = case.events.first()
    assert event.milestone in STAGE_MOVES and wanted in STAGE_ENTRIES[Milestone(event.milestone)]
    assert (event.stage, event.facts) == (wanted, {"from": current, "to": wanted})
    assert event.milestone == milestone_for_move(current, wanted)


def test_the_table_refuses_every_other_move():
    # Enough to keep the table honest: the journey is one way, apart from the steps back it names.
    assert (Stage.CONTACT, Stage.LIVE) in ILLEGAL and (Stage.LIVE, Stage.ASSESSMENT) in ILLEGAL
    assert len(LEGAL) + len(ILLEGAL) == len(Stage) * (len(Stage) - 1)


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (Stage.CONTACT, Stage.SUPPORT_PLANNING),
        (Stage.ASSESSMENT, Stage.LIVE),
        (Stage.LIVE, Stage.VALIDATION),
        (Stage.REVIEW, Stage.REABLEMENT),
        (Stage.CLOSED, Stage.REVIEW),
    ],
)
def test_a_move_the_journey_refuses_names_both_stages_and_changes_nothing(practitioner, current, wanted):
    case = CaseFactory(team=practitioner.team, stage=current)
    events = case.events.count()
    with pytest.raises(IllegalMove) as refused:
        move_to_stage(actor=practitioner, case_id=case.pk, stage=wanted)
    assert str(refused.value) == f"A case at {current.label.lower()} cannot move to {wanted.label.lower()}"
    case.refresh_from_db()
    assert case.stage == current and case.events.count() == events
