"""Demo support plans for `make run`: each case at support planning has its plan being written (family help and
paid support against the budget), and each case waiting for sign-off has one sent, so the plan pages have
something to show."""

from decimal import Decimal

from django.db import transaction

from cases.models import Case, User
from cases.stages import Stage
from ras import selectors as ras_selectors
from support_planning import services
from support_planning.models import PlanItem, SupportPlan
from support_planning.money_management import Management

# How each demo outcome is met: help from family, and paid support by hours at a rate, by direct payment.
FAMILY = {
    "kind": PlanItem.Kind.FAMILY,
    "description": "Help from my family",
    "who_and_when": "My son, at weekends",
}
PAID = {
    "kind": PlanItem.Kind.PAID,
    "description": "Help at home each morning",
    "provider": "Riverside Home Care",
    "management": Management.DIRECT_PAYMENT,
    "basis": PlanItem.Basis.HOURLY,
    "rate": Decimal("24.50"),
}


@transaction.atomic
def load_plans() -> int:
    """A plan for each demo case at support planning or sign-off that has a budget and no plan; returns how many."""
    made = 0
    waiting = Case.objects.open().filter(stage__in=[Stage.SUPPORT_PLANNING, Stage.VALIDATION])
    for case in waiting.exclude(pk__in=SupportPlan.objects.values("case")).select_related("allocated_worker"):
        actor = _actor(case)
        budget = ras_selectors.current_budget(case)
        if actor is None or budget is None:
            continue
        going_for_sign_off = case.stage == Stage.VALIDATION
        plan = services.start_plan(actor=actor, case_id=case.pk)
        hours = (budget.weekly / PAID["rate"]).quantize(Decimal("0.5"))
        for number, outcome in enumerate(plan.outcomes.all()):
            plan.refresh_from_db()
            details = FAMILY if number % 2 else {**PAID, "hours": max(Decimal("1"), hours / 2)}
            services.save_item(
                actor=actor,
                plan_id=plan.pk,
                seen_version=plan.version,
                outcome_id=outcome.pk,
                details=details,
            )
        plan.refresh_from_db()
        services.save_money(
            actor=actor,
            plan_id=plan.pk,
            seen_version=plan.version,
            details={"direct_payment_recipient": "person", "direct_payment_frequency": "four_weekly"},
        )
        if going_for_sign_off:
            plan.refresh_from_db()
            services.submit(
                actor=actor,
                plan_id=plan.pk,
                seen_version=plan.version,
                gap_reason="Family help at weekends means less paid support than the budget allows",
            )
        made += 1
    return made


def _actor(case: Case) -> User | None:
    worker = case.allocated_worker
    if worker and worker.has_perm("support_planning.plan"):
        return worker
    return User.objects.filter(role="practitioner", is_active=True).order_by("pk").first()
