"""Postcodes offline: the shipped full postcodes, loading them, and finding where a typed postcode is."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from directory.data.build_nr_postcodes import postcode_rows
from directory.geo import haversine_miles, normalise_postcode
from directory.models import Location, Postcode, PostcodeDistrict, ServiceAtLocation
from directory.places import MalformedPostcode, Place, UnknownPostcode, find_place
from directory.services import NR_POSTCODES_FILE, OUTCODES_FILE, load_full_postcodes, load_postcodes
from directory.tests.factories import DISTRICTS, POSTCODES, ServiceFactory, district, full_postcode

SEARCH = reverse("directory_search")
API = "/directory/api"


def shipped_postcodes() -> list[dict[str, str]]:
    with open(NR_POSTCODES_FILE, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


# The shipped file


def test_the_shipped_file_has_every_geographic_nr_postcode_written_the_royal_mail_way():
    rows = shipped_postcodes()
    assert len(rows) > 24_000
    assert all(normalise_postcode(row["postcode"]) == row["postcode"] for row in rows)
    assert len({row["postcode"] for row in rows}) == len(rows)
    outcodes = {row["postcode"].split()[0] for row in rows}
    assert outcodes == {f"NR{number}" for number in range(1, 36)}  # NR99 is non-geographic: left out
    for postcode, (latitude, longitude) in POSTCODES.items():
        assert {"postcode": postcode, "latitude": str(latitude), "longitude": str(longitude)} in rows


def test_every_shipped_postcode_is_close_to_the_centre_of_its_district_in_the_older_outcode_file():
    # Two files from different years and converters agree: a wrong datum or a swapped easting would not.
    with open(OUTCODES_FILE, newline="", encoding="utf-8") as file:
        centres = {
            row["outcode"]: (float(row["latitude"]), float(row["longitude"])) for row in csv.DictReader(file)
        }
    by_district: dict[str, list[tuple[float, float]]] = {}
    for row in shipped_postcodes():
        by_district.setdefault(row["postcode"].split()[0], []).append(
            (float(row["latitude"]), float(row["longitude"]))
        )
    for outcode, points in by_district.items():
        if outcode not in centres:  # NR7 was created after the outcode file
            continue
        middle = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        assert haversine_miles(*middle, *centres[outcode]) < 0.5, outcode
        assert all(haversine_miles(*point, *centres[outcode]) < 15 for point in points), outcode


def test_the_build_script_converts_code_point_rows_as_shipped_and_skips_ones_without_a_real_place():
    # Rows as Code-Point Open, May 2025, has them (cut after the country code); the last has no coordinates.
    code_point = [
        ["NR1 3QQ", "10", "622852", "307913", "E92000001"],
        ["NR10 3AA", "10", "622909", "318768", "E92000001"],
        ["NR99 1AB", "10", "624068", "308352", "E92000001"],
        ["NR1 9ZZ", "90", "0", "0", "E92000001"],
    ]
    shipped = {
        row["postcode"]: (float(row["latitude"]), float(row["longitude"])) for row in shipped_postcodes()
    }
    assert list(postcode_rows(code_point)) == [
        ("NR1 3QQ", *shipped["NR1 3QQ"]),
        ("NR10 3AA", *shipped["NR10 3AA"]),
    ]


# Loading


@pytest.mark.django_db
def test_the_shipped_postcodes_load_with_their_source_and_fill_in_a_district_the_outcode_file_lacks():
    load_postcodes()
    loaded = load_full_postcodes()
    assert loaded == Postcode.objects.count() == len(shipped_postcodes())
    lakenham = Postcode.objects.get(postcode="NR1 3QQ")
    assert (lakenham.outcode, lakenham.latitude, lakenham.longitude) == ("NR1", 52.62321, 1.29103)
    assert "Code-Point Open" in lakenham.source
    thorpe = PostcodeDistrict.objects.get(outcode="NR7")
    assert "Centre of its 953 postcodes" in thorpe.source
    assert haversine_miles(thorpe.latitude, thorpe.longitude, *POSTCODES["NR7 0AA"]) < 1.5
    norwich = PostcodeDistrict.objects.get(outcode="NR1")
    assert (norwich.latitude, norwich.longitude) == (52.62671, 1.31012)  # the outcode file's own centre kept


@pytest.mark.django_db
def test_loading_postcodes_twice_changes_nothing_and_a_new_file_updates_in_place(tmp_path):
    district("NR1")
    first = tmp_path / "first.csv"
    first.write_text(
        "postcode,latitude,longitude\nnr13qq,52.62321,1.29103\nNR7 0AA,52.62636,1.34031\nNR1,1,1\n"
    )
    assert load_full_postcodes(path=first, source="first") == 2
    before = list(Postcode.objects.values_list("postcode", "outcode", "latitude", "longitude", "source"))
    districts_before = list(
        PostcodeDistrict.objects.values_list("outcode", "latitude", "longitude", "source")
    )
    assert load_full_postcodes(path=first, source="first") == 2
    assert (
        list(Postcode.objects.values_list("postcode", "outcode", "latitude", "longitude", "source")) == before
    )
    assert (
        list(PostcodeDistrict.objects.values_list("outcode", "latitude", "longitude", "source"))
        == districts_before
    )
    assert before == [
        ("NR1 3QQ", "NR1", 52.62321, 1.29103, "first"),
        ("NR7 0AA", "NR7", 52.62636, 1.34031, "first"),
    ]
    fuller = tmp_path / "fuller.csv"
    fuller.write_text("postcode,latitude,longitude\nNR1 3QQ,52.6233,1.2911\n")
    load_full_postcodes(path=fuller, source="fuller")
    assert Postcode.objects.get(postcode="NR1 3QQ").source == "fuller"
    assert Postcode.objects.count() == 2


@pytest.mark.django_db
def test_the_command_can_load_a_councils_own_postcode_file(tmp_path):
    own = tmp_path / "our-postcodes.csv"
    own.write_text("postcode,latitude,longitude\nNR1 3QQ,52.62321,1.29103\n")
    out = io.StringIO()
    call_command("load_postcodes", "--postcodes-file", own, "--postcodes-source", "ONS, May 2026", stdout=out)
    assert "Loaded 1 full postcodes from our-postcodes.csv (ONS, May 2026)" in out.getvalue()
    assert Postcode.objects.get().source == "ONS, May 2026"
    assert PostcodeDistrict.objects.count() == 2848


# Finding a place


@pytest.fixture
def norwich(db):
    for outcode in DISTRICTS:
        district(outcode)
    for postcode in POSTCODES:
        full_postcode(postcode)


@pytest.mark.parametrize("typed", ["NR1 3QQ", "nr13qq", " nr1 3qq "])
def test_a_full_postcode_we_hold_is_placed_at_its_own_coordinates(norwich, typed, django_assert_num_queries):
    with django_assert_num_queries(1):
        place = find_place(typed)
    assert place == Place(label="NR1 3QQ", outcode="NR1", latitude=52.62321, longitude=1.29103, precise=True)


def test_a_full_postcode_we_do_not_hold_is_placed_at_its_districts_centre(norwich, django_assert_num_queries):
    with django_assert_num_queries(1):
        place = find_place("nr18 9zz")
    assert place == Place(
        label="NR18 9ZZ", outcode="NR18", latitude=52.57095, longitude=1.11105, precise=False
    )


def test_an_outward_code_alone_is_placed_at_its_districts_centre(norwich, django_assert_num_queries):
    with django_assert_num_queries(1):
        place = find_place("nr1")
    assert place == Place(label="NR1", outcode="NR1", latitude=52.62671, longitude=1.31012, precise=False)


def test_a_full_postcode_we_hold_is_found_even_when_its_district_is_not(norwich):
    assert not PostcodeDistrict.objects.filter(outcode="NR7").exists()
    assert find_place("NR7 0AA").precise


@pytest.mark.parametrize("typed", ["", "Norwich", "NR1 3Q", "NR1 3QQQ", "12345"])
def test_text_that_is_not_a_postcode_is_malformed(norwich, typed):
    with pytest.raises(MalformedPostcode):
        find_place(typed)


@pytest.mark.parametrize("typed", ["NR99 1AA", "nr99", "ZE1 0AA"])
def test_a_postcode_in_a_district_we_do_not_know_is_unknown_and_says_which_district(norwich, typed):
    with pytest.raises(UnknownPostcode) as raised:
        find_place(typed)
    assert raised.value.outcode == normalise_postcode(typed).split()[0]


# Searching near a full postcode


def service_at(name: str, latitude: float, longitude: float):
    service = ServiceFactory(name=name)
    location = Location.objects.create(name=name, latitude=latitude, longitude=longitude)
    ServiceAtLocation.objects.create(service=service, location=location)
    return service


@pytest.fixture
def clubs(norwich):
    service_at("Lakenham club", *POSTCODES["NR1 2NY"])  # in the street NR1 2NY names
    service_at("City centre club", *DISTRICTS["NR1"][:2])  # at NR1's centre, about 2 miles north


def found(response) -> list[str]:
    assert response.status_code == 200
    return [service.name for service in response.context["page"]]


def test_a_search_near_a_full_postcode_measures_from_that_postcode_not_its_district(client, clubs):
    from_street = client.get(SEARCH, {"postcode": "nr1 2ny", "radius": "5"})
    assert found(from_street) == ["Lakenham club", "City centre club"]
    distances = [service.distance_text for service in from_street.context["page"]]
    assert distances == ["Less than 0.1 miles away", "2 miles away"]
    assert from_street.context["search"].near.label == "NR1 2NY"

    from_district = client.get(SEARCH, {"postcode": "NR1", "radius": "5"})
    assert found(from_district) == ["City centre club", "Lakenham club"]


def test_a_small_radius_around_a_full_postcode_reaches_only_what_is_near_that_street(client, clubs):
    assert found(client.get(SEARCH, {"postcode": "NR1 2NY", "radius": "1"})) == ["Lakenham club"]
    assert found(client.get(SEARCH, {"postcode": "NR1", "radius": "1"})) == ["City centre club"]


def test_a_full_postcode_we_do_not_hold_searches_from_its_district(client, clubs):
    assert found(client.get(SEARCH, {"postcode": "NR1 9ZZ", "radius": "1"})) == ["City centre club"]


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("NR1 2N", "Enter a real postcode, like NR1 3QQ"),
        ("NR99 1AB", "We do not know the postcode area NR99"),
    ],
)
def test_a_bad_postcode_keeps_its_gov_uk_message(client, clubs, postcode, message):
    response = client.get(SEARCH, {"postcode": postcode})
    assert message in response.content.decode()


def test_the_api_measures_from_a_full_postcode_too(client, clubs):
    def names(params):
        response = client.get(f"{API}/services", params)
        assert response.status_code == 200
        return [service["name"] for service in response.json()["contents"]]

    assert names({"postcode": "NR1 2NY"}) == ["Lakenham club", "City centre club"]
    assert names({"postcode": "NR1"}) == ["City centre club", "Lakenham club"]
    assert names({"postcode": "nr12ny", "proximity": "1000"}) == ["Lakenham club"]
    assert names({"postcode": "NR1", "proximity": "1000"}) == ["City centre club"]


def test_the_api_says_which_district_it_does_not_know(client, clubs):
    response = client.get(f"{API}/services", {"postcode": "NR99 1AB"})
    assert response.status_code == 400
    assert "We do not know where the postcode district NR99 is" in response.json()["message"]
