"""The case's stage follows the work done: starting an assessment moves it to assessment, an eligible decision
on to the indicative budget, and needs found not eligible close it with the decision letter."""

import pytest
from django.urls import reverse

from assessment.tests import factories
from cases.models import Letter
from cases.stages import Stage
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_starting_an_assessment_moves_a_case_at_initial_contact_to_assessment(
    client, practitioner, someones_case, questionnaire
):
    assert someones_case.stage == Stage.CONTACT
    client.force_login(practitioner)
    client.post(reverse("assessment_new", args=[someones_case.pk]), {"mode": "visit", "kind": "adult"})
    someones_case.refresh_from_db()
    assert someones_case.stage == Stage.ASSESSMENT
    timeline = client.get(someones_case.get_absolute_url())
    assert "Moved to assessment" in timeline.text


def test_a_reassessment_of_someone_further_on_leaves_their_case_where_it_is(
    practitioner, team, questionnaire
):
    case = CaseFactory(team=team, stage=Stage.LIVE)
    factories.start(actor=practitioner, case=case)
    case.refresh_from_db()
    assert case.stage == Stage.LIVE


def test_an_eligible_decision_moves_the_case_to_the_indicative_budget_before_sign_off(
    practitioner, someones_case, questionnaire
):
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True)
    someones_case.refresh_from_db()
    assert someones_case.stage == Stage.INDICATIVE_BUDGET
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    someones_case.refresh_from_db()
    assert someones_case.stage == Stage.INDICATIVE_BUDGET


def test_needs_found_not_eligible_wait_at_assessment_then_close_with_the_decision_letter(
    practitioner, someones_case, questionnaire
):
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=False)
    someones_case.refresh_from_db()
    assert someones_case.stage == Stage.ASSESSMENT
    factories.decided(assessment, actor=practitioner, eligible=False, sign_off=True)
    someones_case.refresh_from_db()
    assert someones_case.stage == Stage.CLOSED
    assert Letter.objects.filter(case=someones_case, letter_type="eligibility_decision").exists()
