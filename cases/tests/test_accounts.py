"""Signing in and out, resetting a password, and the idle session."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_staff_sign_in_with_their_username_and_password(client, adviser):
    response = client.post(reverse("login"), {"username": "adviser", "password": "correct horse battery"})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "Find a person" in client.get(reverse("home")).content.decode()


def test_a_wrong_password_is_explained_without_saying_which_part_was_wrong(client, adviser):
    page = client.post(reverse("login"), {"username": "adviser", "password": "nope"}).content.decode()
    assert "Enter a correct username and password" in page
    assert 'value="adviser"' in page


def test_empty_sign_in_fields_get_govuk_messages(client):
    page = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert "Enter your username" in page
    assert "Enter your password" in page


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, adviser):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "adviser", "password": "guess"})
    response = client.post(reverse("login"), {"username": "adviser", "password": "correct horse battery"})
    assert "You cannot sign in for 15 minutes" in response.content.decode()


def test_signing_out_ends_the_session(client, adviser):
    client.force_login(adviser)
    response = client.post(reverse("logout"))
    assert response.url == reverse("signed_out")
    assert client.get(reverse("person_search")).status_code == 302


def test_a_forgotten_password_is_reset_through_an_emailed_link(client, adviser):
    adviser.email = "amira@northbrook.example.gov.uk"
    adviser.save()
    client.post(reverse("password_reset"), {"email": adviser.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    form_url = client.get(link).url
    response = client.post(
        form_url, {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"}
    )
    assert response.url == reverse("password_reset_complete")
    adviser.refresh_from_db()
    assert adviser.check_password("a brand new passphrase")


def test_an_unknown_email_gets_the_same_answer_so_accounts_cannot_be_discovered(client, adviser):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_sessions_end_after_a_period_of_inactivity_and_the_page_warns_first(client, adviser):
    client.force_login(adviser)
    page = client.get(reverse("home")).content.decode()
    assert f'data-idle-seconds="{settings.SESSION_COOKIE_AGE}"' in page
    assert "Stay signed in" in page
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_staying_signed_in_extends_the_session(client, adviser):
    client.force_login(adviser)
    response = client.post(reverse("keep_alive"), HTTP_ACCEPT="application/json")
    assert response.json() == {"ok": True}
