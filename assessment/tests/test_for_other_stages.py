"""What the assessment publishes for the later stages: the assessment in force on a case and its eligibility
decision (the latest signed off), and the one access helper."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from assessment import selectors
from assessment.tests import factories

pytestmark = pytest.mark.django_db


def test_the_decision_in_force_is_that_of_the_latest_signed_off_assessment(
    practitioner, someones_case, questionnaire
):
    assert selectors.decision_in_force(someones_case) is None
    first = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    factories.decided(first, actor=practitioner, eligible=True)
    assert selectors.decision_in_force(someones_case) is None  # decided, not signed off: can still change

    factories.decided(first, actor=practitioner, eligible=True, sign_off=True)
    assert selectors.assessment_in_force(someones_case) == first
    assert selectors.decision_in_force(someones_case).eligible is True

    revision = factories.revised(first, actor=practitioner)
    factories.complete(revision, actor=practitioner)
    factories.decided(revision, actor=practitioner, eligible=False)
    assert selectors.decision_in_force(someones_case).assessment_id == first.pk  # revision not signed off

    factories.decided(revision, actor=practitioner, eligible=False, sign_off=True)
    assert selectors.assessment_in_force(someones_case) == revision
    assert selectors.decision_in_force(someones_case).eligible is False


def test_an_assessment_is_loaded_for_a_request_only_with_the_cases_permission(
    practitioner, citizen, someones_case, questionnaire
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    request = RequestFactory().get("/")
    request.user, request.META["REMOTE_ADDR"] = practitioner, "127.0.0.1"
    assert selectors.get_assessment_for(request, assessment.pk) == assessment
    request.user = citizen
    with pytest.raises(Http404):
        selectors.get_assessment_for(request, assessment.pk)
    with pytest.raises(Http404):
        selectors.get_assessment_for(request, 0)
