"""What the front door publishes for the later stages: the contact a case last completed, the services the person
was told about there, and receiving a self-assessment sent online as a contact."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from contact import selectors, services
from contact.models import Channel, Contact, Signposting

pytestmark = pytest.mark.django_db


def completed_contact(case, *, days_ago: int, told: list[str] = ()) -> Contact:
    contact = Contact.objects.create(
        person=case.person,
        case=case,
        status=Contact.Status.COMPLETED,
        completed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    for name in told:
        Signposting.objects.create(
            contact=contact,
            service_uuid=uuid.uuid4(),
            name=name,
            organisation=f"{name} Trust",
            phone="01603 000000",
        )
    return contact


def test_the_signposts_given_are_those_of_the_latest_completed_contact_as_told(someones_case):
    assert selectors.signposts_given(someones_case) == []
    completed_contact(someones_case, days_ago=20, told=["Lunch club"])
    latest = completed_contact(someones_case, days_ago=2, told=["Befriending", "Falls class"])
    Contact.objects.create(person=someones_case.person, case=someones_case)  # a draft tells nothing yet
    assert selectors.latest_completed(someones_case) == latest
    given = selectors.signposts_given(someones_case)
    assert [told["name"] for told in given] == ["Befriending", "Falls class"]
    assert given[0] == {
        "name": "Befriending",
        "organisation": "Befriending Trust",
        "phone": "01603 000000",
        "email": "",
        "url": "",
        "address": "",
    }


def test_a_latest_contact_that_signposted_nothing_gives_no_signposts(someones_case):
    completed_contact(someones_case, days_ago=20, told=["Lunch club"])
    completed_contact(someones_case, days_ago=1)
    assert selectors.signposts_given(someones_case) == []


def test_a_self_assessment_sent_online_arrives_as_an_online_contact_and_is_acknowledged_after_commit(
    citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        contact = services.receive_self_assessment(
            sender=citizen,
            reference="SA123456",
            details={
                "given_name": "Margaret",
                "date_of_birth": datetime.date(1948, 3, 27),
                "phone": "07700 900123",
            },
        )
    assert contact.status == Contact.Status.SUBMITTED and contact.channel == Channel.ONLINE
    assert contact.caller_phone == "07700 900123" and contact.caller_email == citizen.email
    assert "SA123456" in contact.reason
    assert contact.submitted_details == {
        "given_name": "Margaret",
        "date_of_birth": "1948-03-27",
        "phone": "07700 900123",
        "email": citizen.email,
        "assessment": "SA123456",
    }
    assert len(callbacks) == 1  # the acknowledgement, queued only once the contact is committed


def test_only_a_citizen_sends_their_own_self_assessment(practitioner):
    with pytest.raises(PermissionDenied):
        services.receive_self_assessment(sender=practitioner, reference="SA1", details={})
    assert not Contact.objects.exists()


def test_a_contact_is_found_on_its_own_case_only(someones_case, team):
    from cases.tests.factories import CaseFactory

    ours = completed_contact(someones_case, days_ago=1)
    theirs = completed_contact(CaseFactory(team=team), days_ago=1)
    assert selectors.contact_on(someones_case, ours.pk) == ours
    assert selectors.contact_on(someones_case, theirs.pk) is None
