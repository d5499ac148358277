"""The case timeline reads as a story: each step's sentence, who did it and when, and the milestone named when
the sentence does not already say it."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessment.tests import factories
from cases.services import allocate
from ras import services as ras_services

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots/cases")


def test_the_timeline_names_each_milestone_beside_its_sentence(
    page, manager, practitioner, someones_case, questionnaire, ras_version
):
    allocate(actor=manager, case_id=someones_case.pk, worker=practitioner, seen_worker=None, note="Mornings")
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True)
    budget = ras_services.work_out_budget(actor=practitioner, assessment_id=assessment.pk)

    sign_in(page, practitioner.username)
    page.goto(someones_case.get_absolute_url())
    timeline = page.locator(".moj-timeline")
    first = timeline.locator(".moj-timeline__item").first
    expect(first.locator(".moj-timeline__title")).to_have_text(
        f"Indicative budget worked out: £{budget.weekly:,.2f} a week"
    )
    expect(first.locator(".fd-timeline-milestone")).to_have_count(
        0
    )  # the sentence already says what happened
    moved = timeline.locator(".moj-timeline__item", has_text="Eligible: on to the indicative budget")
    expect(moved.locator(".fd-timeline-milestone")).to_have_text("Stage changed")
    handed = timeline.locator(".moj-timeline__item", has_text=f"Allocated to {practitioner.display_name}")
    expect(handed).to_contain_text("Note for the worker: Mornings")
    assert accessibility_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "timeline-1280.png", full_page=True)
