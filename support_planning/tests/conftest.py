"""The case a support plan starts from, for every support planning test."""

import pytest

from assessment import selectors as assessment_selectors
from assessment import services as assessment_services
from assessment.tests import factories
from ras import services as ras_services
from support_planning.tests.factories import words_for


@pytest.fixture
def budgeted(practitioner, someones_case, questionnaire, ras_version):
    """An eligible adult's case, assessed on a visit with the person's words in each area, signed off, and the
    indicative budget worked out: where a plan starts."""
    needs = {"personal_care", "eating_and_drinking"}
    assessment = factories.start(actor=practitioner, case=someones_case)
    factories.answer_all(assessment, actor=practitioner, needs_in=needs)
    for domain in assessment_selectors.structure(assessment.questionnaire):
        if domain.key in needs:
            response = assessment.responses.get(domain=domain)
            assessment_services.save_domain(
                actor=practitioner,
                assessment_id=assessment.pk,
                domain_id=domain.pk,
                seen_version=response.version,
                answers=assessment_services.DomainAnswers(person_words=words_for(domain)),
            )
    assessment_services.save_about(
        actor=practitioner,
        assessment_id=assessment.pk,
        seen_version=assessment.version,
        details={"what_matters": "Staying in my own home near my garden"},
    )
    factories.complete(assessment, actor=practitioner)
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    budget = ras_services.work_out_budget(actor=practitioner, assessment_id=assessment.pk)
    return someones_case, assessment, budget
