"""Recording who supports a person: carers, representatives, appointees and attorneys."""

import pytest
from django.urls import reverse

from cases.milestones import Milestone
from cases.models import Relationship
from cases.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def daughter(db):
    return PersonFactory(given_name="Janet", family_name="Ellis-Ward")


def test_an_adviser_finds_the_carer_and_adds_them(client, adviser, someones_case, daughter):
    client.force_login(adviser)
    url = reverse("relationship_new", args=[someones_case.person_id])
    page = client.get(url, {"q": "Janet"}).content.decode()
    assert "Janet Ellis-Ward, born" in page
    assert "Margaret Ellis, born" not in page, "a person cannot support themselves"
    response = client.post(
        url, {"q": "Janet", "supporter": daughter.pk, "kind": "carer", "notes": "Visits daily"}
    )
    assert response.url == reverse("person", args=[someones_case.person_id])
    relationship = Relationship.objects.get()
    assert (relationship.person, relationship.for_person, relationship.kind) == (
        daughter,
        someones_case.person,
        "carer",
    )
    assert someones_case.events.filter(
        milestone=Milestone.RELATIONSHIP_ADDED, summary="Unpaid carer added: Janet Ellis-Ward"
    ).exists()
    person_page = client.get(response.url).content.decode()
    assert "Janet Ellis-Ward</a>, unpaid carer" in person_page
    assert "Visits daily" in person_page
    carer_page = client.get(reverse("person", args=[daughter.pk])).content.decode()
    assert "Margaret Ellis</a>, as unpaid carer" in carer_page


def test_missing_answers_are_explained_and_the_search_is_kept(client, adviser, someone, daughter):
    client.force_login(adviser)
    page = client.post(reverse("relationship_new", args=[someone.pk]), {"q": "Janet"}).content.decode()
    assert page.count("Select the person who supports Margaret") == 2
    assert page.count("Select how they support Margaret") == 2
    assert "Janet Ellis-Ward, born" in page
    assert Relationship.objects.count() == 0


def test_adding_the_same_relationship_twice_keeps_one(client, adviser, someone, daughter):
    client.force_login(adviser)
    data = {"q": "Janet", "supporter": daughter.pk, "kind": "representative"}
    client.post(reverse("relationship_new", args=[someone.pk]), data)
    client.post(reverse("relationship_new", args=[someone.pk]), data)
    assert Relationship.objects.count() == 1


def test_a_search_that_finds_no_one_offers_to_add_them(client, adviser, someone):
    client.force_login(adviser)
    page = client.get(reverse("relationship_new", args=[someone.pk]), {"q": "Zebedee"}).content.decode()
    assert "No one found for ‘Zebedee’" in page
    assert reverse("person_new") in page


def test_a_mistaken_relationship_is_removed_and_noted(client, practitioner, someones_case, daughter):
    relationship = Relationship.objects.create(
        person=daughter, for_person=someones_case.person, kind="appointee"
    )
    client.force_login(practitioner)
    url = reverse("relationship_remove", args=[someones_case.person_id, relationship.pk])
    client.post(url)
    client.post(url)
    assert not Relationship.objects.exists()
    assert (
        someones_case.events.filter(summary="Appointee (manages benefits) removed: Janet Ellis-Ward").count()
        == 1
    )
