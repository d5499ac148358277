"""Adding and changing a person's details, as an adviser on the phone would."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from cases.models import Case, Letter, Person

pytestmark = pytest.mark.django_db


def valid_details(**overrides):
    details = {
        "given_name": "Dorothy",
        "family_name": "Pilgrim",
        "date_of_birth_0": "14",
        "date_of_birth_1": "3",
        "date_of_birth_2": "1941",
        "nhs_number": "943 476 5919",
        "address_line_1": "4 Mill Lane",
        "town": "Northbrook",
        "postcode": "nr1 3qq",
        "phone": "01603 555123",
        "once": str(uuid.uuid4()),
    }
    details.update(overrides)
    return details


def test_an_adviser_adds_a_person_and_a_case_opens_with_a_reference_letter(client, adviser):
    client.force_login(adviser)
    response = client.post(reverse("person_new"), valid_details())
    person = Person.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("person", args=[person.pk])
    assert person.nhs_number == "9434765919"
    assert person.postcode == "NR1 3QQ"
    assert person.date_of_birth == datetime.date(1941, 3, 14)
    case = Case.objects.get(person=person)
    assert case.stage == "contact"
    assert list(case.events.values_list("milestone", flat=True)) == ["letter_requested", "case_opened"]
    assert Letter.objects.get(case=case).letter_type == "case_reference"


def test_the_person_page_shows_what_was_saved(client, adviser):
    client.force_login(adviser)
    response = client.post(reverse("person_new"), valid_details(), follow=True)
    page = response.content.decode()
    assert "Dorothy Pilgrim" in page
    assert "943 476 5919" in page
    assert "14 March 1941" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nhs_number", "943 476 5918", "Enter a valid NHS number"),
        ("nhs_number", "12345", "NHS number must be 10 digits"),
        ("postcode", "NR1", "Enter a full UK postcode, like NB1 2AB"),
        ("given_name", "", "Enter the person&#x27;s first name"),
        ("address_line_1", "", "Enter address line 1, typically the building and street"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_in_the_summary_and_nothing_typed_is_lost(
    client, adviser, field, value, message
):
    client.force_login(adviser)
    details = valid_details(**{field: value})
    response = client.post(reverse("person_new"), details)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(message) == 2, "once in the error summary, once beside the field"
    assert "govuk-error-summary" in page
    assert f'href="#id_{field}"' in page
    assert "<title>Error: Add a person" in page
    assert 'value="Pilgrim"' in page or field == "family_name"
    assert 'value="4 Mill Lane"' in page or field == "address_line_1"
    assert Person.objects.count() == 0


def test_a_date_of_birth_in_the_future_is_refused(client, adviser):
    client.force_login(adviser)
    future = timezone.localdate() + datetime.timedelta(days=40)
    details = valid_details(
        date_of_birth_0=future.day, date_of_birth_1=future.month, date_of_birth_2=future.year
    )
    page = client.post(reverse("person_new"), details).content.decode()
    assert page.count("Date of birth must be in the past") == 2
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "1950", "Date of birth must be a real date"),
        ("", "", "", "Enter the person&#x27;s date of birth"),
        ("12", "", "1950", "Date of birth must include a month"),
    ],
)
def test_impossible_or_incomplete_dates_get_govuk_messages(client, adviser, day, month, year, message):
    client.force_login(adviser)
    details = valid_details(date_of_birth_0=day, date_of_birth_1=month, date_of_birth_2=year)
    page = client.post(reverse("person_new"), details).content.decode()
    assert message in page
    assert Person.objects.count() == 0


def test_a_double_submitted_form_creates_one_person_and_one_case(client, adviser):
    client.force_login(adviser)
    details = valid_details()
    first = client.post(reverse("person_new"), details)
    second = client.post(reverse("person_new"), details)
    assert Person.objects.count() == 1
    assert Case.objects.count() == 1
    assert second.status_code == 302
    assert second.url == first.url


def test_a_second_person_with_the_same_nhs_number_is_refused(client, adviser, someone):
    client.force_login(adviser)
    page = client.post(reverse("person_new"), valid_details(nhs_number=someone.nhs_number)).content.decode()
    assert "Another person on the record already has this NHS number" in page


def test_changing_details_saves_them_and_notes_it_on_open_cases(client, practitioner, someones_case):
    client.force_login(practitioner)
    person = someones_case.person
    form = client.get(reverse("person_edit", args=[person.pk])).content.decode()
    assert f'value="{person.family_name}"' in form
    details = valid_details(
        given_name=person.given_name, family_name="Ellis-Brown", nhs_number=person.nhs_number
    )
    details["version"] = person.version
    response = client.post(reverse("person_edit", args=[person.pk]), details)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.family_name == "Ellis-Brown"
    assert person.version == 2
    note = someones_case.events.get(milestone=Milestone.DETAILS_UPDATED)
    assert "family_name" in note.facts["fields"]


def test_a_change_made_by_someone_else_meanwhile_is_not_overwritten(client, practitioner, adviser, someone):
    client.force_login(practitioner)
    stale_version = someone.version
    Person.objects.filter(pk=someone.pk).update(phone="07700 900123", version=stale_version + 1)
    details = valid_details(
        given_name=someone.given_name, family_name="Changed", nhs_number=someone.nhs_number
    )
    details["version"] = stale_version
    response = client.post(reverse("person_edit", args=[someone.pk]), details)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed these details while you were editing" in page
    assert 'value="Changed"' in page, "what the practitioner typed is still there"
    someone.refresh_from_db()
    assert someone.family_name == "Ellis"
    assert someone.phone == "07700 900123"


def test_search_finds_people_by_name_reference_nhs_number_and_date_of_birth(client, adviser, someones_case):
    client.force_login(adviser)
    person = someones_case.person
    for query in [
        "Ellis",
        "marg ell",
        someones_case.reference,
        person.nhs_number_display,
        person.date_of_birth.strftime("%d/%m/%Y"),
    ]:
        page = client.get(reverse("person_search"), {"q": query}).content.decode()
        assert "Margaret Ellis" in page, query
    assert "No one found" in client.get(reverse("person_search"), {"q": "Zebedee"}).content.decode()
