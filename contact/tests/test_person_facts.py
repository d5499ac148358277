"""What the record holds about a person is shown on a call, not asked again; what a call tells us that changes
goes onto the person's record, with when and who recorded it."""

import pytest
from django.urls import reverse

from cases.models import Person
from contact.tests.test_recording_a_contact import CALL_FROM_DAUGHTER, about, complete, outcomes, start, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_phone(client, adviser):
    client.force_login(adviser)
    return client


@pytest.fixture
def not_yet_asked(someone):
    someone.consent_to_share, someone.consent_recorded_at, someone.phone = False, None, ""
    someone.save()
    return someone


def advice_call(client, person, **about_the_call):
    contact = start(client, person)
    answered = about(client, contact, **about_the_call)
    assert answered.status_code == 302, answered.context["form"].errors
    outcomes(client, contact, ["advice"], summary_by="none")
    complete(client, contact)
    return contact


def test_consent_given_on_a_call_goes_on_the_persons_record_with_when_and_who(
    on_the_phone, adviser, not_yet_asked
):
    advice_call(on_the_phone, not_yet_asked, consent="given")
    person = Person.objects.get(pk=not_yet_asked.pk)
    assert person.consent_to_share and person.consent_recorded_at and person.consent_recorded_by == adviser
    assert person.history.filter(pgh_label="update").exists()  # audited, with the change kept
    record = on_the_phone.get(reverse("person", args=[person.pk])).text
    assert f"Given on {person.consent_recorded_at:%-d %B %Y}, recorded by {adviser.display_name}" in record


def test_a_later_call_shows_the_consent_on_record_with_a_change_link_instead_of_asking(
    on_the_phone, not_yet_asked
):
    advice_call(on_the_phone, not_yet_asked, consent="given")
    later = start(on_the_phone, not_yet_asked)
    page = on_the_phone.get(reverse("contact_step", args=[later.pk, "about"]))
    assert "consent" not in page.context["form"].fields
    assert "Consent to share" in page.text and "Given on" in page.text
    change = reverse("contact_step", args=[later.pk, "about"]) + "?consent=change"
    assert change.replace("&", "&amp;") in page.text
    not_asked = CALL_FROM_DAUGHTER | {"consent": "", "about_known_matter": "no"}
    assert step(on_the_phone, later, "about", not_asked).status_code == 302
    later.refresh_from_db()
    assert later.consent == "given"  # from the record


def test_consent_changed_on_a_call_changes_the_record(on_the_phone, not_yet_asked):
    advice_call(on_the_phone, not_yet_asked, consent="given")
    later = start(on_the_phone, not_yet_asked)
    change = reverse("contact_step", args=[later.pk, "about"]) + "?consent=change"
    assert "consent" in on_the_phone.get(change).context["form"].fields
    later.refresh_from_db()
    on_the_phone.post(
        change,
        CALL_FROM_DAUGHTER | {"consent": "refused", "about_known_matter": "no", "version": later.version},
    )
    outcomes(on_the_phone, later, ["advice"], summary_by="none")
    complete(on_the_phone, later)
    assert not Person.objects.get(pk=not_yet_asked.pk).consent_to_share


def test_the_phone_number_of_a_person_calling_for_themselves_goes_on_their_record(
    on_the_phone, not_yet_asked
):
    advice_call(
        on_the_phone, not_yet_asked, caller_kind="person", caller_name="", caller_phone="01632 960777"
    )
    assert Person.objects.get(pk=not_yet_asked.pk).phone == "01632 960777"
    later = start(on_the_phone, not_yet_asked)
    page = on_the_phone.get(reverse("contact_step", args=[later.pk, "about"])).text
    assert "01632 960777" in page  # shown from the record, with a way to change it


def test_a_self_assessment_sent_online_fills_in_the_new_person_with_everything_typed():
    from contact.models import Contact
    from contact.prefill import new_person_details

    sent = Contact(
        caller_kind="person",
        caller_email="m.ellis@example.com",
        caller_phone="01632 960999",
        submitted_details={
            "given_name": "Margaret",
            "family_name": "Ellis",
            "date_of_birth": "1946-04-03",
            "address_line_1": "1 Mill Lane",
            "town": "Northbrook",
            "postcode": "NR1 3QQ",
            "email": "m.ellis@example.com",
            "assessment": "SA000001",
        },
    )
    details = new_person_details(sent, "Margaret Ellis")
    assert details["date_of_birth"].isoformat() == "1946-04-03"
    assert (details["address_line_1"], details["town"], details["postcode"]) == (
        "1 Mill Lane",
        "Northbrook",
        "NR1 3QQ",
    )
    assert details["phone"] == "01632 960999"  # typed once, as the caller's, when the caller is the person
    assert "assessment" not in details
