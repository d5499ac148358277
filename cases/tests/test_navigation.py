"""The navigation every page carries: what it offers each role, asked of the signed-in user at no extra query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.roles import Role
from cases.tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def a_plain_page(client, user) -> tuple[str, list[str]]:
    """The bare page the benchmark measures, as `user` sees it once their session is in use, and its SQL."""
    client.force_login(user)
    client.get(reverse("baseline"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("baseline"))
    return page.text, [query["sql"] for query in queries]


def test_asking_whether_the_user_plans_complex_support_costs_a_page_no_query(client, adviser, practitioner):
    complex_team = TeamFactory(name="Complex support planning team", plans_complex_support=True)
    complex_worker = UserFactory(username="complex_worker", role=Role.PRACTITIONER, team=complex_team)

    offered, with_the_link = a_plain_page(client, complex_worker)
    not_offered, asked = a_plain_page(client, practitioner)  # asked of their team, and answered no
    _, never_asked = a_plain_page(client, adviser)  # an adviser writes no plans: the team is not asked about

    assert "Complex plans" in offered and "Complex plans" not in not_offered
    assert len(with_the_link) == len(asked) == len(never_asked)
    assert not [sql for sql in with_the_link + asked if 'FROM "cases_team"' in sql]


def test_a_user_made_inactive_is_signed_out_on_their_next_page(client, practitioner):
    client.force_login(practitioner)
    practitioner.is_active = False
    practitioner.save(update_fields=["is_active"])
    assert client.get(reverse("caseload"))["Location"].startswith(reverse("login"))
