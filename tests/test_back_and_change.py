"""Back and Change links on every multi-page journey: each step, filled in and left, shows what was given when
it is opened again, and every Change link on a check page opens its question with the answer kept."""

import pytest
from django.urls import reverse

from assessment import selectors
from assessment.models import Assessment
from contact.models import Contact
from tests.form_values import missing_answers

pytestmark = pytest.mark.django_db

CONTACT_US = {
    "who": {"caller_kind": "family"},
    "urgent": {"urgent": "no"},
    "person": {
        "given_name": "Margaret",
        "family_name": "Ellis",
        "date_of_birth_0": "27",
        "date_of_birth_1": "3",
        "date_of_birth_2": "1948",
        "address_line_1": "4 Mill Lane",
        "town": "Norbridge",
        "postcode": "NR1 3QQ",
        "phone": "01632 960001",
        "email": "margaret@example.com",
    },
    "caller": {"caller_name": "Ann Ellis", "caller_relationship": "Daughter", "caller_phone": "07700 900123"},
    "reason": {"reason": "Mum fell last week", "what_matters": "Staying at home"},
    "consent": {"consent": "given"},
}


def _contact_us(client, up_to=None):
    for step, data in CONTACT_US.items():
        assert client.post(reverse("contact_us_step", args=[step]), data).status_code == 302, step
        if step == up_to:
            return


@pytest.mark.parametrize("step", list(CONTACT_US))
def test_each_question_of_the_contact_us_form_shows_its_answer_again_after_going_back(client, step):
    _contact_us(client, up_to=step)
    again = client.get(reverse("contact_us_step", args=[step]))
    assert again.status_code == 200
    assert missing_answers(again.text, CONTACT_US[step]) == {}


def test_every_change_link_of_the_contact_us_form_opens_its_question_with_the_answer_kept(client):
    _contact_us(client)
    rows = client.get(reverse("contact_us_check")).context["rows"]
    links = {row["href"] for row in rows}
    assert links == {reverse("contact_us_step", args=[step]) for step in CONTACT_US}
    for link in links:
        step = link.rstrip("/").rsplit("/", 1)[-1]
        page = client.get(link)
        assert page.status_code == 200 and missing_answers(page.text, CONTACT_US[step]) == {}, step
        assert client.post(link, CONTACT_US[step]).url == reverse("contact_us_check")
    assert "27 March 1948" in client.get(reverse("contact_us_check")).text


def _self_assessment_pages(client) -> tuple[Assessment, list[tuple[str, dict]]]:
    """Every page of a self-assessment, answered in order (needs in the first area, none in the others), with
    the answer each was given."""
    client.post(reverse("self_assessment_begin"))
    assessment = Assessment.objects.latest("pk")
    structure = selectors.structure(assessment.questionnaire)
    answered, url = [], reverse("self_assessment_page", args=[assessment.pk, structure[0].key, "needs"])
    while "/check/" not in url:
        key, step = url.rstrip("/").split("/")[-2:]
        domain = next(domain for domain in structure if domain.key == key)
        if step == "needs":
            data = {"has_needs": "yes" if domain == structure[0] else "no"}
        elif step == "in-your-words":
            data = {"person_words": f"In my words about {domain.title.lower()}"}
        else:
            question = next(q for q in domain.questions.all() if f"q-{q.key}" == step)
            data = {f"q_{question.key}": str(list(question.options.all())[1].pk)}
        assert client.get(url).status_code == 200, url
        url = client.post(url, {**data, "then": "next"}).url
        answered.append((reverse("self_assessment_page", args=[assessment.pk, key, step]), data))
    return assessment, answered


def test_each_page_of_the_self_assessment_shows_its_answer_again_after_going_back(
    client, citizen, questionnaire
):
    client.force_login(citizen)
    assessment, answered = _self_assessment_pages(client)
    assert len(answered) > len(selectors.structure(assessment.questionnaire))
    for url, data in answered:
        again = client.get(url)
        assert again.status_code == 200 and missing_answers(again.text, data) == {}, url


def test_every_change_link_of_the_self_assessment_opens_its_question_with_the_answer_kept(
    client, citizen, questionnaire
):
    client.force_login(citizen)
    assessment, answered = _self_assessment_pages(client)
    check = client.get(reverse("self_assessment_check", args=[assessment.pk]))
    given = dict(answered)
    links = [url for url in given if f'href="{url}"' in check.text]
    assert len(links) == len(selectors.structure(assessment.questionnaire))
    for url in links:
        page = client.get(url)
        assert page.status_code == 200 and missing_answers(page.text, given[url]) == {}, url


RECORDING = [
    (
        "about",
        {
            "channel": "phone",
            "caller_kind": "family",
            "caller_name": "Ann Ellis",
            "caller_phone": "0161 4960000",
            "reason": "Mum fell last week",
            "what_matters": "Staying at home",
            "route_of_access": "community",
            "risks": "Falls",
            "immediate_risk": "no",
            "consent": "given",
        },
    ),
    (
        "outcomes",
        {"kinds": ["advice", "equipment"], "note_other": "A perching stool", "summary_by": "letter"},
    ),
]


def _record(client, person, up_to=None) -> Contact:
    client.post(reverse("contact_start"), {"person": person.pk})
    contact = Contact.objects.latest("pk")
    for step, data in RECORDING:
        contact.refresh_from_db()
        posted = client.post(
            reverse("contact_step", args=[contact.pk, step]), {"version": contact.version, **data}
        )
        assert posted.status_code == 302, (step, posted.context and posted.context["form"].errors)
        if step == up_to:
            break
    return contact


@pytest.mark.parametrize("step", [step for step, _ in RECORDING])
def test_each_step_of_recording_a_contact_shows_what_was_given_after_going_back(
    client, adviser, someone, step
):
    someone.consent_to_share = False  # so the question is asked, and its answer shown again
    someone.save()
    client.force_login(adviser)
    contact = _record(client, someone, up_to=step)
    again = client.get(reverse("contact_step", args=[contact.pk, step]))
    assert again.status_code == 200 and missing_answers(again.text, dict(RECORDING)[step]) == {}


def test_every_change_link_on_the_contact_check_page_opens_its_step_with_what_was_given(
    client, adviser, someone
):
    someone.consent_to_share = False
    someone.save()
    client.force_login(adviser)
    contact = _record(client, someone)
    check = client.get(reverse("contact_step_check", args=[contact.pk]))
    links = {card["href"] for card in check.context["cards"]}
    assert links == {reverse("contact_step", args=[contact.pk, step]) for step, _ in RECORDING}
    for link in links:
        page = client.get(link)
        step = link.rstrip("/").rsplit("/", 1)[-1]
        assert page.status_code == 200 and missing_answers(page.text, dict(RECORDING)[step]) == {}, step
        assert someone.full_name in page.text


def test_a_new_person_added_on_the_way_is_shown_again_after_going_back(client, adviser):
    client.force_login(adviser)
    client.post(reverse("contact_start"))
    contact = Contact.objects.latest("pk")
    about = dict(RECORDING)["about"] | {"who": "new", "version": contact.version}
    to_add = client.post(reverse("contact_step", args=[contact.pk, "about"]) + "?q=Irene+Walker", about)
    again = client.get(reverse("contact_step", args=[contact.pk, "about"]))
    assert again.status_code == 200 and missing_answers(again.text, about | {"version": []}) == {}
    add = client.get(to_add.url)
    assert add.status_code == 200
    assert missing_answers(add.text, {"given_name": "Irene", "family_name": "Walker"}) == {}
