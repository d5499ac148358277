"""Find before you create: a new person who looks like someone already on the record is checked first."""

import datetime

import pytest
from django.urls import reverse

from cases.models import AccessEvent, Case, Person
from cases.stages import Stage
from cases.tests.factories import CaseFactory, PersonFactory
from cases.tests.test_people import valid_details

pytestmark = pytest.mark.django_db

WARNING = "This might be someone already on the record"


@pytest.fixture
def dorothy(db, team):
    """Dorothy Pilgrim, born 14 March 1941, of NR1 3QQ, with an open case."""
    person = PersonFactory(
        given_name="Dorothy",
        family_name="Pilgrim",
        date_of_birth=datetime.date(1941, 3, 14),
        postcode="NR1 3QQ",
        nhs_number="",
    )
    CaseFactory(person=person, team=team, stage=Stage.ASSESSMENT)
    return person


def add(client, **overrides):
    return client.post(reverse("person_new"), valid_details(nhs_number="", **overrides))


@pytest.mark.parametrize(
    "overrides",
    [
        {"given_name": "Dorothy", "family_name": "Pilgrim"},
        {"given_name": "Dorathy", "family_name": "Pilgrem", "postcode": "NR2 1AB"},  # same date of birth
        {"given_name": "Dorothy", "family_name": "Pilgrym", "date_of_birth_2": "1942"},  # same postcode
        {"given_name": "Pilgrim", "family_name": "Dorothy", "postcode": "NR2 1AB"},  # names swapped
    ],
)
def test_someone_with_a_similar_name_and_the_same_birthday_or_postcode_is_shown_before_adding(
    client, adviser, dorothy, overrides
):
    client.force_login(adviser)
    response = add(client, **overrides)
    page = response.content.decode()
    assert response.status_code == 200
    assert WARNING in page
    assert f'href="{reverse("person", args=[dorothy.pk])}"' in page
    assert "Dorothy Pilgrim (opens in new tab)" in page
    assert dorothy.cases.get().reference in page, "their open case shows at once"
    assert "None of these is the person: add them anyway" in page
    assert f'value="{overrides["family_name"]}"' in page, "what was typed is kept"
    assert Person.objects.count() == 1


def test_someone_on_the_record_by_a_shorter_name_with_an_accent_is_shown_before_adding(client, adviser):
    lea = PersonFactory(given_name="Léa", family_name="Moreau", date_of_birth=datetime.date(1952, 7, 9))
    client.force_login(adviser)
    response = add(
        client,
        given_name="Léanne",
        family_name="Moreau",
        date_of_birth_0="9",
        date_of_birth_1="7",
        date_of_birth_2="1952",
        postcode="NR5 8AB",
    )
    page = response.content.decode()
    assert WARNING in page
    assert f'href="{reverse("person", args=[lea.pk])}"' in page
    assert "Léa Moreau (opens in new tab)" in page
    assert Person.objects.count() == 1


def test_the_warning_says_why_each_person_was_shown(client, adviser, dorothy):
    client.force_login(adviser)
    page = add(client, given_name="Dorothy", family_name="Pilgrem", postcode="NR2 1AB").content.decode()
    assert "Matched on name, name sounding like ‘pilgrem’, date of birth" in page


@pytest.mark.parametrize(
    "overrides",
    [
        {"given_name": "Dorothy", "family_name": "Pilgrim", "date_of_birth_2": "1942", "postcode": "NR2 1AB"},
        {
            "given_name": "Margaret",
            "family_name": "Pilgrim",
        },  # same birthday and postcode, another first name
        {"given_name": "Dorothy", "family_name": "Baker"},
    ],
)
def test_a_new_person_unlike_anyone_on_the_record_is_added_straight_away(client, adviser, dorothy, overrides):
    client.force_login(adviser)
    response = add(client, **overrides)
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_the_adviser_can_say_none_of_them_is_the_person_and_add_them_once(client, adviser, dorothy):
    client.force_login(adviser)
    details = valid_details(nhs_number="")
    first_look = client.post(reverse("person_new"), details).content.decode()
    assert WARNING in first_look
    assert f'value="{details["once"]}"' in first_look, "the same form, so a double submit still acts once"
    confirmed = {**details, "not_a_duplicate": "on"}
    first = client.post(reverse("person_new"), confirmed)
    second = client.post(reverse("person_new"), confirmed)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Person.objects.filter(family_name="Pilgrim").count() == 2
    assert Case.objects.count() == 2


def test_showing_people_who_may_be_the_new_person_is_recorded_as_a_look_at_the_record(
    client, adviser, dorothy
):
    client.force_login(adviser)
    add(client)
    event = AccessEvent.objects.get()
    assert (event.user, event.what) == (adviser, "people who may be the person being added (1 shown)")
