import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases.identifiers import (
    format_nhs_number,
    is_valid_nhs_number,
    is_valid_postcode,
    normalise_nhs_number,
    normalise_postcode,
)


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919", "4010232137"])
def test_real_format_nhs_numbers_with_the_right_check_digit_are_accepted(number):
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize(
    "number",
    ["9434765918", "943476591", "94347659190", "abcdefghij", "", "1000000010"],
)
def test_nhs_numbers_with_a_wrong_check_digit_or_shape_are_refused(number):
    assert not is_valid_nhs_number(number)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_or_none_makes_a_nine_digit_stem_valid(stem):
    valid = [digit for digit in "0123456789" if is_valid_nhs_number(stem + digit)]
    assert len(valid) <= 1


def test_nhs_numbers_are_shown_in_three_three_four_groups():
    assert format_nhs_number("9434765919") == "943 476 5919"
    assert normalise_nhs_number(" 943 476-5919 ") == "9434765919"


@pytest.mark.parametrize(
    "postcode", ["NR1 3QQ", "nr13qq", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT"]
)
def test_uk_postcodes_in_any_case_and_spacing_are_accepted(postcode):
    assert is_valid_postcode(postcode)


@pytest.mark.parametrize("postcode", ["NR1", "12345", "QX1 1AA", "NR1 3CQ", "", "NOT A POSTCODE"])
def test_incomplete_or_impossible_postcodes_are_refused(postcode):
    assert not is_valid_postcode(postcode)


def test_postcodes_are_stored_upper_case_with_one_space():
    assert normalise_postcode("  nr1   3qq ") == "NR1 3QQ"
