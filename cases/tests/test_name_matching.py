"""Reading the search box and matching names as they are heard: plain functions, no database."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases.name_matching import (
    fold,
    match_word,
    name_keys,
    person_parts,
    rank_name,
    read_query,
    reasons,
    similar_names,
    word_query,
)

TODAY = datetime.date(2026, 11, 23)


def stored(given_name: str, family_name: str, preferred_name: str = "") -> set[str]:
    return {lexeme.strip("'") for lexeme in name_keys(given_name, family_name, preferred_name).split()}


def finds(word: str, lexemes: set[str]) -> bool:
    """What Postgres does with one word's tsquery: any alternative present, `:*` matching a lexeme's start."""
    for alternative in word_query(word).strip("()").split(" | "):
        lexeme = alternative.strip("'").removesuffix("':*")
        if alternative.endswith(":*"):
            if any(each.startswith(lexeme) for each in lexemes):
                return True
        elif lexeme in lexemes:
            return True
    return False


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Zoë", "zoe"),
        ("ZOE", "zoe"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Smith-Jones", "smith jones"),
        ("  Anne  Marie ", "anne marie"),
        ("Strauß", "strauss"),
        ("Søren Łukasz", "soren lukasz"),
    ],
)
def test_names_are_compared_without_case_accents_or_apostrophes(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("margret", ("Margaret", "Ellis")),
        ("elis", ("Margaret", "Ellis")),
        ("smyth", ("John", "Smith")),
        ("smtih", ("John", "Smith")),  # two letters swapped
        ("smiths", ("John", "Smith")),  # one letter extra
        ("jon", ("John", "Smith")),
        ("jon", ("Jonathan", "Smith")),
        ("marg", ("Margaret", "Ellis")),
        ("obrien", ("Sean", "O'Brien")),
        ("brien", ("Sean", "O'Brien")),
        ("zoe", ("Zoë", "Smith-Jones")),
        ("jones", ("Zoë", "Smith-Jones")),
        ("smithjones", ("Zoë", "Smith-Jones")),
        ("maggie", ("Margaret", "Ellis", "Maggie")),
    ],
)
def test_a_word_typed_finds_the_name_it_was_meant_for(typed, name):
    assert finds(typed, stored(*name))
    assert rank_name([typed], *name) is not None


@pytest.mark.parametrize(
    ("typed", "name"),
    [("smith", ("Mary", "Jones")), ("ellis", ("Margaret", "Baker")), ("jon", ("Mary", "Smith"))],
)
def test_a_word_does_not_find_unrelated_names(typed, name):
    assert not finds(typed, stored(*name))
    assert rank_name([typed], *name) is None


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=12)


@given(names, st.data())
def test_any_one_slip_of_the_keyboard_still_finds_the_name(name, data):
    at = data.draw(st.integers(min_value=0, max_value=len(name) - 2))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    typo = data.draw(
        st.sampled_from(
            [
                name[:at] + name[at + 1 :],  # a letter missed
                name[:at] + letter + name[at:],  # a letter extra
                name[:at] + letter + name[at + 1 :],  # a letter wrong
                name[:at] + name[at + 1] + name[at] + name[at + 2 :],  # two letters swapped
            ]
        )
    )
    assert finds(typo, stored("Mary", name))
    assert rank_name([typo], "Mary", name) is not None


def test_exact_names_rank_above_the_start_of_a_name_above_sound_alikes_above_spelling():
    parts = ["jon"]
    exact = match_word("jon", parts)
    start = match_word("jon", ["jonathan"])
    sound = match_word("jon", ["john"])
    spelling = match_word("smtih", ["smith"])
    assert (exact.kind, start.kind, sound.kind, spelling.kind) == ("exact", "start", "sound", "spelling")
    assert exact.score > start.score > sound.score > spelling.score


def test_first_and_last_names_can_be_given_in_either_order():
    assert rank_name(["ellis", "margaret"], "Margaret", "Ellis") is not None
    assert [match.kind for match in rank_name(["elis", "margret"], "Margaret", "Ellis")] == ["sound", "sound"]


def test_why_a_name_matched_reads_plainly_closest_first():
    assert reasons(rank_name(["smyth"], "John", "Smith")) == ["name sounding like ‘smyth’"]
    assert reasons(rank_name(["john", "smith"], "John", "Smith")) == ["name"]
    assert reasons(rank_name(["margret", "elis"], "Margaret", "Ellis")) == [
        "name sounding like ‘margret elis’"
    ]
    assert reasons(rank_name(["smtih", "jo"], "John", "Smith")) == [
        "name starting ‘jo’",
        "name spelt like ‘smtih’",
    ]


def test_a_persons_name_parts_include_each_part_and_the_whole():
    assert person_parts("Zoë", "Smith-Jones") == ["zoe", "smith", "jones", "smithjones"]
    assert person_parts("Sean", "O'Brien") == ["sean", "obrien", "o", "brien"]


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


def test_a_new_person_is_like_someone_on_the_record_by_both_names_either_way_round():
    assert similar_names(("Margret", "Elis", ""), "Margaret", "Ellis") is not None
    assert similar_names(("Ellis", "Margaret", ""), "Margaret", "Ellis") is not None
    assert similar_names(("Jonathan", "Smith", ""), "Jon", "Smith") is not None
    assert similar_names(("Peggy", "Ellis", "Maggie"), "Margaret", "Ellis", "Maggie") is not None
    assert similar_names(("Margaret", "Baker", ""), "Margaret", "Ellis") is None
    assert similar_names(("Dorothy", "Ellis", ""), "Margaret", "Ellis") is None
