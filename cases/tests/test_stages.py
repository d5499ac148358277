"""The case's stage follows the work done on it: one table of the moves the journey allows."""

import pytest

from cases.models import CaseEvent
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
    assert not case.events.filter(kind=CaseEvent.Kind.STAGE_CHANGED).exists()


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
    assert case.events.filter(kind=CaseEvent.Kind.STAGE_CHANGED).last().details == {
        "from": "assessment",
        "to": "indicative_budget",
    }
