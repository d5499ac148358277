"""Staff doing the supported self-assessment: from the contact on the phone, and one area at a time on a
visit, saved as it changes; nothing asked twice, nothing lost, nobody overwritten."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment import selectors
from assessment.models import Answer, Assessment, Mode
from assessment.tests import factories
from cases.models import AccessEvent, CaseEvent
from cases.stages import Stage
from contact.tests.test_recording_a_contact import about, complete, outcomes, start

pytestmark = pytest.mark.django_db


def _domain(assessment, key):
    return selectors.domain_by_key(assessment, key)


def _domain_data(assessment, key, *, needs="yes", choose=-1, version=None, **texts):
    domain = _domain(assessment, key)
    response = assessment.responses.get(domain=domain)
    data = {"version": response.version if version is None else version, "has_needs": needs, **texts}
    if needs == "yes":
        for question in domain.questions.all():
            data[f"q_{question.key}"] = list(question.options.all())[choose].pk
    return data


def test_a_call_that_starts_a_self_assessment_carries_the_contact_into_it(
    client, adviser, someone, questionnaire
):
    client.force_login(adviser)
    contact = start(client, someone)
    about(client, contact, risks="Fell twice this month")
    outcomes(client, contact, ["self_assessment"])

    completed = complete(client, contact)
    contact.refresh_from_db()
    assert completed.url == reverse("assessment_new", args=[contact.case_id]) + f"?contact={contact.pk}"
    assert contact.case.stage == Stage.ASSESSMENT

    page = client.get(completed.url)
    assert "Mum is struggling to get out since her fall" in page.text
    assert "Fell twice this month" in page.text

    started = client.post(completed.url, {"contact": contact.pk, "mode": Mode.PHONE})
    assessment = Assessment.objects.get(case=contact.case)
    assert started.url == reverse("assessment_phone", args=[assessment.pk])
    assert assessment.contact == contact
    assert assessment.reason == "Mum is struggling to get out since her fall"
    assert assessment.what_matters == "Seeing her friends at the lunch club"
    assert assessment.questionnaire == questionnaire

    phone = client.get(started.url)
    assert "Mum is struggling to get out since her fall" in phone.text  # shown, never asked again
    assert phone.text.count('name="personal_care-has_needs"') == 2


def test_starting_twice_gives_one_assessment(client, practitioner, someones_case, questionnaire):
    client.force_login(practitioner)
    url = reverse("assessment_new", args=[someones_case.pk])
    first = client.post(url, {"mode": Mode.VISIT})
    second = client.post(url, {"mode": Mode.VISIT})
    assert first.url == second.url
    assert someones_case.assessments.count() == 1
    assert CaseEvent.objects.filter(case=someones_case, summary__contains="started").count() == 1


def test_an_adviser_on_the_phone_closes_areas_with_one_answer_and_completes(
    client, adviser, someones_case, questionnaire
):
    client.force_login(adviser)
    assessment = factories.start(actor=adviser, case=someones_case, mode=Mode.PHONE)
    data = {}
    for domain in selectors.structure(questionnaire):
        with_needs = domain.key in {"personal_care", "eating_and_drinking"}
        for name, value in _domain_data(assessment, domain.key, needs="yes" if with_needs else "no").items():
            data[f"{domain.key}-{name}"] = value
    data["personal_care-person_words"] = "I can't get in the bath since the fall"
    saved = client.post(reverse("assessment_phone", args=[assessment.pk]), {**data, "then": "complete"})
    assert saved.url == reverse("assessment_check", args=[assessment.pk])

    check = client.get(saved.url)
    assert "Needs explored in 2 of 11 areas; no needs in 9." in check.text
    assert "I can&#x27;t get in the bath since the fall" in check.text

    client.post(reverse("assessment_complete", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.COMPLETED
    event = CaseEvent.objects.filter(case=someones_case, summary__contains="completed").get()
    assert event.summary == "Supported self-assessment completed: needs in 2 of 11 areas"
    assert event.facts["points"]["personal_care"] > 0
    assert event.facts["points"]["home"] == 0


def test_an_unfinished_assessment_cannot_be_completed_and_says_what_is_left(
    client, practitioner, someones_case, questionnaire
):
    client.force_login(practitioner)
    assessment = factories.start(actor=practitioner, case=someones_case)
    factories.screen(assessment, actor=practitioner, needs={"personal_care": True})
    refused = client.post(reverse("assessment_complete", args=[assessment.pk]), follow=True)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS
    assert "There is still something to answer" in refused.text
    check = client.get(reverse("assessment_check", args=[assessment.pk]))
    left = len(list(_domain(assessment, "personal_care").questions.all()))
    assert f"Answer the {left} questions left in personal care" in check.text
    assert "Say whether there are needs in your home" in check.text


def test_a_practitioner_closes_an_area_with_one_tap(client, practitioner, someones_case, questionnaire):
    client.force_login(practitioner)
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_no_needs", args=[assessment.pk, "work_and_learning"])
    fragment = client.post(url, {"version": 0}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert 'id="domains"' in fragment.text and "<html" not in fragment.text
    response = assessment.responses.get(domain__key="work_and_learning")
    assert response.has_needs is False


def test_each_change_on_a_visit_is_saved_at_once(client, practitioner, someones_case, questionnaire):
    client.force_login(practitioner)
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_domain", args=[assessment.pk, "personal_care"])
    data = _domain_data(assessment, "personal_care", person_words="Mornings are the worst")
    saved = client.post(url, data, headers={"HX-Request": "true"})
    assert saved.status_code == 200
    assert 'id="save-status"' in saved.text and "Saved" in saved.text
    assert 'value="1"' in saved.text  # the version the next save claims
    response = assessment.responses.get(domain__key="personal_care")
    assert response.has_needs is True and response.person_words == "Mornings are the worst"
    assert Answer.objects.filter(assessment=assessment).count() == len(
        list(_domain(assessment, "personal_care").questions.all())
    )
    assert AccessEvent.objects.filter(case=someones_case, action="change", what="assessment domain").exists()


def test_a_save_without_javascript_goes_on_to_the_next_area(
    client, practitioner, someones_case, questionnaire
):
    client.force_login(practitioner)
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_domain", args=[assessment.pk, "personal_care"])
    moved = client.post(url, {**_domain_data(assessment, "personal_care"), "then": "next"})
    assert moved.url == reverse("assessment_domain", args=[assessment.pk, "eating_and_drinking"])


def test_saving_one_answer_takes_the_same_queries_however_many_are_answered(
    client, practitioner, someones_case, questionnaire
):
    client.force_login(practitioner)
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_domain", args=[assessment.pk, "personal_care"])

    def queries_for_a_save():
        with CaptureQueriesContext(connection) as queries:
            client.post(url, _domain_data(assessment, "personal_care"), headers={"HX-Request": "true"})
        return len(queries)

    first = queries_for_a_save()
    factories.answer_all(assessment, actor=practitioner)
    assert queries_for_a_save() == first


def test_two_people_saving_the_same_area_see_both_versions(
    client, practitioner, manager, someones_case, questionnaire
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_domain", args=[assessment.pk, "home"])
    theirs = _domain_data(assessment, "home", choose=0, person_words="Daughter does the cleaning")
    mine = _domain_data(assessment, "home", choose=-1, person_words="The house is getting on top of me")
    client.force_login(manager)
    client.post(url, theirs, headers={"HX-Request": "true"})

    client.force_login(practitioner)
    clash = client.post(url, mine, headers={"HX-Request": "true"})
    assert clash["HX-Retarget"] == "#domain-form"
    assert "Someone else saved this section" in clash.text
    assert "Daughter does the cleaning" in clash.text  # theirs, read back
    assert "The house is getting on top of me" in clash.text  # mine, still in the form
    response = assessment.responses.get(domain__key="home")
    assert response.person_words == "Daughter does the cleaning"  # nothing overwritten

    again = client.post(url, {**mine, "version": response.version}, headers={"HX-Request": "true"})
    assert "Saved" in again.text
    response.refresh_from_db()
    assert response.person_words == "The house is getting on top of me"


def test_people_working_on_different_areas_never_collide(practitioner, manager, someones_case, questionnaire):
    assessment = factories.start(actor=practitioner, case=someones_case)
    factories.screen(assessment, actor=manager, needs={"home": False})
    factories.screen(assessment, actor=practitioner, needs={"personal_care": False})
    assert assessment.responses.filter(has_needs=False).count() == 2


def test_an_answer_that_is_not_one_of_the_questions_options_is_refused_and_nothing_is_lost(
    client, practitioner, someones_case, questionnaire
):
    client.force_login(practitioner)
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_domain", args=[assessment.pk, "personal_care"])
    other_option = list(_domain(assessment, "home").questions.first().options.all())[1]
    data = _domain_data(assessment, "personal_care", person_words="Keep these words")
    first_question = _domain(assessment, "personal_care").questions.first()
    data[f"q_{first_question.key}"] = other_option.pk
    page = client.post(url, data)
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert f"Select one of the answers to: {first_question.text}" in page.text.replace("&#x27;", "'")
    assert "Keep these words" in page.text
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_a_completed_assessment_can_be_read_but_not_changed(
    client, practitioner, someones_case, questionnaire
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    factories.answer_all(assessment, actor=practitioner, needs_in={"personal_care"})
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[assessment.pk]))
    domain_url = reverse("assessment_domain", args=[assessment.pk, "personal_care"])
    assert client.get(domain_url).status_code == 404
    assert client.post(domain_url, _domain_data(assessment, "personal_care")).status_code == 404
    assert "Answers" in client.get(reverse("assessment_check", args=[assessment.pk])).text


@pytest.mark.parametrize(
    ("persona", "read", "change"),
    [
        ("adviser", 200, 200),
        ("practitioner", 200, 200),
        ("manager", 200, 200),
        ("finance_officer", 200, 403),
        ("directory_editor", 403, 403),
        ("citizen", 403, 403),
    ],
)
def test_who_may_read_and_change_an_assessment(
    request, client, practitioner, someones_case, questionnaire, persona, read, change
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("assessment", args=[assessment.pk])).status_code == read
    assert client.get(reverse("assessment_domain", args=[assessment.pk, "home"])).status_code == change


def test_an_autosave_after_the_session_ended_is_refused_without_a_page_swapped_in(
    client, practitioner, someones_case, questionnaire
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_domain", args=[assessment.pk, "home"])
    refused = client.post(url, _domain_data(assessment, "home"), headers={"HX-Request": "true"})
    assert refused.status_code == 401
    assert client.post(url, _domain_data(assessment, "home")).status_code == 302


def test_your_own_autosave_arriving_before_your_button_press_is_not_a_conflict(
    client, practitioner, someones_case, questionnaire
):
    client.force_login(practitioner)
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_domain", args=[assessment.pk, "home"])
    page_version = _domain_data(assessment, "home")["version"]
    client.post(url, _domain_data(assessment, "home", choose=0), headers={"HX-Request": "true"})
    pressed = client.post(url, {**_domain_data(assessment, "home", version=page_version), "then": "overview"})
    assert pressed.status_code == 302


def test_words_sent_after_the_session_ended_are_shown_again_after_signing_back_in(
    client, practitioner, someones_case, questionnaire
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    url = reverse("assessment_domain", args=[assessment.pk, "home"])
    typed = _domain_data(assessment, "home", person_words="Every word of this matters")
    sent = client.post(url, typed)  # the session had ended: nobody is signed in
    assert sent.url.startswith(reverse("login"))
    client.post(sent.url, {"username": practitioner.username, "password": "correct horse battery"})
    back = client.get(url)
    assert "Every word of this matters" in back.text
    assert "You were signed out before your changes were saved" in back.text
    assert (
        assessment.responses.get(domain__key="home").person_words == ""
    )  # shown, not saved behind their back
    assert "Every word of this matters" not in client.get(url).text  # given back once


def test_a_carers_assessment_is_started_from_the_same_page(
    client, practitioner, someones_case, carer_questionnaire
):
    client.force_login(practitioner)
    url = reverse("assessment_new", args=[someones_case.pk])
    page = client.get(url)
    assert 'value="carer"' in page.text
    client.post(url, {"kind": "carer", "mode": Mode.VISIT})
    assert someones_case.assessments.get().questionnaire == carer_questionnaire
