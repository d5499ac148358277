"""A search near a postcode when many services match: page after page nearest first, only the nearest few hundred
counted (and the page says so), the same number of queries whatever the page; the API still counts them all."""

import math
import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import selectors
from directory.geo import EARTH_RADIUS_MILES, haversine_miles
from directory.models import Location, Service, ServiceAtLocation
from directory.tests.factories import OrganizationFactory, ServiceFactory, district

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


# A service a little north of another's distance east: the page is in true distance order, a degree of longitude
# being shorter than a degree of latitude, and loses nobody at its edges.

MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180


def place(name: str, *, north: float = 0, east: float = 0, on_the_map: bool = True):
    """A service `north` and `east` miles from NR1's centre (true miles), or at a place with no coordinates."""
    service = ServiceFactory(name=name)
    latitude = 52.62671 + north / MILES_PER_DEGREE
    longitude = 1.31012 + east / (MILES_PER_DEGREE * math.cos(math.radians(latitude)))
    location = Location.objects.create(
        name=name, latitude=latitude if on_the_map else None, longitude=longitude if on_the_map else None
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    return service


def test_a_service_just_north_comes_before_one_a_little_farther_east_on_the_next_page(client):
    place("North club", north=0.98)
    place("East club", east=1.0)
    at_the_centre = [f"Club {number:02d}" for number in range(19)]
    for name in at_the_centre:
        place(name)
    first = client.get(SEARCH, {"postcode": "NR1", "radius": "5"})
    second = client.get(SEARCH, {"postcode": "NR1", "radius": "5", "page": "2"})
    assert found(first) == [*at_the_centre, "North club"]
    assert found(second) == ["East club"]
    assert [service.distance for service in second.context["page"]] == [pytest.approx(1.0, abs=1e-6)]


def test_the_nearest_few_are_the_truly_nearest_when_there_are_more_than_it_shows(client, monkeypatch):
    monkeypatch.setattr(selectors, "NEAREST_LIMIT", 3)
    place("East club", east=1.0)
    place("North club", north=0.98)
    place("A centre club")
    place("B centre club")
    response = client.get(SEARCH, {"postcode": "NR1", "radius": "5"})
    assert found(response) == ["A centre club", "B centre club", "North club"]
    assert "More than 3 services found within 5 miles of NR1" in response.content.decode()


def test_a_service_in_many_nearby_places_is_listed_once_and_pushes_nobody_off_the_page(client):
    chain = ServiceFactory(name="Library service")
    for branch in range(30):
        branch_place = Location.objects.create(name=f"Branch {branch}", latitude=52.62671, longitude=1.31012)
        ServiceAtLocation.objects.create(service=chain, location=branch_place)
    at_the_centre, *further_out = club_every_tenth_of_a_mile(25)
    first = client.get(SEARCH, {"postcode": "NR1", "radius": "5"})
    second = client.get(SEARCH, {"postcode": "NR1", "radius": "5", "page": "2"})
    assert found(first) + found(second) == [at_the_centre, "Library service", *further_out]


def test_a_place_without_coordinates_is_never_near_a_postcode(client):
    place("Somewhere club", on_the_map=False)
    place("Norwich club")
    assert found(client.get(SEARCH, {"postcode": "NR1"})) == ["Norwich club"]


def test_a_page_is_found_by_walking_the_index_nearest_first_and_stopping_as_soon_as_it_can(client):
    """Two thousand places scattered over twenty miles round NR1: Postgres finds how far the first page reaches by
    walking the index nearest first (a KNN scan) and reads only the places that takes, of its own accord."""
    rng = random.Random(1)
    organisation = OrganizationFactory()
    services = Service.objects.bulk_create(ServiceFactory.build_batch(2000, organization=organisation))
    places = Location.objects.bulk_create(
        Location(
            name=service.name,
            latitude=52.62671 + rng.uniform(-0.15, 0.15),
            longitude=1.31012 + rng.uniform(-0.25, 0.25),
        )
        for service in services
    )
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=service, location=location)
        for service, location in zip(services, places, strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE directory_service, directory_location, directory_serviceatlocation")
    with CaptureQueriesContext(connection) as queries:
        assert len(found(client.get(SEARCH, {"postcode": "NR1", "radius": "5"}))) == 20
    [walk] = [
        query["sql"] for query in queries.captured_queries if 'ORDER BY ("directory_location"' in query["sql"]
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) {walk}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    [scan] = [line for line in plan.splitlines() if "Index Scan using location_on_earth" in line]
    assert "Order By: ((on_earth)::cube <->" in plan, plan
    assert float(re.search(r"rows=([0-9.]+)", scan)[1]) < 200, plan


@pytest.mark.parametrize("seed", range(3))
def test_services_scattered_anywhere_come_nearest_first_at_their_true_distance(client, seed):
    """Scattered at random round NR1, each at one place or two: every page is in haversine order, ties in name
    order, each service once at its nearest place, and nothing within the radius is missed."""
    rng = random.Random(seed)
    nearest = {}
    for number in range(60):
        service = ServiceFactory(name=f"Service {rng.randrange(1000):03d} {number:02d}")
        for _ in range(rng.choice((1, 1, 2))):
            latitude, longitude = 52.62671 + rng.uniform(-0.1, 0.1), 1.31012 + rng.uniform(-0.16, 0.16)
            location = Location.objects.create(name=service.name, latitude=latitude, longitude=longitude)
            ServiceAtLocation.objects.create(service=service, location=location)
            miles = haversine_miles(52.62671, 1.31012, latitude, longitude)
            nearest[service.name] = min(nearest.get(service.name, miles), miles)
    within = sorted((miles, name) for name, miles in nearest.items() if miles <= 5)
    first = client.get(SEARCH, {"postcode": "NR1", "radius": "5"})
    pages = range(2, first.context["page"].paginator.num_pages + 1)
    shown = [*first.context["page"]]
    for page in pages:
        shown += client.get(SEARCH, {"postcode": "NR1", "radius": "5", "page": page}).context["page"]
    assert [service.name for service in shown] == [name for _, name in within]
    assert [service.distance for service in shown] == [pytest.approx(miles, abs=1e-6) for miles, _ in within]
