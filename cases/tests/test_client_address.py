"""Which address the audit trail and sign-in lockouts record: the header a client can write is believed only as
far as the council's own proxies vouch for it."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from cases.models import AccessEvent

pytestmark = pytest.mark.django_db


def _recorded_address(client, case, **headers) -> str | None:
    response = client.get(reverse("case", args=[case.pk]), REMOTE_ADDR="10.0.0.5", **headers)
    assert response.status_code == 200
    return AccessEvent.objects.latest("pk").ip_address


@pytest.mark.parametrize("forwarded", ["not-an-address", "unknown, 10.0.0.9", "999.1.1.1", ", ,", "\x00"])
def test_a_page_opens_whatever_the_forwarded_header_says(
    client, practitioner, someones_case, forwarded, settings
):
    settings.PROXY_COUNT = 1
    client.force_login(practitioner)
    response = client.get(
        reverse("case", args=[someones_case.pk]), REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert response.status_code == 200


def test_with_no_proxy_configured_an_address_a_client_writes_in_the_header_is_ignored(
    client, practitioner, someones_case, settings
):
    settings.PROXY_COUNT = 0
    client.force_login(practitioner)
    assert _recorded_address(client, someones_case, HTTP_X_FORWARDED_FOR="203.0.113.66") == "10.0.0.5"


def test_behind_one_proxy_the_address_that_proxy_saw_is_recorded_not_one_the_client_put_first(
    client, practitioner, someones_case, settings
):
    settings.PROXY_COUNT = 1
    client.force_login(practitioner)
    forged_then_real = "203.0.113.66, 198.51.100.7"
    assert _recorded_address(client, someones_case, HTTP_X_FORWARDED_FOR=forged_then_real) == "198.51.100.7"


def test_behind_two_proxies_the_address_the_outer_proxy_saw_is_recorded(
    client, practitioner, someones_case, settings
):
    settings.PROXY_COUNT = 2
    client.force_login(practitioner)
    header = "203.0.113.66, 198.51.100.7, 10.0.0.2"
    assert _recorded_address(client, someones_case, HTTP_X_FORWARDED_FOR=header) == "198.51.100.7"


def test_a_forwarded_address_that_is_not_one_falls_back_to_the_connecting_address(
    client, practitioner, someones_case, settings
):
    settings.PROXY_COUNT = 1
    client.force_login(practitioner)
    assert _recorded_address(client, someones_case, HTTP_X_FORWARDED_FOR="198.51.100.7, bogus") == "10.0.0.5"
    assert _recorded_address(client, someones_case) == "10.0.0.5"  # fewer addresses than proxies


def test_an_ipv6_address_is_recorded_as_written_by_the_proxy(client, practitioner, someones_case, settings):
    settings.PROXY_COUNT = 1
    client.force_login(practitioner)
    assert _recorded_address(client, someones_case, HTTP_X_FORWARDED_FOR="2001:db8::1") == "2001:db8::1"


def test_failed_sign_ins_are_counted_against_the_address_the_proxy_saw(client, practitioner, settings):
    settings.PROXY_COUNT = 1
    client.post(
        reverse("login"),
        {"username": practitioner.username, "password": "wrong password"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.7",
    )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
