"""The Open Referral UK API: every response validates against the UK profile's schemas, lists page, filter and
sort as the standard says, bad input gets a JSON 400, any origin may call it, and queries stay constant."""

import datetime
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.models import (
    CostOption,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
)
from directory.tests.factories import ServiceFactory, TaxonomyTermFactory, district

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "data" / "oruk-schema"
API = "/directory/api"

# The profile's own page envelope, as its examples show it (the shipped schema set has none of its own).
PAGE_ENVELOPE = {
    "type": "object",
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
    "properties": {
        "total_items": {"type": "integer", "minimum": 0},
        "total_pages": {"type": "integer", "minimum": 0},
        "page_number": {"type": "integer", "minimum": 1},
        "size": {"type": "integer", "minimum": 1},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array"},
    },
}


def _registry() -> Registry:
    """Every shipped schema under its file URI, so any $ref between or within them resolves."""
    resources = [
        (
            path.as_uri(),
            Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
        )
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    """RFC 3339 as Python reads it (jsonschema's own check needs an extra package)."""
    return not isinstance(value, str) or datetime.datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    parsed = urlparse(value) if isinstance(value, str) else None
    return parsed is None or bool(parsed.scheme and parsed.netloc)


def validator(schema: str | dict) -> jsonschema.Draft202012Validator:
    """A validator for a shipped schema file by name, or for a schema given here."""
    if isinstance(schema, str):
        schema = {"$ref": (SCHEMA_DIR / schema).as_uri()}
    return jsonschema.Draft202012Validator(schema, registry=REGISTRY, format_checker=FORMATS)


def definition(name: str) -> dict:
    """One of the profile's record definitions (taxonomy, taxonomy_term, ...), which ship inside
    service_with_definitions.json rather than as files of their own."""
    return {"$ref": (SCHEMA_DIR / "service_with_definitions.json").as_uri() + f"#/definitions/{name}"}


def taxonomy_term_schema() -> dict:
    return definition("taxonomy_term")


def assert_valid(document, schema) -> None:
    errors = sorted(validator(schema).iter_errors(document), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def get_json(client, path, params=None, status=200):
    response = client.get(f"{API}{path}", params or {})
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def page_of(client, path, item_schema, params=None) -> dict:
    """A list endpoint's page, checked against the envelope and each item against `item_schema`."""
    page = get_json(client, path, params)
    assert_valid(page, PAGE_ENVELOPE)
    for item in page["contents"]:
        assert_valid(item, item_schema)
    return page


def names(page) -> list[str]:
    return [item["name"] for item in page["contents"]]


@pytest.fixture(autouse=True)
def districts():
    for outcode in ("NR1", "NR2", "NR18", "NR27"):
        district(outcode)


def fully_described(**kwargs) -> Service:
    """A service with one of everything the API nests: phone, hours, costs, area, place and categories."""
    service = ServiceFactory(
        at="NR1",
        categories=["lunch-clubs"],
        open_on=[Schedule.Weekday.TUESDAY],
        url="https://lakenham.example.org/lunch",
        email="lunch@lakenham.example.org",
        is_free=False,
        fees_description="£4 for a two-course lunch",
        **kwargs,
    )
    Phone.objects.create(service=service, number="01603 000000", description="Bookings")
    CostOption.objects.create(service=service, option="Per lunch", amount=Decimal("4.00"))
    ServiceArea.objects.create(service=service, service_area="Norwich")
    return service


# The root and the OpenAPI document


def test_the_root_says_which_version_and_profile_and_where_the_openapi_document_is(client):
    root = get_json(client, "/")
    assert root["version"] == "3.0"
    assert root["profile"] == "UK"
    assert root["openapi_url"] == "http://testserver/directory/api/openapi.json"


def test_the_openapi_document_names_this_server_and_every_reference_in_it_resolves(client):
    document = get_json(client, "/openapi.json")
    assert document["servers"] == [{"url": "http://testserver/directory/api"}]
    text = json.dumps(document)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        node = document
        for key in ref.removeprefix("#/").split("/"):
            node = node[key]  # a dangling $ref fails here


# Services


def test_the_services_list_is_a_page_of_services_by_name_each_valid_against_the_profile(client):
    ServiceFactory(name="Lakenham Lunch Club")
    ServiceFactory(name="Eaton Coffee Morning", at="NR2")
    ServiceFactory(name="Closed Club", status=Service.Status.DEFUNCT)
    ServiceFactory(name="Paused Club", status=Service.Status.TEMPORARILY_CLOSED)
    page = page_of(client, "/services", "service_list.json")
    assert names(page) == ["Eaton Coffee Morning", "Lakenham Lunch Club", "Paused Club"]
    assert page | {"contents": None} == {
        "total_items": 3,
        "total_pages": 1,
        "page_number": 1,
        "size": 50,
        "first_page": True,
        "last_page": True,
        "empty": False,
        "contents": None,
    }
    first = page["contents"][0]
    assert first["organization"]["name"].startswith("Wensum Valley Volunteers")
    assert first["status"] == "active"


def test_pages_count_from_one_and_per_page_is_capped_at_a_hundred(client):
    for letter in "ABCDE":
        ServiceFactory(name=f"{letter} club")
    second = page_of(client, "/services", "service_list.json", {"page": 2, "per_page": 2})
    assert names(second) == ["C club", "D club"]
    assert (second["total_pages"], second["first_page"], second["last_page"]) == (3, False, False)
    last = page_of(client, "/services", "service_list.json", {"page": 3, "per_page": 2})
    assert (names(last), last["last_page"]) == (["E club"], True)
    beyond = page_of(client, "/services", "service_list.json", {"page": 9, "per_page": 2})
    assert (beyond["contents"], beyond["empty"], beyond["page_number"]) == ([], True, 9)
    assert page_of(client, "/services", "service_list.json", {"per_page": 500})["size"] == 100


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "two"}, {"per_page": "-5"}])
def test_a_page_that_is_not_a_positive_whole_number_is_a_bad_request_with_a_message(client, params):
    error = get_json(client, "/services", params, status=400)
    assert error["status"] == 400
    assert "must be" in error["message"]


@pytest.mark.parametrize("parameter", ["text", "search"])
def test_a_keyword_finds_services_as_the_public_search_does(client, parameter):
    ServiceFactory(name="Lakenham Lunch Club")
    ServiceFactory(name="Eaton Coffee Morning", description="Tea and cake, and a lunch on Fridays")
    ServiceFactory(name="Wymondham Library")
    page = page_of(client, "/services", "service_list.json", {parameter: "lunch"})
    assert names(page) == ["Lakenham Lunch Club", "Eaton Coffee Morning"]


def test_a_taxonomy_term_finds_services_in_it_or_in_its_children(client):
    meals = TaxonomyTermFactory(code="meals")
    lunch_clubs = TaxonomyTermFactory(code="lunch-clubs")
    lunch_clubs.parent = meals
    lunch_clubs.save()
    ServiceFactory(name="Lakenham Lunch Club", categories=["lunch-clubs"])
    ServiceFactory(name="Meals on Wheels", categories=["meals"])
    ServiceFactory(name="Bluebell Home Care", categories=["home-care"])
    in_meals = page_of(client, "/services", "service_list.json", {"taxonomy_term_id": str(meals.uuid)})
    assert names(in_meals) == ["Lakenham Lunch Club", "Meals on Wheels"]
    in_lunch = page_of(client, "/services", "service_list.json", {"taxonomy_term_id": str(lunch_clubs.uuid)})
    assert names(in_lunch) == ["Lakenham Lunch Club"]
    error = get_json(client, "/services", {"taxonomy_term_id": "lunch-clubs"}, status=400)
    assert "taxonomy_term_id" in error["message"]


def test_services_near_a_postcode_come_nearest_first_and_proximity_in_metres_limits_them(client):
    ServiceFactory(name="A Wymondham club", at="NR18")  # about 9 miles from NR1
    ServiceFactory(name="B Lakenham club", at="NR1", at__north=2)
    ServiceFactory(name="C Norwich club", at="NR1")
    ServiceFactory(name="D Nowhere club")
    nearest = page_of(client, "/services", "service_list.json", {"postcode": "NR1 3QQ"})
    assert names(nearest) == ["C Norwich club", "B Lakenham club", "A Wymondham club"]
    within_5km = page_of(client, "/services", "service_list.json", {"postcode": "nr1", "proximity": "5000"})
    assert names(within_5km) == ["C Norwich club", "B Lakenham club"]


def test_one_service_comes_fully_nested_and_valid_against_the_profile(client):
    service = fully_described(name="Lakenham Lunch Club")
    record = get_json(client, f"/services/{service.uuid}")
    assert_valid(record, "service.json")
    assert record["id"] == str(service.uuid)
    assert record["fees"] == "£4 for a two-course lunch"
    assert record["organization"]["id"] == str(service.organization.uuid)
    assert record["phones"][0]["number"] == "01603 000000"
    assert record["cost_options"][0] | {"id": None} == {
        "id": None,
        "service_id": str(service.uuid),
        "option": "Per lunch",
        "amount": 4.0,
    }
    assert record["schedules"][0] | {"id": None, "description": None} == {
        "id": None,
        "description": None,
        "service_id": str(service.uuid),
        "freq": "WEEKLY",
        "interval": 1,
        "byday": "TU",
        "opens_at": "10:00",
        "closes_at": "12:00",
    }
    assert record["service_areas"][0]["service_area"] == "Norwich"
    (at_location,) = record["service_at_locations"]
    assert at_location["location"]["latitude"] == pytest.approx(52.62671)
    (address,) = at_location["location"]["addresses"]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "1 Church Lane",
        "Norwich",
        "NR1 1AA",
    )
    (attribute,) = record["attributes"]
    assert attribute["taxonomy_term"]["code"] == "lunch-clubs"
    assert attribute["taxonomy_term"]["taxonomy"] == "Test categories"


def test_derived_identifiers_stay_the_same_from_one_read_to_the_next(client):
    service = fully_described()
    first = get_json(client, f"/services/{service.uuid}")
    again = get_json(client, f"/services/{service.uuid}")
    assert first["attributes"][0]["id"] == again["attributes"][0]["id"]
    address = first["service_at_locations"][0]["location"]["addresses"][0]["id"]
    assert address == again["service_at_locations"][0]["location"]["addresses"][0]["id"]


@pytest.mark.parametrize("which", ["unknown", "closed", "not-a-uuid"])
def test_an_unknown_or_closed_service_is_a_json_not_found(client, which):
    closed = ServiceFactory(status=Service.Status.DEFUNCT)
    service_id = {
        "unknown": "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2",
        "closed": str(closed.uuid),
        "not-a-uuid": "lakenham-lunch-club",
    }[which]
    assert get_json(client, f"/services/{service_id}", status=404) == {"status": 404, "message": "Not found."}


def test_full_service_gives_the_list_fully_nested_each_valid_against_the_profile(client):
    fully_described(name="Lakenham Lunch Club")
    ServiceFactory(name="Eaton Coffee Morning")
    page = page_of(client, "/services", "service.json", {"full_service": "true"})
    assert names(page) == ["Eaton Coffee Morning", "Lakenham Lunch Club"]
    assert page["contents"][1]["phones"][0]["number"] == "01603 000000"


@pytest.mark.parametrize("full_service", ["false", "true"])
def test_a_page_of_fifty_services_takes_the_same_number_of_queries_for_5_or_60_services(client, full_service):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            page = get_json(client, "/services", {"per_page": 50, "full_service": full_service})
        assert page["contents"]
        return len(queries)

    for _ in range(5):
        fully_described()
    with_five = queries_for_page()
    for _ in range(55):
        fully_described()
    assert queries_for_page() == with_five


# Taxonomies


def test_taxonomies_and_their_terms_are_listed_a_page_at_a_time(client):
    meals = TaxonomyTermFactory(code="meals", description="Food and company")
    lunch_clubs = TaxonomyTermFactory(code="lunch-clubs")
    lunch_clubs.parent = meals
    lunch_clubs.save()
    Taxonomy.objects.create(name="Another vocabulary", version="2")
    taxonomies = page_of(client, "/taxonomies", definition("taxonomy"))
    assert names(taxonomies) == ["Another vocabulary", "Test categories"]
    assert taxonomies["contents"][0]["version"] == "2"
    terms = page_of(client, "/taxonomy_terms", taxonomy_term_schema())
    assert names(terms) == ["Lunch clubs", "Meals"]
    assert terms["contents"][0]["parent_id"] == str(meals.uuid)
    assert terms["contents"][1]["description"] == "Food and company"
    assert page_of(client, "/taxonomy_terms", taxonomy_term_schema(), {"per_page": 1})["total_pages"] == 2


# Services at locations


def test_services_at_locations_near_a_postcode_come_nearest_first_each_valid_against_the_profile(client):
    ServiceFactory(name="A Wymondham club", at="NR18")
    ServiceFactory(name="B Lakenham club", at="NR1", at__north=2)
    ServiceFactory(name="C Norwich club", at="NR1")
    ServiceFactory(name="D Closed club", at="NR1", status=Service.Status.DEFUNCT)
    unlocated = ServiceFactory(name="E Somewhere club")
    ServiceAtLocation.objects.create(service=unlocated, location=Location.objects.create(name="Unknown"))

    def services_at(page) -> list[str]:
        return [item["service"]["name"] for item in page["contents"]]

    everywhere = page_of(client, "/service_at_locations", "service_at_location_list.json")
    assert services_at(everywhere) == [
        "A Wymondham club",
        "B Lakenham club",
        "C Norwich club",
        "E Somewhere club",
    ]
    nearest = page_of(
        client, "/service_at_locations", "service_at_location_list.json", {"postcode": "NR1 3QQ"}
    )
    assert services_at(nearest) == ["C Norwich club", "B Lakenham club", "A Wymondham club"]
    within = page_of(
        client,
        "/service_at_locations",
        "service_at_location_list.json",
        {"postcode": "NR1 3QQ", "proximity": "1000"},
    )
    assert services_at(within) == ["C Norwich club"]
    assert within["contents"][0]["location"]["addresses"][0]["postal_code"] == "NR1 1AA"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"postcode": "not a postcode"}, "'not a postcode' is not a UK postcode"),
        ({"postcode": "ZE1 0AA"}, "We do not know where the postcode district ZE1 is"),
        ({"postcode": "NR1", "proximity": "far"}, "proximity must be a distance in metres"),
        ({"postcode": "NR1", "proximity": "0"}, "proximity must be a distance in metres greater than 0"),
        ({"proximity": "1000"}, "proximity needs a postcode"),
    ],
)
def test_a_bad_postcode_or_proximity_is_a_bad_request_saying_what_is_wrong(client, params, message):
    for path in ("/service_at_locations", "/services"):
        error = get_json(client, path, params, status=400)
        assert error["status"] == 400
        assert error["message"].startswith(message)


def test_services_at_locations_take_the_same_number_of_queries_for_5_or_60(client):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            get_json(client, "/service_at_locations", {"postcode": "NR1"})
        return len(queries)

    for _ in range(5):
        ServiceFactory(at="NR1")
    with_five = queries_for_page()
    for _ in range(55):
        ServiceFactory(at="NR2")
    assert queries_for_page() == with_five


# Any origin, GET only


def test_the_api_is_get_only_and_says_so_in_json_that_any_origin_may_read(client):
    response = client.post(f"{API}/services")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["status"] == 405


@pytest.mark.parametrize(
    "name",
    [
        "directory_api_root",
        "directory_api_openapi",
        "directory_api_services",
        "directory_api_organizations",
        "directory_api_taxonomies",
        "directory_api_taxonomy_terms",
        "directory_api_service_at_locations",
    ],
)
def test_every_api_url_is_public_json_that_any_origin_may_read(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()


# Whatever a caller sends, the answer is JSON: a page (perhaps empty) or a 400 saying what is wrong, never a 500

LIST_ENDPOINTS = ("/services", "/service_at_locations", "/organizations", "/taxonomies", "/taxonomy_terms")
PARAMETERS = (
    "text",
    "search",
    "page",
    "per_page",
    "taxonomy_term_id",
    "taxonomy_id",
    "parent_id",
    "top_only",
    "postcode",
    "proximity",
    "lat",
    "long",
    "day",
    "start_time",
    "end_time",
    "full_service",
)
AWKWARD_VALUES = (
    "lunch\x00club",
    "\x00",
    "x" * 5000,
    "lunch " * 400,
    "!!! ??? &&& ||| ::: ***",
    "'\"()<>;--",
    "Ὀδυσσεύς",
    "клуб обедов",
    "午餐俱乐部",
    "نادي الغداء",
    "🍲🍲",
    "-1",
    "0",
    "1e309",
    "nan",
    "-inf",
    "99999999999999999999999999",
    "9" * 5000,
    "1.5",
    "91",
    "-181",
    "\u200b",
    " ",
)


def assert_json_answer(response, path, params) -> None:
    assert response.status_code in (200, 400), (path, params, response.status_code)
    assert response["Content-Type"] == "application/json", (path, params)
    body = response.json()
    if response.status_code == 400:
        assert body["status"] == 400 and body["message"], (path, params)
    else:
        assert_valid(body, PAGE_ENVELOPE)


@pytest.mark.parametrize("value", AWKWARD_VALUES, ids=lambda value: repr(value)[:30])
def test_any_value_of_any_parameter_of_any_list_gets_a_page_or_a_json_bad_request(client, value):
    ServiceFactory(name="Lakenham Lunch Club", at="NR1")
    for path in LIST_ENDPOINTS:
        for name in PARAMETERS:
            params = {name: value}
            if name in ("proximity",):
                params["postcode"] = "NR1"
            if name in ("lat", "long"):
                params |= {"lat": "52.6", "long": "1.3"} | {name: value}
            assert_json_answer(client.get(f"{API}{path}", params), path, params)


anything = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=190, max_size=400),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers().map(str),
    st.sampled_from(AWKWARD_VALUES),
    st.uuids().map(str),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(LIST_ENDPOINTS), query=st.dictionaries(st.sampled_from(PARAMETERS), anything))
def test_any_combination_of_parameters_and_values_gets_a_page_or_a_json_bad_request(client, path, query):
    assert_json_answer(client.get(f"{API}{path}", query), path, query)


@pytest.mark.parametrize("value", ["lunch\x00club", "x" * 5000, "\x1b[31m"], ids=["nul", "long", "escape"])
def test_a_keyword_with_a_nul_byte_control_character_or_too_long_is_a_bad_request_saying_so(client, value):
    error = get_json(client, "/services", {"text": value}, status=400)
    assert error["message"].startswith("text ")


@pytest.mark.parametrize("value", ["!!! ??? &&&", "Ὀδυσσεύς", "клуб обедов", "午餐俱乐部"])
def test_a_keyword_of_only_punctuation_or_in_another_script_is_an_empty_page_or_what_it_finds(client, value):
    ServiceFactory(name="Lakenham Lunch Club")
    page = page_of(client, "/services", "service_list.json", {"text": value})
    assert page["contents"] == []


@pytest.mark.parametrize(
    "item",
    [
        "/services/\x00",
        "/services/" + "9" * 3000,
        "/organizations/\x00",
        "/taxonomies/%00",
        "/taxonomy_terms/x",
        "/service_at_locations/x",
    ],
)
def test_a_malformed_identifier_in_a_path_is_a_json_not_found(client, item):
    response = client.get(f"{API}{item}")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "message": "Not found."}


# Organisations


def test_organisations_are_listed_by_name_a_page_at_a_time_each_valid_against_the_profile(client):
    ServiceFactory(organization__name="Wymondham Good Neighbours")
    ServiceFactory(organization__name="Age Concern Norwich")
    page = page_of(client, "/organizations", "organization_list.json")
    assert names(page) == ["Age Concern Norwich", "Wymondham Good Neighbours"]
    assert page["contents"][0]["website"] == "https://wensum.example.org"
    found = page_of(client, "/organizations", "organization_list.json", {"text": "neighbours"})
    assert names(found) == ["Wymondham Good Neighbours"]


def test_one_organisation_comes_with_the_services_it_runs_fully_nested_and_valid_against_the_profile(client):
    lunch = fully_described(name="Lakenham Lunch Club")
    ServiceFactory(name="Closed Club", organization=lunch.organization, status=Service.Status.DEFUNCT)
    ServiceFactory(name="Eaton Coffee Morning", organization=lunch.organization)
    record = get_json(client, f"/organizations/{lunch.organization.uuid}")
    assert_valid(record, "organization.json")
    assert record["id"] == str(lunch.organization.uuid)
    assert names({"contents": record["services"]}) == ["Eaton Coffee Morning", "Lakenham Lunch Club"]
    assert record["services"][1]["phones"][0]["number"] == "01603 000000"
    assert (
        get_json(client, "/organizations/0bc248fa-dc27-4650-9ba4-8f1a24ef16a2", status=404)["status"] == 404
    )


# Taxonomies with their URIs, terms with their parents


def test_each_taxonomy_and_term_has_a_uri_that_answers_with_it(client):
    meals = TaxonomyTermFactory(code="meals")
    lunch_clubs = TaxonomyTermFactory(code="lunch-clubs")
    lunch_clubs.parent = meals
    lunch_clubs.save()
    (taxonomy,) = page_of(client, "/taxonomies", definition("taxonomy"))["contents"]
    assert taxonomy["uri"] == f"http://testserver{API}/taxonomies/{taxonomy['id']}"
    whole = get_json(client, urlparse(taxonomy["uri"]).path.removeprefix(API))
    assert_valid(whole, definition("taxonomy"))
    assert [term["name"] for term in whole["taxonomy_terms"]] == ["Lunch clubs", "Meals"]
    term = whole["taxonomy_terms"][0]
    assert term["parent_id"] == str(meals.uuid)
    assert term["term_uri"] == f"http://testserver{API}/taxonomy_terms/{lunch_clubs.uuid}"
    again = get_json(client, urlparse(term["term_uri"]).path.removeprefix(API))
    assert_valid(again, taxonomy_term_schema())
    assert again == term


def test_terms_can_be_narrowed_to_a_taxonomy_to_a_parents_children_or_to_the_top_level(client):
    meals = TaxonomyTermFactory(code="meals")
    lunch_clubs = TaxonomyTermFactory(code="lunch-clubs")
    lunch_clubs.parent = meals
    lunch_clubs.save()
    other = Taxonomy.objects.create(name="Another vocabulary")
    TaxonomyTermFactory(code="advice", taxonomy=other)

    def terms(params) -> list[str]:
        return names(page_of(client, "/taxonomy_terms", taxonomy_term_schema(), params))

    assert terms({"taxonomy_id": str(other.uuid)}) == ["Advice"]
    assert terms({"parent_id": str(meals.uuid)}) == ["Lunch clubs"]
    assert terms({"top_only": "true"}) == ["Advice", "Meals"]


def test_services_can_be_found_by_taxonomy_and_by_the_day_they_are_open(client):
    other = Taxonomy.objects.create(name="Another vocabulary")
    advice = ServiceFactory(name="Benefits Advice", open_on=[Schedule.Weekday.MONDAY])
    advice.terms.add(TaxonomyTermFactory(code="advice", taxonomy=other))
    ServiceFactory(name="Lakenham Lunch Club", categories=["lunch-clubs"], open_on=[Schedule.Weekday.TUESDAY])
    by_taxonomy = page_of(client, "/services", "service_list.json", {"taxonomy_id": str(other.uuid)})
    assert names(by_taxonomy) == ["Benefits Advice"]
    for day in ("TU", "tuesday"):
        assert names(page_of(client, "/services", "service_list.json", {"day": day})) == [
            "Lakenham Lunch Club"
        ]
    assert (
        "day must be a day of the week"
        in get_json(client, "/services", {"day": "Tue"}, status=400)["message"]
    )


# Distances in metres, from a postcode or a point


def test_services_at_locations_near_a_point_carry_their_distance_in_metres_nearest_first(client):
    ServiceFactory(name="A Wymondham club", at="NR18")
    ServiceFactory(name="B Lakenham club", at="NR1", at__north=2)
    ServiceFactory(name="C Norwich club", at="NR1")
    near_nr1 = {"lat": "52.62671", "long": "1.31012"}
    page = page_of(client, "/service_at_locations", "service_at_location_list.json", near_nr1)
    found = [(item["service"]["name"], item["distance"]) for item in page["contents"]]
    assert [name for name, _ in found] == ["C Norwich club", "B Lakenham club", "A Wymondham club"]
    assert found[0][1] == 0
    assert found[1][1] == pytest.approx(3219, abs=5)  # 2 miles
    assert 14_000 < found[2][1] < 15_500  # about 9 miles
    within = page_of(
        client, "/service_at_locations", "service_at_location_list.json", near_nr1 | {"proximity": "3500"}
    )
    assert [item["service"]["name"] for item in within["contents"]] == ["C Norwich club", "B Lakenham club"]
    services = page_of(client, "/services", "service_list.json", near_nr1 | {"proximity": "3500"})
    assert [item["distance"] for item in services["contents"]] == [0, pytest.approx(3219, abs=5)]
    assert "distance" not in page_of(client, "/services", "service_list.json")["contents"][0]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lat": "52.6"}, "lat and long go together"),
        ({"lat": "91", "long": "1"}, "lat must be between -90 and 90"),
        ({"lat": "52", "long": "east"}, "long must be a longitude in degrees"),
        ({"lat": "52", "long": "1", "postcode": "NR1"}, "Give a postcode, or lat and long, not both"),
    ],
)
def test_a_bad_point_is_a_bad_request_saying_what_is_wrong(client, params, message):
    for path in ("/service_at_locations", "/services"):
        assert get_json(client, path, params, status=400)["message"].startswith(message)


def test_services_at_locations_are_filtered_as_services_are(client):
    ServiceFactory(name="Lakenham Lunch Club", at="NR1", categories=["lunch-clubs"])
    ServiceFactory(name="Eaton Coffee Morning", at="NR2", open_on=[Schedule.Weekday.FRIDAY])
    term = TaxonomyTermFactory(code="lunch-clubs")

    def services_at(params) -> list[str]:
        page = page_of(client, "/service_at_locations", "service_at_location_list.json", params)
        return [item["service"]["name"] for item in page["contents"]]

    assert services_at({"search": "coffee"}) == ["Eaton Coffee Morning"]
    assert services_at({"taxonomy_term_id": str(term.uuid)}) == ["Lakenham Lunch Club"]
    assert services_at({"taxonomy_id": str(term.taxonomy.uuid)}) == ["Lakenham Lunch Club"]
    assert services_at({"day": "FR"}) == ["Eaton Coffee Morning"]


def test_one_service_at_a_location_comes_with_the_service_fully_nested_and_valid_against_the_profile(client):
    service = fully_described(name="Lakenham Lunch Club")
    sal = service.service_at_locations.get()
    record = get_json(client, f"/service_at_locations/{sal.uuid}")
    assert_valid(record, "service_at_location.json")
    assert record["service"]["phones"][0]["number"] == "01603 000000"
    assert record["location"]["addresses"][0]["postal_code"] == "NR1 1AA"


# Every endpoint the OpenAPI document lists, checked against the profile's own schemas


ITEM_SCHEMAS = {
    "/services": "service_list.json",
    "/organizations": "organization_list.json",
    "/taxonomies": definition("taxonomy"),
    "/taxonomy_terms": definition("taxonomy_term"),
    "/service_at_locations": "service_at_location_list.json",
}
RECORD_SCHEMAS = {
    "/services/{id}": "service.json",
    "/organizations/{id}": "organization.json",
    "/taxonomies/{id}": definition("taxonomy"),
    "/taxonomy_terms/{id}": definition("taxonomy_term"),
    "/service_at_locations/{id}": "service_at_location.json",
}


def test_every_endpoint_in_the_openapi_document_answers_as_the_profile_says(client):
    service = fully_described(name="Lakenham Lunch Club")
    ServiceFactory(name="Paused Club", at="NR2", status=Service.Status.TEMPORARILY_CLOSED)
    term = service.terms.get()
    ids = {
        "/services/{id}": service.uuid,
        "/organizations/{id}": service.organization.uuid,
        "/taxonomies/{id}": term.taxonomy.uuid,
        "/taxonomy_terms/{id}": term.uuid,
        "/service_at_locations/{id}": service.service_at_locations.get().uuid,
    }
    document = get_json(client, "/openapi.json")
    assert set(document["paths"]) == {"/"} | set(ITEM_SCHEMAS) | set(RECORD_SCHEMAS)
    for path, schema in ITEM_SCHEMAS.items():
        assert page_of(client, path, schema)["contents"], path
    for path, schema in RECORD_SCHEMAS.items():
        assert_valid(get_json(client, path.replace("{id}", str(ids[path]))), schema)
    near = {"postcode": "NR1", "proximity": "5000"}
    for path in ("/services", "/service_at_locations"):
        assert page_of(client, path, ITEM_SCHEMAS[path], near)["contents"][0]["distance"] == 0


def test_services_can_be_found_by_when_they_open_and_close(client):
    morning = ServiceFactory(name="Morning club", at="NR1")
    Schedule.objects.create(
        service=morning, weekday=2, opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    afternoon = ServiceFactory(name="Afternoon club", at="NR1")
    Schedule.objects.create(
        service=afternoon, weekday=3, opens_at=datetime.time(13), closes_at=datetime.time(16)
    )

    def found(path, params) -> list[str]:
        page = page_of(client, path, ITEM_SCHEMAS[path], params)
        return [item.get("name") or item["service"]["name"] for item in page["contents"]]

    for path in ("/services", "/service_at_locations"):
        assert found(path, {"start_time": "12:30"}) == ["Afternoon club"]
        assert found(path, {"end_time": "12:00:00"}) == ["Morning club"]
        assert found(path, {"start_time": "09:00", "end_time": "16:00", "day": "TU"}) == ["Morning club"]
    for value in ("9am", "25:00", "12:60"):
        error = get_json(client, "/services", {"start_time": value}, status=400)
        assert error["message"] == "start_time must be a time, like 09:30."


def test_an_organisation_takes_the_same_number_of_queries_for_2_or_20_services(client):
    first = fully_described()

    def queries_for_organisation() -> int:
        with CaptureQueriesContext(connection) as queries:
            get_json(client, f"/organizations/{first.organization.uuid}")
        return len(queries)

    fully_described(organization=first.organization)
    with_two = queries_for_organisation()
    for _ in range(18):
        fully_described(organization=first.organization)
    assert queries_for_organisation() == with_two
