"""Postcodes and distances, as pure functions."""

import datetime

import pytest

from directory.geo import (
    Radius,
    describe_distance,
    grid_to_osgb36,
    grid_to_wgs84,
    haversine_miles,
    normalise_postcode,
    outcode_of,
)
from directory.templatetags.directory_tags import clock


@pytest.mark.parametrize(
    ("typed", "outcode"),
    [
        ("NR1 3QQ", "NR1"),
        ("nr1 3qq", "NR1"),
        ("NR13QQ", "NR1"),
        (" NR18 0AB ", "NR18"),
        ("nr18", "NR18"),
        ("EC1A 1BB", "EC1A"),
        ("W1A 0AX", "W1A"),
        ("M1 1AE", "M1"),
        ("NR99", "NR99"),
    ],
)
def test_a_postcode_or_outward_code_is_reduced_to_its_outward_code(typed, outcode):
    assert outcode_of(typed) == outcode


@pytest.mark.parametrize("typed", ["", "Norwich", "12345", "NR1 3Q", "NR1 3QQQ", "N", "1NR 3QQ"])
def test_text_not_shaped_like_a_postcode_has_no_outward_code(typed):
    assert outcode_of(typed) is None


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("NR1 3QQ", "NR1 3QQ"),
        ("nr13qq", "NR1 3QQ"),
        ("  nr1   3qq ", "NR1 3QQ"),
        ("N R 1 3 Q Q", "NR1 3QQ"),
        ("nr18 0ab", "NR18 0AB"),
        ("ec1a1bb", "EC1A 1BB"),
        ("w1a 0ax", "W1A 0AX"),
        ("nr1", "NR1"),
        (" NR30 ", "NR30"),
    ],
)
def test_a_postcode_is_written_in_capitals_with_one_space_before_the_inward_code(typed, written):
    assert normalise_postcode(typed) == written


@pytest.mark.parametrize("typed", ["", "Norwich", "12345", "NR1 3Q", "NR1 3QQQ", "1NR 3QQ", "NR1-3QQ"])
def test_text_not_shaped_like_a_postcode_cannot_be_written_as_one(typed):
    assert normalise_postcode(typed) is None


def dms(degrees: int, minutes: int, seconds: float) -> float:
    return degrees + minutes / 60 + seconds / 3600


ONE_MILLIMETRE_IN_DEGREES = 1e-8  # about 1 mm of latitude


def test_the_ordnance_surveys_worked_example_grid_reference_is_placed_to_the_millimetre():
    # OS, "A guide to coordinate systems in Great Britain", Annex C: Caister water tower.
    latitude, longitude = grid_to_osgb36(651409.903, 313177.270)
    assert latitude == pytest.approx(dms(52, 39, 27.2531), abs=ONE_MILLIMETRE_IN_DEGREES)
    assert longitude == pytest.approx(dms(1, 43, 4.5177), abs=ONE_MILLIMETRE_IN_DEGREES * 2)


def test_the_epsg_transverse_mercator_example_is_placed_to_the_centimetre():
    # EPSG Guidance Note 7-2: 50°30'N 0°30'E on the National Grid is E 577274.99, N 69740.49.
    latitude, longitude = grid_to_osgb36(577274.99, 69740.49)
    assert (latitude, longitude) == pytest.approx((50.5, 0.5), abs=2e-7)


def test_a_grid_reference_is_converted_to_wgs84_by_the_published_helmert_transformation():
    # The same water tower on WGS84 by the OS's seven-parameter Helmert transformation, as published with
    # Chris Veness's widely used geodesy library: 52°39'28.723"N, 1°42'57.787"E. The true position (OSTN15)
    # is within about 5 m of this, which is what the Helmert transformation promises.
    latitude, longitude = grid_to_wgs84(651409.903, 313177.270)
    assert latitude == pytest.approx(dms(52, 39, 28.723), abs=0.001 / 3600)
    assert longitude == pytest.approx(dms(1, 42, 57.787), abs=0.001 / 3600)


def test_the_datum_shift_in_norfolk_moves_a_place_about_a_hundred_metres_north_west():
    # OSGB36 and WGS84 disagree by roughly 100 m in East Anglia: a conversion that skipped the datum shift
    # would put every postcode in the wrong street.
    osgb36 = grid_to_osgb36(623410, 308238)
    wgs84 = grid_to_wgs84(623410, 308238)
    assert 0.05 < haversine_miles(*osgb36, *wgs84) < 0.1
    assert wgs84[0] > osgb36[0]
    assert wgs84[1] < osgb36[1]


def test_the_distance_from_norwich_to_cromer_is_about_twenty_miles():
    assert haversine_miles(52.62671, 1.31012, 52.92467, 1.30157) == pytest.approx(20.6, abs=0.2)


def test_a_place_is_no_distance_from_itself():
    assert haversine_miles(52.6, 1.3, 52.6, 1.3) == 0


def test_london_to_edinburgh_is_about_330_miles():
    assert haversine_miles(51.5074, -0.1278, 55.9533, -3.1883) == pytest.approx(332, abs=3)


@pytest.mark.parametrize(
    ("miles", "words"),
    [
        (2.34, "2.3 miles away"),
        (1.0, "1 mile away"),
        (0.96, "1 mile away"),
        (10.04, "10 miles away"),
        (0.01, "Less than 0.1 miles away"),
        (0.3, "0.3 miles away"),
    ],
)
def test_distances_are_described_to_one_decimal_place(miles, words):
    assert describe_distance(miles) == words


@pytest.mark.parametrize(
    ("miles", "words"),
    [(1.0, "1.6 km away"), (0.6214, "1 km away"), (0.03, "Less than 0.1 km away"), (12.43, "20 km away")],
)
def test_distances_in_kilometres_are_described_to_one_decimal_place(miles, words):
    assert describe_distance(miles, unit="km") == words


@pytest.mark.parametrize(
    ("typed", "miles", "label"),
    [("2km", 1.2427, "2 km"), ("1mi", 1, "1 mile"), ("10", 10, "10 miles"), ("5mi", 5, "5 miles")],
)
def test_a_radius_is_read_in_miles_or_kilometres_a_bare_number_in_miles(typed, miles, label):
    radius = Radius.parse(typed)
    assert radius.miles == pytest.approx(miles, abs=1e-4)
    assert radius.label == label


@pytest.mark.parametrize("typed", ["", "km", "2 leagues", "-3mi", "0km", "\x00"])
def test_a_radius_that_is_not_a_distance_is_refused(typed):
    with pytest.raises(ValueError):
        Radius.parse(typed)


@pytest.mark.parametrize(
    ("time", "words"),
    [
        (datetime.time(9), "9am"),
        (datetime.time(17, 30), "5:30pm"),
        (datetime.time(12), "midday"),
        (datetime.time(0), "midnight"),
        (datetime.time(12, 15), "12:15pm"),
        (datetime.time(0, 30), "12:30am"),
    ],
)
def test_opening_times_are_written_the_gov_uk_way(time, words):
    assert clock(time) == words
