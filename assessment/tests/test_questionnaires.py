"""The questionnaire is data: seeded complete, copied faithfully, and pinned to every assessment."""

import pytest

from assessment import selectors
from assessment.models import Questionnaire
from assessment.outcomes import ADULT_OUTCOMES, CARER_OUTCOMES
from assessment.questionnaires import DOMAIN_FIELDS, SEEDED, create_from_spec, read_spec, spec_of
from assessment.tests import factories


def test_the_seeded_adult_questionnaire_covers_every_area_and_every_care_act_outcome(questionnaire):
    domains = selectors.structure(questionnaire)
    assert len(domains) == 11
    assert {outcome for domain in domains for outcome in domain.outcomes} == set(ADULT_OUTCOMES)
    for domain in domains:
        assert domain.screening_question and domain.no_needs_label
        for question in domain.questions.all():
            options = list(question.options.all())
            assert 3 <= len(options) <= 4
            assert options[0].points == 0
            assert all(option.description for option in options), question.text


def test_the_seeded_carers_questionnaire_covers_every_carers_outcome(carer_questionnaire):
    domains = selectors.structure(carer_questionnaire)
    assert {outcome for domain in domains for outcome in domain.outcomes} == set(CARER_OUTCOMES)


@pytest.mark.parametrize("kind", SEEDED)
def test_a_questionnaire_read_back_is_the_spec_it_was_made_from(db, kind):
    spec = read_spec(SEEDED[kind])
    made = create_from_spec(spec, version=99)
    copy = spec_of(made)
    assert copy["domains"] == [_with_defaults(domain) for domain in spec["domains"]]
    assert sorted(copy["glossary"], key=lambda t: t["term"]) == sorted(
        spec["glossary"], key=lambda t: t["term"]
    )


def _with_defaults(domain: dict) -> dict:
    return {
        **{field: domain.get(field, "") for field in DOMAIN_FIELDS},
        "outcomes": domain["outcomes"],
        "questions": [{**question, "hint": question.get("hint", "")} for question in domain["questions"]],
    }


def test_publishing_a_new_version_leaves_an_assessment_on_the_version_it_started_on(
    questionnaire, practitioner, someones_case
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    newer = create_from_spec(spec_of(questionnaire), version=questionnaire.version + 1, status="published")
    assert Questionnaire.objects.current("adult") == newer
    assessment.refresh_from_db()
    assert assessment.questionnaire == questionnaire
    assert {r.domain.questionnaire_id for r in assessment.responses.select_related("domain")} == {
        questionnaire.pk
    }
