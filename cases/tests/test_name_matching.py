"""Reading the search box and matching names as they are heard: plain functions, no database."""

import datetime

import pytest

from cases.name_matching import fold, read_query, reasons

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("ZOE", "zoe"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Smith-Jones", "smith jones"),
        ("  Anne  Marie ", "anne marie"),
        ("Strauß", "strauss"),
        ("Zoe\u0308", "zoë"),
    ],
)
def test_search_words_are_split_without_case_or_apostrophes_and_accents_left_to_postgres(typed, folded):
    assert fold(typed) == folded


def test_why_a_name_matched_reads_plainly_closest_first():
    assert reasons({"smyth": 2.5}) == ["name sounding like ‘smyth’"]
    assert reasons({"john": 4, "smith": 4}) == ["name"]
    assert reasons({"margret": 2.6, "elis": 2.7}) == ["name sounding like ‘margret elis’"]
    assert reasons({"smtih": 1.2, "jo": 3.4}) == ["name starting ‘jo’", "name spelt like ‘smtih’"]


@pytest.mark.parametrize(
    "typed",
    [
        "27/3/1948",
        "27-03-1948",
        "27 3 1948",
        "27.03.1948",
        "27 March 1948",
        "27th Mar 1948",
        "1948-03-27",
        "27/3/48",
    ],
)
def test_a_date_of_birth_is_read_in_the_ways_people_write_it(typed):
    terms = read_query(typed, TODAY)
    assert terms.born == datetime.date(1948, 3, 27)
    assert terms.words == ()


def test_a_two_digit_year_is_in_the_past():
    assert read_query("1/2/05", TODAY).born == datetime.date(2005, 2, 1)
    assert read_query("1/2/30", TODAY).born == datetime.date(1930, 2, 1)


def test_a_name_with_a_date_of_birth_or_postcode_reads_as_both():
    assert read_query("ellis 27/3/1948", TODAY).words == ("ellis",)
    assert read_query("ellis 27/3/1948", TODAY).born == datetime.date(1948, 3, 27)
    with_district = read_query("ellis NR1", TODAY)
    assert (with_district.words, with_district.postcode, with_district.postcode_is_full) == (
        ("ellis",),
        "NR1",
        False,
    )
    full = read_query("Margaret Ellis nr13qq", TODAY)
    assert (full.words, full.postcode, full.postcode_is_full) == (("margaret", "ellis"), "NR1 3QQ", True)
    assert read_query("ellis 1948", TODAY).born_in == 1948


def test_case_references_and_nhs_numbers_are_recognised_whole():
    assert read_query("FD000123", TODAY).case_id == 123
    assert read_query("fd 123", TODAY).case_id == 123
    assert read_query("943 476 5919", TODAY).nhs_number == "9434765919"


def test_a_date_that_does_not_exist_is_not_guessed_at():
    terms = read_query("ellis 31/2/1950", TODAY)
    assert terms.born is None
    assert terms.unreadable == ("31/2/1950",)


def test_what_was_looked_for_is_described():
    terms = read_query("Ellis 27 March 1948 NR1", TODAY)
    assert terms.described() == ["name ‘ellis’", "born 27 March 1948", "postcode NR1…"]
