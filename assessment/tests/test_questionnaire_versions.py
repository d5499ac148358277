"""Council admins change the questions by drafting a new version, previewing it and publishing it; nobody's
assessment moves to the new version."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Option, Questionnaire
from assessment.tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()


@pytest.fixture
def draft(client, council_admin, questionnaire):
    client.force_login(council_admin)
    client.post(reverse("questionnaire_draft", args=[questionnaire.pk]))
    return Questionnaire.objects.get(kind="adult", status="draft")


def test_a_draft_starts_as_a_copy_of_the_current_version_and_only_one_is_open(client, draft, questionnaire):
    assert draft.version == questionnaire.version + 1
    assert draft.domains.count() == questionnaire.domains.count()
    assert (
        Option.objects.filter(question__domain__questionnaire=draft).count()
        == Option.objects.filter(question__domain__questionnaire=questionnaire).count()
    )
    client.post(reverse("questionnaire_draft", args=[questionnaire.pk]))
    assert Questionnaire.objects.filter(kind="adult", status="draft").count() == 1


def test_a_draft_can_be_edited_and_a_published_version_cannot(client, draft, questionnaire):
    assert (
        client.post(
            reverse("admin:assessment_questionnaire_change", args=[questionnaire.pk]),
            {"title": "Changed", "introduction": ""},
        ).status_code
        == 403
    )
    page = client.get(reverse("admin:assessment_questionnaire_change", args=[draft.pk]))
    assert page.status_code == 200 and 'name="_save"' in page.text


def test_a_draft_with_a_question_missing_its_answers_cannot_be_published(client, draft):
    question = draft.domains.first().questions.first()
    question.options.exclude(pk=question.options.first().pk).delete()
    preview = client.get(reverse("questionnaire_preview", args=[draft.pk]))
    assert f"“{question.text}”: give at least two answers" in preview.text
    assert "Publish version" not in preview.text
    refused = client.post(
        reverse("questionnaire_publish", args=[draft.pk]), {"effective_from": TODAY}, follow=True
    )
    assert "cannot be published yet" in refused.text
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_starts_new_assessments_on_the_new_version_and_leaves_others_alone(
    client, draft, questionnaire, practitioner, someones_case, team
):
    under_way = factories.start(actor=practitioner, case=someones_case)
    client.post(reverse("questionnaire_publish", args=[draft.pk]), {"effective_from": TODAY})
    draft.refresh_from_db()
    assert draft.is_published
    assert Questionnaire.objects.current("adult") == draft
    under_way.refresh_from_db()
    assert under_way.questionnaire == questionnaire
    from cases.tests.factories import CaseFactory

    newer = factories.start(actor=practitioner, case=CaseFactory(team=team))
    assert newer.questionnaire == draft


def test_the_preview_shows_the_questions_as_people_will_see_them(client, draft):
    preview = client.get(reverse("questionnaire_preview", args=[draft.pk]))
    assert "Do you need help with washing, dressing or using the toilet?" in preview.text
    assert "nothing you choose here is saved" in preview.text
