"""The public search: keyword, category, near a postcode, cost and day; bad input; a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Location, Service, ServiceAtLocation
from directory.tests.factories import ServiceFactory, district

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory_search")


@pytest.fixture(autouse=True)
def districts():
    for outcode in ("NR1", "NR2", "NR18", "NR27"):
        district(outcode)


def found(response) -> list[str]:
    assert response.status_code == 200
    return [service.name for service in response.context["page"]]


def test_anyone_can_search_without_signing_in(client):
    ServiceFactory(name="Lakenham Lunch Club")
    response = client.get(SEARCH)
    assert found(response) == ["Lakenham Lunch Club"]
    page = response.content.decode()
    assert "Find local services" in page
    # A GET form: a token in it would leak into every shared link (the add-to-list buttons are POST forms).
    search_form = re.search(r'<form method="get".*?</form>', page, re.DOTALL)[0]
    assert "csrfmiddlewaretoken" not in search_form


def test_a_keyword_finds_services_by_name_description_or_organisation(client):
    ServiceFactory(name="Lakenham Lunch Club")
    ServiceFactory(name="Eaton Coffee Morning", description="Tea and cake, and a lunch on Fridays")
    ServiceFactory(name="Kingfisher Care at Home", organization__name="Kingfisher Lunches Ltd")
    ServiceFactory(name="Wymondham Library")
    assert sorted(found(client.get(SEARCH, {"q": "lunch"}))) == [
        "Eaton Coffee Morning",
        "Kingfisher Care at Home",
        "Lakenham Lunch Club",
    ]


def test_services_whose_name_matches_come_before_those_whose_description_does(client):
    ServiceFactory(name="Eaton Coffee Morning", description="Tea and cake, and a lunch on Fridays")
    ServiceFactory(name="Lakenham Lunch Club")
    assert found(client.get(SEARCH, {"q": "lunch"})) == ["Lakenham Lunch Club", "Eaton Coffee Morning"]


def test_a_category_finds_only_services_in_it(client):
    ServiceFactory(name="Lakenham Lunch Club", categories=["lunch-clubs"])
    ServiceFactory(name="Bluebell Home Care", categories=["home-care"])
    ServiceFactory(name="Both", categories=["home-care", "lunch-clubs"])
    assert found(client.get(SEARCH, {"category": "lunch-clubs"})) == ["Both", "Lakenham Lunch Club"]
    assert found(client.get(SEARCH, {"category": ["lunch-clubs", "home-care"]})) == [
        "Bluebell Home Care",
        "Both",
        "Lakenham Lunch Club",
    ]


def test_near_a_postcode_finds_services_within_the_radius_nearest_first_with_the_distance(client):
    ServiceFactory(name="A Wymondham club", at="NR18")
    ServiceFactory(name="B Lakenham club", at="NR1", at__north=2)
    ServiceFactory(name="C Norwich club", at="NR1")
    ServiceFactory(name="D Cromer club", at="NR27")
    ServiceFactory(name="E Nowhere club")
    response = client.get(SEARCH, {"postcode": "nr1 3qq", "radius": "10"})
    assert found(response) == ["C Norwich club", "B Lakenham club", "A Wymondham club"]
    page = response.content.decode()
    assert "Less than 0.1 miles away" in page
    assert "2 miles away" in page
    assert "3 services found within 10 miles of NR1" in page
    assert "Distances are approximate" in page


def test_a_service_in_several_places_is_listed_once_at_its_nearest_place(client):
    service = ServiceFactory(name="Broadland Dial-a-Ride", at="NR27")
    ServiceAtLocation.objects.create(
        service=service,
        location=Location.objects.create(name="Norwich depot", latitude=52.62671, longitude=1.31012),
    )
    ServiceFactory(name="Another club", at="NR1", at__north=1)
    response = client.get(SEARCH, {"postcode": "NR1", "radius": "25"})
    assert found(response) == ["Broadland Dial-a-Ride", "Another club"]
    assert "Less than 0.1 miles away" in response.content.decode()


def test_a_bigger_radius_reaches_further(client):
    ServiceFactory(name="Norwich club", at="NR1")
    ServiceFactory(name="Cromer club", at="NR27")
    assert found(client.get(SEARCH, {"postcode": "NR1", "radius": "3"})) == ["Norwich club"]
    assert found(client.get(SEARCH, {"postcode": "NR1", "radius": "25"})) == ["Norwich club", "Cromer club"]


def test_a_postcode_without_a_radius_searches_five_miles(client):
    ServiceFactory(name="Lakenham club", at="NR1", at__north=4)
    ServiceFactory(name="Far club", at="NR1", at__north=6)
    assert found(client.get(SEARCH, {"postcode": "NR1 3QQ"})) == ["Lakenham club"]


def test_a_link_without_a_radius_shows_the_five_miles_it_searched(client):
    """Otherwise "Within" shows 1 mile, and pressing Search again would quietly narrow the search."""
    page = client.get(SEARCH, {"postcode": "NR1 3QQ"}).content.decode()
    select = re.search(r'<select[^>]*name="radius".*?</select>', page, re.DOTALL)[0]
    assert re.findall(r'<option value="(\w+)"[^>]*selected', select) == ["5mi"]
    assert "within 5 miles" in page


def test_free_and_paid_services_can_be_told_apart(client):
    ServiceFactory(name="Free club", is_free=True)
    ServiceFactory(name="Paid care", is_free=False)
    assert found(client.get(SEARCH, {"cost": "free"})) == ["Free club"]
    assert found(client.get(SEARCH, {"cost": "paid"})) == ["Paid care"]
    assert found(client.get(SEARCH, {"cost": ""})) == ["Free club", "Paid care"]


def test_a_day_finds_services_open_that_day(client):
    ServiceFactory(name="Tuesday club", open_on=[2])
    ServiceFactory(name="Weekday club", open_on=[1, 2, 3, 4, 5])
    ServiceFactory(name="Saturday club", open_on=[6])
    assert found(client.get(SEARCH, {"day": "2"})) == ["Tuesday club", "Weekday club"]
    assert found(client.get(SEARCH, {"day": "6"})) == ["Saturday club"]


def test_filters_combine(client):
    ServiceFactory(name="Right one", at="NR1", categories=["lunch-clubs"], open_on=[2], is_free=True)
    ServiceFactory(name="Wrong day", at="NR1", categories=["lunch-clubs"], open_on=[3], is_free=True)
    ServiceFactory(name="Too far", at="NR27", categories=["lunch-clubs"], open_on=[2], is_free=True)
    ServiceFactory(name="Paid", at="NR1", categories=["lunch-clubs"], open_on=[2], is_free=False)
    response = client.get(
        SEARCH,
        {
            "q": "friendly",
            "category": "lunch-clubs",
            "postcode": "NR1",
            "radius": "5",
            "cost": "free",
            "day": "2",
        },
    )
    assert found(response) == ["Right one"]


def test_only_running_services_are_listed_unless_people_ask_for_the_others_too(client):
    ServiceFactory(name="Open club")
    ServiceFactory(name="Paused club", status=Service.Status.TEMPORARILY_CLOSED)
    ServiceFactory(name="Resting club", status=Service.Status.INACTIVE)
    ServiceFactory(name="Gone club", status=Service.Status.DEFUNCT)
    assert found(client.get(SEARCH)) == ["Open club"]
    response = client.get(SEARCH, {"include_not_running": "on"})
    assert found(response) == ["Open club", "Paused club", "Resting club"]
    page = response.content.decode()
    assert "Temporarily closed" in page and "Not running at the moment" in page
    assert re.search(r'<input[^>]*name="include_not_running"[^>]*checked', page)


def test_asking_for_services_not_running_is_kept_in_the_page_links_and_the_list_buttons(client):
    for number in range(25):
        ServiceFactory(name=f"Club {number:02d}", status=Service.Status.INACTIVE)
    page = client.get(SEARCH, {"include_not_running": "on"}).content.decode()
    assert 'href="?include_not_running=on&amp;page=2"' in page
    assert 'name="next" value="/directory/?include_not_running=on"' in page


def test_the_search_the_service_page_and_the_api_agree_which_services_are_running(client):
    for status in (Service.Status.ACTIVE, Service.Status.INACTIVE, Service.Status.TEMPORARILY_CLOSED):
        service = ServiceFactory(name=f"{status.label} club", status=status)
        listed = service.name in found(client.get(SEARCH))
        warned = "Contact them before you go" in client.get(service.get_absolute_url()).content.decode()
        api_status = client.get(f"/directory/api/services/{service.uuid}").json()["status"]
        assert service.is_running == listed == (not warned) == (api_status == "active"), status


def test_distances_can_be_chosen_in_kilometres_down_to_two_and_results_say_how_far_in_them(client):
    ServiceFactory(name="A Norwich club", at="NR1", at__north=1)  # 1.6 km
    ServiceFactory(name="B Lakenham club", at="NR1", at__north=2)  # 3.2 km
    response = client.get(SEARCH, {"postcode": "NR1", "radius": "2km"})
    assert found(response) == ["A Norwich club"]
    page = response.content.decode()
    assert "1.6 km away" in page
    assert "1 service found within 2 km of NR1" in page
    response = client.get(SEARCH, {"postcode": "NR1", "radius": "5km"})
    assert found(response) == ["A Norwich club", "B Lakenham club"]
    assert "3.2 km away" in response.content.decode()
    assert "1 mile away" in client.get(SEARCH, {"postcode": "NR1", "radius": "3mi"}).content.decode()


def test_the_distance_list_offers_miles_and_kilometres(client):
    page = client.get(SEARCH).content.decode()
    select = re.search(r'<select[^>]*name="radius".*?</select>', page, re.DOTALL)[0]
    assert re.findall(r'<optgroup label="([^"]+)"', select) == ["Miles", "Kilometres"]
    assert re.findall(r'<option value="(\w+)"', select) == [
        "1mi",
        "3mi",
        "5mi",
        "10mi",
        "25mi",
        "2km",
        "5km",
        "10km",
        "20km",
        "40km",
    ]


def test_an_older_link_with_a_distance_as_a_bare_number_searches_that_many_miles(client):
    ServiceFactory(name="Lakenham club", at="NR1", at__north=8)
    page = client.get(SEARCH, {"postcode": "NR1", "radius": "10"}).content.decode()
    assert "1 service found within 10 miles of NR1" in page
    select = re.search(r'<select[^>]*name="radius".*?</select>', page, re.DOTALL)[0]
    assert re.findall(r'<option value="(\w+)"[^>]*selected', select) == ["10mi"]


def test_nothing_found_says_what_to_try(client):
    ServiceFactory(name="Norwich club", at="NR1")
    response = client.get(SEARCH, {"q": "zither", "postcode": "NR1"})
    page = response.content.decode()
    assert "0 services found" in page
    assert "check the spelling" in page
    assert "search a bigger distance from NR1" in page
    assert "include services not running at the moment" in page


def test_results_come_twenty_to_a_page_with_the_search_kept_in_the_links(client):
    for number in range(45):
        ServiceFactory(name=f"Club {number:02d}", is_free=True)
    response = client.get(SEARCH, {"cost": "free", "page": "3"})
    assert found(response) == [f"Club {number}" for number in range(40, 45)]
    assert 'href="?cost=free&amp;page=2"' in response.content.decode()


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("Norwich", "Enter a real postcode, like NR1 3QQ"),
        ("NR1 3Q", "Enter a real postcode, like NR1 3QQ"),
        ("NR99 1AA", "We do not know the postcode area NR99"),
    ],
)
def test_a_bad_postcode_is_explained_beside_the_field_and_in_the_summary(client, postcode, message):
    ServiceFactory(name="Norwich club", at="NR1")
    response = client.get(SEARCH, {"q": "club", "postcode": postcode, "radius": "10"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Find local services" in page
    assert "govuk-error-summary" in page
    assert f'<a href="#id_postcode">{message}</a>' in page
    assert re.search(
        r'id="id_postcode_\d+_error"[^>]*>\s*<span class="govuk-visually-hidden">Error:</span>\s*' + message,
        page,
    )
    assert f'value="{postcode}"' in page  # what they typed is kept
    assert 'value="club"' in page
    assert "page" not in response.context


@pytest.mark.parametrize(
    "query",
    [
        {"radius": "7"},
        {"day": "9"},
        {"day": "Tuesday"},
        {"cost": "cheap"},
        {"category": "no-such-thing"},
        {"page": "many"},
        {"q": "x" * 500},
        {"q": "'\"):*&|!"},
        {"postcode": "\x00"},
    ],
)
def test_bad_input_never_breaks_the_page(client, query):
    response = client.get(SEARCH, query)
    assert response.status_code == 200


# The category choices, the count, the page of services, their categories, the council's settings; near a
# postcode also the postcode, and the page is found as ids and distances first, then loaded whole.
QUERIES_PER_SEARCH = 5
QUERIES_PER_SEARCH_NEAR_A_POSTCODE = 7


@pytest.mark.parametrize("services", [10, 100])
@pytest.mark.parametrize(
    "query",
    [
        {"q": "friendly", "category": "lunch-clubs", "postcode": "NR1", "radius": "5", "day": "2"},
        {"postcode": "NR1 3QQ"},
        {"q": "friendly", "cost": "free"},
    ],
)
def test_a_search_takes_the_same_number_of_queries_however_many_services_there_are(client, services, query):
    for number in range(services):
        ServiceFactory(name=f"Friendly club {number}", at="NR1", categories=["lunch-clubs"], open_on=[2])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, query)
    assert len(found(response)) == min(services, 20)
    assert len(queries) == (QUERIES_PER_SEARCH_NEAR_A_POSTCODE if "postcode" in query else QUERIES_PER_SEARCH)
