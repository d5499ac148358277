"""A citizen or a professional contacts adult social care online, and an adviser picks it up."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from contact import notices, public_journey
from contact.models import Contact
from contact.public_journey import next_step, steps_for

pytestmark = pytest.mark.django_db


def answer(client, step, data):
    return client.post(reverse("contact_us_step", args=[step]), data)


def test_someone_writing_about_themselves_is_not_asked_about_the_caller():
    assert steps_for({"who": {"caller_kind": "person"}}) == ["who", "urgent", "person", "reason"]
    assert "caller" in steps_for({"who": {"caller_kind": "family"}})
    answered = {"who": {}, "urgent": {}, "person": {}, "reason": {}}
    assert next_step(answered | {"who": {"caller_kind": "person"}}, "reason") == "check"


def test_a_daughter_sends_the_form_and_gets_a_reference(client):
    assert client.get(reverse("contact_us")).status_code == 200
    assert answer(client, "who", {"caller_kind": "family"}).url == reverse("contact_us_step", args=["urgent"])
    answer(client, "urgent", {"urgent": "no"})
    bad = answer(
        client,
        "person",
        {
            "given_name": "Margaret",
            "postcode": "nowhere",
            "date_of_birth_0": "31",
            "date_of_birth_1": "2",
            "date_of_birth_2": "1948",
        },
    )
    page = bad.content.decode()
    assert (
        "Enter a last name" in page
        and "Enter a full UK postcode" in page
        and "Date of birth must be a real date" in page
    )
    assert 'value="Margaret"' in page
    answer(
        client,
        "person",
        {
            "given_name": "Margaret",
            "family_name": "Ellis",
            "postcode": "nr1 3qq",
            "date_of_birth_0": "27",
            "date_of_birth_1": "3",
            "date_of_birth_2": "1948",
        },
    )
    no_way_back = answer(client, "caller", {"caller_name": "Ann Ellis"})
    assert "Enter a phone number or an email address" in no_way_back.content.decode()
    answer(
        client,
        "caller",
        {"caller_name": "Ann Ellis", "caller_relationship": "Daughter", "caller_email": "ann@example.com"},
    )
    answer(client, "reason", {"reason": "Mum fell last week and cannot get upstairs"})
    assert answer(client, "consent", {"consent": "given"}).url == reverse("contact_us_check")
    check = client.get(reverse("contact_us_check"))
    text = check.content.decode()
    assert "Margaret Ellis" in text and "27 March 1948" in text and "Mum fell last week" in text
    key = check.context["key"]
    sent = client.post(reverse("contact_us_check"), {"key": key})
    assert sent.url == reverse("contact_us_sent")
    contact = Contact.objects.get()
    assert contact.reference in client.get(sent.url).content.decode()
    assert (contact.status, contact.channel, contact.caller_kind) == ("submitted", "online", "family")
    assert contact.submitted_details["postcode"] == "NR1 3QQ"
    assert notices.acknowledge_submission(contact.pk)
    assert mail.outbox[-1].to == ["ann@example.com"] and contact.reference in mail.outbox[-1].body


def test_pressing_send_twice_sends_one_message(client):
    answer(client, "who", {"caller_kind": "person"})
    answer(client, "urgent", {"urgent": "no"})
    answer(
        client,
        "person",
        {"given_name": "Sam", "family_name": "Okafor", "postcode": "NR2 1AA", "email": "sam@example.com"},
    )
    answer(client, "reason", {"reason": "I need help with shopping"})
    key = client.get(reverse("contact_us_check")).context["key"]
    client.post(reverse("contact_us_check"), {"key": key})
    again = client.post(reverse("contact_us_check"), {"key": key})
    assert again.status_code == 302
    assert Contact.objects.count() == 1


def test_someone_at_risk_is_told_to_call_now_and_can_still_write(client):
    answer(client, "who", {"caller_kind": "professional"})
    response = answer(client, "urgent", {"urgent": "yes"})
    page = client.get(response.url).content.decode()
    assert "call 999 now" in page


def test_a_question_cannot_be_skipped(client):
    response = client.get(reverse("contact_us_step", args=["reason"]))
    assert response.url == reverse("contact_us_step", args=["who"])
    assert client.get(reverse("contact_us_check")).url == reverse("contact_us_step", args=["who"])


def test_an_adviser_picks_up_an_online_form_and_finds_the_person(client, adviser, someone):
    contact = Contact.objects.create(
        status="submitted",
        channel="online",
        caller_kind="person",
        reason="I need help with shopping",
        submitted_details={
            "given_name": someone.given_name,
            "family_name": someone.family_name,
            "postcode": someone.postcode,
        },
    )
    client.force_login(adviser)
    queue = client.get(reverse("contact_queue", args=["new"])).content.decode()
    assert contact.reference in queue
    check = client.get(reverse("contact_step_check", args=[contact.pk])).content.decode()
    assert "Pick up this contact" in check and someone.family_name in check
    picked = client.post(reverse("contact_take_over", args=[contact.pk]))
    assert picked.url == reverse("contact_step", args=[contact.pk, "about"])
    found = client.get(picked.url)
    assert f'value="{someone.full_name}"' in found.text  # the search starts from the name sent
    assert str(someone.pk) in dict(found.context["form"].fields["who"].choices)
    contact.refresh_from_db()
    assert (contact.status, contact.taken_by) == ("draft", adviser)


def test_a_form_sent_online_for_someone_new_fills_in_the_search_and_the_new_person(client, adviser):
    for step, data in {
        "who": {"caller_kind": "person"},
        "urgent": {"urgent": "no"},
        "person": {
            "given_name": "Irene",
            "family_name": "Walker",
            "date_of_birth_0": "9",
            "date_of_birth_1": "7",
            "date_of_birth_2": "1936",
            "address_line_1": "12 Orchard Close",
            "town": "Norwich",
            "postcode": "nr7 0aa",
            "phone": "01632 960555",
            "email": "irene@example.com",
        },
        "reason": {"reason": "I cannot get in and out of the bath"},
    }.items():
        answer(client, step, data)
    client.post(reverse("contact_us_check"), {"key": client.get(reverse("contact_us_check")).context["key"]})
    contact = Contact.objects.get()
    client.force_login(adviser)
    about = client.get(client.post(reverse("contact_take_over", args=[contact.pk])).url)
    assert 'value="Irene Walker"' in about.text
    form = about.context["form"]
    assert (form.initial["caller_kind"], form.initial["reason"]) == (
        "person",
        "I cannot get in and out of the bath",
    )
    contact.refresh_from_db()
    posted = {
        "version": contact.version,
        "who": "new",
        "channel": "online",
        "caller_kind": "person",
        "reason": contact.reason,
        "route_of_access": "community",
        "immediate_risk": "no",
        "consent": "given",
    }
    add = client.get(client.post(about.request["PATH_INFO"], posted).url).context["form"]
    assert {
        field: add.initial[field] for field in ("given_name", "family_name", "postcode", "phone", "email")
    } == {
        "given_name": "Irene",
        "family_name": "Walker",
        "postcode": "NR7 0AA",
        "phone": "01632 960555",
        "email": "irene@example.com",
    }
    assert add.initial["date_of_birth"] == datetime.date(1936, 7, 9)
    assert add.initial["address_line_1"] == "12 Orchard Close" and add.initial["town"] == "Norwich"


def sam_writes_about_himself(client):
    answer(client, "who", {"caller_kind": "person"})
    answer(client, "urgent", {"urgent": "no"})
    answer(
        client,
        "person",
        {"given_name": "Sam", "family_name": "Okafor", "postcode": "NR2 1AA", "email": "sam@example.com"},
    )
    answer(client, "reason", {"reason": "I need help with shopping"})


def test_back_from_checking_goes_to_the_last_question_and_back_from_a_change_returns_to_checking(client):
    sam_writes_about_himself(client)
    check = client.get(reverse("contact_us_check")).content.decode()
    assert f'href="{reverse("contact_us_step", args=["reason"])}" class="govuk-back-link"' in check
    # Changing the address: Back goes to the answers being checked, not the question before it.
    change = client.get(reverse("contact_us_step", args=["person"])).content.decode()
    assert f'href="{reverse("contact_us_check")}" class="govuk-back-link"' in change


def test_the_answers_say_your_name_to_someone_writing_about_themselves_and_their_name_otherwise(client):
    sam_writes_about_himself(client)
    rows = {row["key"] for row in client.get(reverse("contact_us_check")).context["rows"]}
    assert {"Your name", "Your phone and email"} <= rows and "Their name" not in rows
    answer(client, "who", {"caller_kind": "family"})
    answer(
        client,
        "caller",
        {"caller_name": "Ade Okafor", "caller_relationship": "Son", "caller_phone": "07700 900123"},
    )
    answer(client, "consent", {"consent": "given"})
    rows = {row["key"] for row in client.get(reverse("contact_us_check")).context["rows"]}
    assert {"Their name", "Their phone and email", "Your name"} <= rows


def test_a_date_of_birth_beyond_a_lifetime_is_refused_online_as_on_the_record(client):
    answer(client, "who", {"caller_kind": "person"})
    answer(client, "urgent", {"urgent": "no"})
    page = answer(
        client,
        "person",
        {
            "given_name": "Sam",
            "family_name": "Okafor",
            "postcode": "NR2 1AA",
            "date_of_birth_0": "1",
            "date_of_birth_1": "1",
            "date_of_birth_2": "1",
        },
    ).content.decode()
    assert "Date of birth must be after 1 January" in page


def test_a_sixth_form_sent_online_in_an_hour_is_refused_and_a_new_session_does_not_reset_it(client):
    for _ in range(public_journey.SENDS.per_session):
        sam_writes_about_himself(client)
        key = client.get(reverse("contact_us_check")).context["key"]
        assert client.post(reverse("contact_us_check"), {"key": key}).status_code == 302
    sam_writes_about_himself(client)
    key = client.get(reverse("contact_us_check")).context["key"]
    refused = client.post(reverse("contact_us_check"), {"key": key})
    assert "You have sent several forms in the last hour" in refused.content.decode()
    assert Contact.objects.count() == public_journey.SENDS.per_session
