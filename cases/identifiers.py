"""NHS numbers and UK postcodes: normalising and checking them, as plain functions."""

import re

_POSTCODE = re.compile(
    r"^(GIR ?0AA|(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_nhs_number(value: str) -> str:
    """Digits only, so '943 476 5919' and '943-476-5919' are the same number."""
    return re.sub(r"[\s-]", "", value or "")


def is_valid_nhs_number(value: str) -> bool:
    """Ten digits whose last is the modulus-11 check digit of the first nine.

    Weights run 10 down to 2; 11 minus the remainder is the check digit, 11 becomes 0, and 10 means the
    number can never be valid.
    """
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def format_nhs_number(value: str) -> str:
    digits = normalise_nhs_number(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value


def normalise_postcode(value: str) -> str:
    """Upper case with one space before the inward code: ' nr1  3qq' becomes 'NR1 3QQ'."""
    compact = re.sub(r"\s", "", (value or "").upper())
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def is_valid_postcode(value: str) -> bool:
    return bool(_POSTCODE.match(normalise_postcode(value)))
