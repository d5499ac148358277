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


def display(amount: Decimal) -> str:
    return f"£{amount:,.2f}"
