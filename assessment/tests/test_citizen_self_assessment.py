"""A citizen's self-assessment online: one question per page, saved as they go, check answers, a reference;
kept for themselves or sent to us, when it joins their case without anyone asking again."""

import pytest
from django.urls import reverse

from assessment import selectors
from assessment.models import Assessment
from assessment.tests import factories
from cases.models import CaseEvent
from contact.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, citizen, questionnaire):
    client.force_login(citizen)
    return client


def begin(client) -> Assessment:
    client.post(reverse("self_assessment_begin"))
    return Assessment.objects.latest("pk")


def page(assessment, key, step):
    return reverse("self_assessment_page", args=[assessment.pk, key, step])


def test_a_citizen_answers_one_question_per_page_and_an_area_without_needs_asks_nothing_more(
    signed_in, citizen
):
    assessment = begin(signed_in)
    assert assessment.owner == citizen and assessment.case is None and assessment.mode == "citizen"
    first = signed_in.get(page(assessment, "personal_care", "needs"))
    assert (
        '<h1 class="govuk-fieldset__heading">Do you need help with washing, dressing or using the toilet?</h1>'
        in first.text
    )
    assert "area 1 of 11" in first.text

    onwards = signed_in.post(page(assessment, "personal_care", "needs"), {"has_needs": "no", "then": "next"})
    assert onwards.url == page(assessment, "eating_and_drinking", "needs")

    domain = selectors.domain_by_key(assessment, "eating_and_drinking")
    first_question = domain.questions.first()
    onwards = signed_in.post(
        page(assessment, "eating_and_drinking", "needs"), {"has_needs": "yes", "then": "next"}
    )
    assert onwards.url == page(assessment, "eating_and_drinking", f"q-{first_question.key}")
    question = signed_in.get(onwards.url)
    assert first_question.text in question.text
    assert list(first_question.options.all())[1].description in question.text  # every answer explained


def test_no_answer_gets_an_error_next_to_the_question(signed_in):
    assessment = begin(signed_in)
    refused = signed_in.post(page(assessment, "personal_care", "needs"), {"then": "next"})
    assert refused.status_code == 200
    assert "Select yes if you need help with personal care" in refused.text
    assert "govuk-error-summary" in refused.text


def test_save_and_come_back_later_keeps_every_answer(signed_in, citizen):
    assessment = begin(signed_in)
    signed_in.post(page(assessment, "personal_care", "needs"), {"has_needs": "yes", "then": "next"})
    later = signed_in.post(page(assessment, "personal_care", "needs"), {"has_needs": "yes", "then": "later"})
    assert later.url == reverse("self_assessment_overview", args=[assessment.pk])
    signed_in.logout()
    signed_in.force_login(citizen)
    start = signed_in.get(reverse("self_assessment"))
    assert "Carry on with your self-assessment" in start.text
    overview = signed_in.get(reverse("self_assessment_overview", args=[assessment.pk]))
    assert "In progress" in overview.text
    assert begin(signed_in) == assessment  # carrying on, not a second one


def test_a_self_funder_finishes_and_keeps_it_without_it_becoming_a_council_case(signed_in, citizen):
    assessment = begin(signed_in)
    factories.answer_all(assessment, actor=citizen, needs_in={"home", "community_life"})
    check = signed_in.get(reverse("self_assessment_check", args=[assessment.pk]))
    assert "Check your answers" in check.text
    done = signed_in.post(reverse("self_assessment_check", args=[assessment.pk]))
    assert done.url == reverse("self_assessment_done", args=[assessment.pk])
    confirmation = signed_in.get(done.url)
    assert assessment.reference in confirmation.text
    assert "You told us you need help in 2 of 11 areas" in confirmation.text
    assessment.refresh_from_db()
    assert assessment.status == "completed" and assessment.case is None
    assert not Contact.objects.exists() and not CaseEvent.objects.exists()


def test_sending_it_puts_it_on_the_advisers_queue_once_and_it_joins_the_case_without_asking_again(
    signed_in, citizen, client, adviser, someones_case, django_capture_on_commit_callbacks
):
    assessment = begin(signed_in)
    factories.answer_all(assessment, actor=citizen, needs_in={"personal_care"})
    signed_in.post(reverse("self_assessment_check", args=[assessment.pk]))
    details = {
        "given_name": "Margaret",
        "family_name": "Ellis",
        "date_of_birth_0": "3",
        "date_of_birth_1": "4",
        "date_of_birth_2": "1946",
        "address_line_1": "1 Mill Lane",
        "town": "Northbrook",
        "postcode": "nr1 3qq",
        "email": "m.ellis@example.com",
    }
    url = reverse("self_assessment_send", args=[assessment.pk])
    with django_capture_on_commit_callbacks() as queued:
        signed_in.post(url, details)
        signed_in.post(url, details)  # a second press sends nothing more
    assert len(queued) == 1  # the acknowledgement email
    contact = Contact.objects.get()
    assert contact.status == "submitted" and contact.submitted_details["assessment"] == assessment.reference
    assessment.refresh_from_db()
    assert assessment.contact == contact and assessment.submitted_at

    # The adviser matches the contact to Margaret's record and completes it; starting the assessment from it
    # adds the one she sent, answers and all.
    contact.person, contact.case, contact.status = someones_case.person, someones_case, "completed"
    contact.save()
    client.force_login(adviser)
    start_page = client.get(reverse("assessment_new", args=[someones_case.pk]) + f"?contact={contact.pk}")
    assert "did a self-assessment online" in start_page.text
    client.post(reverse("assessment_new", args=[someones_case.pk]), {"contact": contact.pk})
    assessment.refresh_from_db()
    assert assessment.case == someones_case
    assert someones_case.assessments.count() == 1
    assert CaseEvent.objects.filter(
        case=someones_case, summary__contains="sent online, added to the case"
    ).exists()


def test_nobody_else_can_see_a_citizens_own_self_assessment(
    signed_in, citizen, client, other_citizen, practitioner
):
    assessment = begin(signed_in)
    client.force_login(other_citizen)
    assert client.get(reverse("self_assessment_overview", args=[assessment.pk])).status_code == 404
    assert client.get(page(assessment, "home", "needs")).status_code == 404
    client.force_login(practitioner)
    assert client.get(reverse("assessment", args=[assessment.pk])).status_code == 404


def test_a_date_that_is_not_a_date_is_listed_once_in_the_error_summary(signed_in, citizen):
    assessment = begin(signed_in)
    factories.answer_all(assessment, actor=citizen, needs_in={"personal_care"})
    signed_in.post(reverse("self_assessment_check", args=[assessment.pk]))
    page = signed_in.post(
        reverse("self_assessment_send", args=[assessment.pk]),
        {
            "given_name": "Margaret",
            "family_name": "Ellis",
            "postcode": "NR1 3QQ",
            "date_of_birth_0": "x",
            "date_of_birth_1": "y",
            "date_of_birth_2": "z",
        },
    )
    summary = page.text.split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert summary.count("Date of birth must be a real date") == 1
    assert 'href="#id_date_of_birth_0"' in summary  # linked to the first part to correct
