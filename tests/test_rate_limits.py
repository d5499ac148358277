"""Rate limits (config.ratelimit) count in the shared cache against the visitor's session and their address;
the address is the one our own proxies vouch for (config.requests.client_ip)."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from config import ratelimit
from config.requests import client_ip

pytestmark = pytest.mark.django_db

TWICE = ratelimit.Limit("tests", per_session=2, per_address=3)
NOON = datetime.datetime(2026, 12, 5, 12, 0, tzinfo=datetime.UTC)


def _visitor(address="198.51.100.7", session=None, **headers):
    request = RequestFactory().post("/", REMOTE_ADDR=address, **headers)
    request.session = session or SessionStore()
    return request


def test_a_session_may_do_it_as_often_as_the_limit_says_in_a_window_then_from_the_next():
    visitor = _visitor()
    for minutes in (0, 10):
        assert ratelimit.allowance(visitor, TWICE, now=NOON + datetime.timedelta(minutes=minutes)).allowed
        ratelimit.record(visitor, TWICE, now=NOON + datetime.timedelta(minutes=minutes))
    refused = ratelimit.allowance(visitor, TWICE, now=NOON + datetime.timedelta(minutes=30))
    assert not refused.allowed and refused.used == 2
    assert refused.next_at == NOON + datetime.timedelta(hours=1)
    assert ratelimit.allowance(visitor, TWICE, now=NOON + datetime.timedelta(minutes=61)).allowed


def test_a_new_session_from_the_same_address_is_still_counted_by_its_address():
    for _ in range(TWICE.per_address):
        visitor = _visitor()  # cookies cleared each time
        assert ratelimit.allowance(visitor, TWICE, now=NOON).allowed
        ratelimit.record(visitor, TWICE, now=NOON)
    assert not ratelimit.allowance(_visitor(), TWICE, now=NOON).allowed
    assert ratelimit.allowance(_visitor("203.0.113.9"), TWICE, now=NOON).allowed


def test_each_limit_counts_apart():
    visitor = _visitor()
    for _ in range(TWICE.per_session):
        ratelimit.record(visitor, TWICE, now=NOON)
    other = ratelimit.Limit("other_tests", per_session=2, per_address=3)
    assert ratelimit.allowance(visitor, other, now=NOON).allowed


@pytest.mark.parametrize("round_", [1, 2])
def test_no_test_sees_another_tests_counts(round_):
    visitor = _visitor()
    assert ratelimit.allowance(visitor, TWICE, now=NOON).used == 0
    for _ in range(TWICE.per_session):
        ratelimit.record(visitor, TWICE, now=NOON)


def test_neither_the_address_nor_the_session_is_kept_in_the_cache_as_it_is():
    visitor = _visitor()
    session_key, address_key = ratelimit._keys(visitor, TWICE, 1)
    assert "198.51.100.7" not in address_key and visitor.session.session_key not in session_key


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.66", "10.0.0.5"),  # no proxy configured: the header is the client's word only
        (1, "203.0.113.66, 198.51.100.7", "198.51.100.7"),  # what our one proxy saw, not what came before
        (2, "203.0.113.66, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.5"),  # fewer addresses than proxies
        (1, "bogus", "10.0.0.5"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_believed_only_as_far_as_our_proxies_vouch_for_it(
    settings, proxies, forwarded, expected
):
    settings.PROXY_COUNT = proxies
    assert client_ip(_visitor("10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)) == expected
