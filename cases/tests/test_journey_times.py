"""Time per stage, read from the typed journey log alone."""

import datetime

import pytest
from django.utils import timezone

from cases import journey_times
from cases.journey import new_event
from cases.milestones import Milestone
from cases.models import CaseEvent
from cases.stages import Stage
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime.datetime(2026, 1, 5, 9))


def journey(*entries: tuple[int, Milestone, Stage]) -> None:
    """A case whose log holds only these entries: (days after the start, milestone, stage entered)."""
    case = CaseFactory()
    CaseEvent.objects.filter(case=case).delete()
    CaseEvent.objects.bulk_create(
        new_event(case, milestone, None, stage=stage, occurred_at=START + datetime.timedelta(days=days))
        for days, milestone, stage in entries
    )


def test_each_stay_runs_from_entering_a_stage_to_entering_the_next_and_stays_still_going_are_left_out():
    journey(
        (0, Milestone.CASE_OPENED, Stage.CONTACT),
        (2, Milestone.STAGE_CHANGED, Stage.ASSESSMENT),
        (7, Milestone.STAGE_CHANGED, Stage.INDICATIVE_BUDGET),
        (8, Milestone.CASE_CLOSED, Stage.CLOSED),
    )
    journey(
        (0, Milestone.CASE_OPENED, Stage.CONTACT),
        (4, Milestone.STAGE_CHANGED, Stage.ASSESSMENT),  # still being assessed
    )
    journey((0, Milestone.CASE_OPENED, Stage.CONTACT), (1, Milestone.RESOLVED_AT_FIRST_CONTACT, Stage.CLOSED))
    # Events that are not entries (a letter, an allocation) do not end a stay.
    case_with_letters = CaseFactory()
    CaseEvent.objects.filter(case=case_with_letters).delete()
    new_event(case_with_letters, Milestone.ALLOCATED, None, stage=Stage.CONTACT, occurred_at=START).save()

    times = {row.stage: row for row in journey_times.days_per_stage()}

    assert list(times) == [Stage.CONTACT, Stage.ASSESSMENT, Stage.INDICATIVE_BUDGET]
    assert (times[Stage.CONTACT].stays, times[Stage.CONTACT].median_days) == (3, 2.0)
    assert times[Stage.CONTACT].p90_days == 3.6  # stays of 1, 2 and 4 days
    assert (times[Stage.ASSESSMENT].stays, times[Stage.ASSESSMENT].median_days) == (1, 5.0)
    assert (times[Stage.INDICATIVE_BUDGET].stays, times[Stage.INDICATIVE_BUDGET].median_days) == (1, 1.0)
    assert times[Stage.ASSESSMENT].label == "Assessment"
