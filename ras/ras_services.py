"""Council admins keep the RAS (`cases.versioning`): a draft is tried on every current budget before it is
published with the date it takes effect."""

from ras import calibration
from ras.models import IndicativeBudget, RasVersion
from ras.services import orders_from_json


def past_budgets():
    """Every current indicative budget of needs decided eligible, as the calibration preview reads it, a chunk
    at a time."""
    rows = IndicativeBudget.objects.of_eligible_needs().values_list(
        "client_group", "points_by_domain", "answer_orders", "weekly"
    )
    for client_group, points, orders, weekly in rows.iterator(chunk_size=5000):
        yield client_group, points, orders_from_json(orders), weekly


def preview(version: RasVersion) -> list[calibration.GroupEffect]:
    return calibration.preview(past_budgets(), version.rules())
