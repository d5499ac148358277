"""A search near a postcode when many services match: page after page nearest first, only the nearest few hundred
counted (and the page says so), the same number of queries whatever the page; the API still counts them all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import selectors
from directory.tests.factories import ServiceFactory, district

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory_search")


@pytest.fixture(autouse=True)
def norwich():
    district("NR1")


def found(response) -> list[str]:
    assert response.status_code == 200
    return [service.name for service in response.context["page"]]


def club_every_tenth_of_a_mile(count: int) -> list[str]:
    """Clubs north of NR1's centre, one every tenth of a mile, named so that name order is not distance order."""
    names = [f"Club {chr(ord('Z') - number % 26)}{number:02d}" for number in range(count)]
    for number, name in enumerate(names):
        ServiceFactory(name=name, at="NR1", at__north=number / 10)
    return names


def test_page_after_page_carries_on_nearest_first_without_repeats(client):
    nearest_first = club_every_tenth_of_a_mile(25)
    first = client.get(SEARCH, {"postcode": "NR1", "radius": "5"})
    second = client.get(SEARCH, {"postcode": "NR1", "radius": "5", "page": "2"})
    assert found(first) + found(second) == nearest_first
    assert "25 services found within 5 miles of NR1" in first.content.decode()
    assert [service.distance_text for service in second.context["page"]][:2] == [
        "2 miles away",
        "2.1 miles away",
    ]


def test_services_the_same_distance_away_come_in_name_order(client):
    for name in ("Cedar club", "Ash club", "Birch club"):
        ServiceFactory(name=name, at="NR1")
    assert found(client.get(SEARCH, {"postcode": "NR1"})) == ["Ash club", "Birch club", "Cedar club"]


def test_when_more_match_than_it_shows_the_search_says_so_and_how_to_find_the_others(client, monkeypatch):
    monkeypatch.setattr(selectors, "NEAREST_LIMIT", 3)
    nearest_first = club_every_tenth_of_a_mile(5)
    response = client.get(SEARCH, {"postcode": "NR1", "radius": "5"})
    assert found(response) == nearest_first[:3]
    page = response.content.decode()
    assert "More than 3 services found within 5 miles of NR1" in page
    assert "We show the nearest 3. To find others, add a word to search for" in page
    assert response.context["page"].paginator.num_pages == 1


def test_when_no_more_match_than_it_shows_the_count_is_exact(client, monkeypatch):
    monkeypatch.setattr(selectors, "NEAREST_LIMIT", 3)
    club_every_tenth_of_a_mile(3)
    page = client.get(SEARCH, {"postcode": "NR1", "radius": "5"}).content.decode()
    assert "3 services found within 5 miles of NR1" in page
    assert "More than" not in page
    assert "We show the nearest" not in page


def test_a_later_page_takes_the_same_number_of_queries_as_the_first(client):
    club_every_tenth_of_a_mile(45)

    def queries_for(page):
        with CaptureQueriesContext(connection) as queries:
            assert len(found(client.get(SEARCH, {"postcode": "NR1", "radius": "5", "page": page}))) > 0
        return len(queries)

    assert queries_for("1") == queries_for("3")


def test_the_api_still_counts_every_service_near_a_postcode(client, monkeypatch):
    monkeypatch.setattr(selectors, "NEAREST_LIMIT", 3)
    club_every_tenth_of_a_mile(5)
    listed = client.get("/directory/api/services", {"postcode": "NR1", "proximity": "5000"}).json()
    assert listed["total_items"] == 5
    at_locations = client.get("/directory/api/service_at_locations", {"postcode": "NR1", "proximity": "5000"})
    assert at_locations.json()["total_items"] == 5
