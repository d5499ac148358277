"""Money, in one place: pounds and pence as Decimal, rounded once, weekly and annual converted the same way
everywhere."""

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
WEEKS_IN_A_YEAR = 52


def pounds(value) -> Decimal:
    """Round to the penny, half up, as a council's finance system does. Call it once, on the final figure."""
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def annual(weekly: Decimal) -> Decimal:
    """A year of a weekly figure already in pence: exact, so nothing is rounded twice."""
    return weekly * WEEKS_IN_A_YEAR


MINUS = "\u2212"  # a true minus sign: screen readers say "minus", and it lines up with the plus


def display(amount: Decimal) -> str:
    """£1,234.50; less than nothing as −£10.00, never £-10.00."""
    return f"{MINUS if amount < 0 else ''}£{abs(amount):,.2f}"


def display_change(amount: Decimal) -> str:
    """A change in money, signed either way: +£10.00, −£10.00, or £0.00 for none."""
    return f"+{display(amount)}" if amount > 0 else display(amount)
