"""The assessment's permissions asked of an assessment: on a case or a citizen's own, and whose."""

import pytest
from django.core.exceptions import PermissionDenied

from assessment import services
from config.access import holds

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_self_assessment(citizen, questionnaire):
    return services.start_own_assessment(actor=citizen)


@pytest.fixture
def on_a_case(practitioner, someones_case, questionnaire):
    return services.start_assessment(actor=practitioner, case=someones_case, mode="visit")


def test_a_citizen_changes_their_own_self_assessment_and_nobody_elses(
    citizen, other_citizen, own_self_assessment, on_a_case
):
    assert holds(citizen, "assessment.change_assessment", own_self_assessment)
    assert holds(citizen, "assessment.self_assess", own_self_assessment)
    assert not holds(other_citizen, "assessment.change_assessment", own_self_assessment)
    assert not holds(other_citizen, "assessment.self_assess", own_self_assessment)
    assert not holds(citizen, "assessment.change_assessment", on_a_case)


def test_once_a_self_assessment_joins_a_case_the_staff_carry_it_on(
    citizen, adviser, own_self_assessment, citizen_case
):
    assert not holds(adviser, "assessment.change_assessment", own_self_assessment)
    own_self_assessment.case = citizen_case
    own_self_assessment.save(update_fields=["case"])
    assert holds(adviser, "assessment.change_assessment", own_self_assessment)
    assert not holds(citizen, "assessment.change_assessment", own_self_assessment)
    assert holds(citizen, "assessment.self_assess", own_self_assessment)  # still theirs to look back on


def test_a_citizen_cannot_save_answers_to_someone_elses_self_assessment(other_citizen, own_self_assessment):
    with pytest.raises(PermissionDenied):
        services.complete_assessment(actor=other_citizen, assessment_id=own_self_assessment.pk)


def test_eligibility_is_decided_by_practitioners_and_team_managers_on_a_case(
    practitioner, manager, adviser, on_a_case, own_self_assessment
):
    assert holds(practitioner, "assessment.decide_eligibility", on_a_case)
    assert holds(manager, "assessment.decide_eligibility", on_a_case)
    assert not holds(adviser, "assessment.decide_eligibility", on_a_case)
    assert not holds(practitioner, "assessment.decide_eligibility", own_self_assessment)
