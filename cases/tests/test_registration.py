"""Citizens make their own accounts, confirmed by email before they can be used."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cases.models import User
from cases.notices import send_confirmation
from cases.registration import AlreadyRegistered, register_citizen

pytestmark = pytest.mark.django_db

PASSWORD = "three little words here"


def test_a_new_account_waits_for_its_email_to_be_confirmed_then_signs_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        sent = client.post(
            reverse("register"),
            {"email": "Ann.Ellis@example.com", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert sent.url == reverse("register_sent")
    assert len(queued) == 1  # the confirmation email goes through the worker, after commit
    user = User.objects.get(username="ann.ellis@example.com")
    assert not user.is_active and user.role == "citizen"
    refused = client.post(reverse("login"), {"username": "ann.ellis@example.com", "password": PASSWORD})
    assert refused.status_code == 200  # not signed in until the address is confirmed

    send_confirmation(user.pk, site_url="http://testserver/")
    link = re.search(r"http://testserver(/accounts/register/confirm/\S+/)", mail.outbox[0].body).group(1)
    confirmed = client.get(link)
    assert confirmed.url == reverse("self_assessment")
    user.refresh_from_db()
    assert user.is_active
    assert client.get(reverse("self_assessment")).context["user"] == user


def test_a_confirmation_link_that_has_been_tampered_with_is_refused(client):
    user = register_citizen(email="sam@example.com", password=PASSWORD)
    send_confirmation(user.pk, site_url="http://testserver/")
    link = re.search(r"http://testserver(/accounts/register/confirm/\S+/)", mail.outbox[0].body).group(1)
    refused = client.get(link.replace(link[-8:-1], "AAAAAAA"))
    assert refused.status_code == 400
    assert "That link does not work" in refused.text


def test_bad_input_is_explained_next_to_each_field_and_the_email_is_kept(client):
    page = client.post(
        reverse("register"), {"email": "not an email", "password1": "short", "password2": "other"}
    )
    assert "Enter an email address in the correct format, like name@example.com" in page.text
    assert "The passwords do not match" in page.text
    assert 'value="not an email"' in page.text
    weak = client.post(
        reverse("register"), {"email": "sam@example.com", "password1": "short", "password2": "short"}
    )
    assert "This password is too short" in weak.text


def test_an_address_already_in_use_is_not_registered_twice(client, citizen):
    citizen.email = citizen.username = "taken@example.com"
    citizen.save()
    with pytest.raises(AlreadyRegistered):
        register_citizen(email="Taken@Example.com", password=PASSWORD)
    page = client.post(
        reverse("register"), {"email": "taken@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "There is already an account with this email address" in page.text


def test_registering_again_before_confirming_gives_a_fresh_link_not_a_second_account():
    first = register_citizen(email="sam@example.com", password=PASSWORD)
    again = register_citizen(email="sam@example.com", password=PASSWORD + " too")
    assert first.pk == again.pk
    assert User.objects.filter(username="sam@example.com").count() == 1
