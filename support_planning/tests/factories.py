"""What the support planning tests share: a case ready for a plan, and a way of meeting an outcome."""

from decimal import Decimal as D

from support_planning import services
from support_planning.models import PlanItem, SupportPlan
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


def meet_every_outcome(plan: SupportPlan, actor, details: dict) -> SupportPlan:
    """One item, `details`, added to each of the plan's outcomes through the service; the plan as it now stands."""
    for outcome in plan.outcomes.all():
        plan.refresh_from_db()
        services.save_item(
            actor=actor, plan_id=plan.pk, seen_version=plan.version, outcome_id=outcome.pk, details=details
        )
    plan.refresh_from_db()
    return plan
