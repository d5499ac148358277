"""Caseloads and queues stay quick to read however long they get."""

import pytest
from django.urls import reverse

from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_a_long_caseload_is_shown_25_at_a_time_with_govuk_pagination(client, practitioner):
    for _ in range(30):
        CaseFactory(allocated_worker=practitioner)
    client.force_login(practitioner)
    first = client.get(reverse("caseload")).content.decode()
    assert first.count('<tr class="govuk-table__row">') == 26  # header and 25 cases
    assert "30 open cases. Showing 1 to 25." in first
    assert 'rel="next"' in first
    second = client.get(reverse("caseload"), {"page": 2}).content.decode()
    assert "Showing 26 to 30." in second
    assert 'aria-label="Page 2" aria-current="page"' in second


@pytest.mark.parametrize("page", ["abc", "-1", "9999", ""])
def test_a_nonsense_page_number_shows_a_real_page(client, manager, page):
    CaseFactory(team=manager.team)
    client.force_login(manager)
    response = client.get(reverse("team_queue"), {"page": page})
    assert response.status_code == 200
    assert "1 case waiting" in response.content.decode()


def test_a_team_manager_sees_open_cases_by_stage_on_their_home_page(client, manager, someones_case):
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert '<th scope="row" class="govuk-table__header">Initial contact</th>' in page
