"""Demo indicative budgets for `make run`: every demo assessment whose needs were decided eligible gets its
figure, so the budget pages and the RAS preview have something to show; needs found not eligible get none."""

from django.db import transaction

from assessment.models import Assessment
from ras import services
from ras.models import IndicativeBudget


@transaction.atomic
def load_budgets() -> int:
    """Work out the budget of each assessment decided eligible on a case that has none yet; returns how many."""
    waiting = (
        Assessment.objects.exclude(status=Assessment.Status.IN_PROGRESS)
        .filter(case__isnull=False, decision__eligible=True)
        .exclude(pk__in=IndicativeBudget.objects.values("assessment"))
        .select_related("case__person", "questionnaire", "decision")
    )
    made = 0
    for assessment in waiting:
        if assessment.is_for_a_carer:
            continue
        try:
            ras, budget, fingerprint, orders = services.work_out(assessment)
        except services.NoRas:
            return made
        services.record(
            actor=None,
            assessment=assessment,
            ras=ras,
            budget=budget,
            fingerprint=fingerprint,
            answer_orders=orders,
        )
        made += 1
    return made
