"""What the support planning tests share: a case ready for a plan, and a way of meeting an outcome."""

from decimal import Decimal as D

from support_planning.models import PlanItem
from support_planning.money_management import Management

PAID_CARE = {
    "kind": PlanItem.Kind.PAID,
    "description": "Help to wash and dress each morning",
    "provider": "Riverside Home Care",
    "management": Management.DIRECT_PAYMENT,
    "basis": PlanItem.Basis.HOURLY,
    "hours": D("7"),
    "rate": D("25.00"),
}


def words_for(domain) -> str:
    return f"What I said about {domain.title.lower()}"
