"""The indicative budget, shown the moment the needs are decided eligible (on the same visit as the assessment):
the figure, how it was reached, and that it is a starting point for planning, not a limit. Needs not yet decided,
or found not eligible, have no budget, and the page says so and what happens next."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from assessment import selectors as assessment_selectors
from cases.access import allow
from cases.roles import CASEWORK, DECIDERS, RECORD_KEEPERS, Role
from ras import services
from ras.models import IndicativeBudget


@allow(CASEWORK, Role.CITIZEN)
@require_GET
def indicative_budget(request, assessment_pk: int):
    """Worked out from the answers as they stand with the RAS in force, and kept (once per set of answers and
    version: opening the page again records nothing new; a changed assessment gets a new figure)."""
    assessment = assessment_selectors.get_assessment_for(request, assessment_pk, what="indicative budget")
    if assessment.is_in_progress:
        return redirect(assessment)
    try:
        ras, budget, fingerprint, orders = services.work_out(assessment)
    except services.NotEligible as none:
        return render(
            request,
            "ras/no_budget.html",
            {
                "assessment": assessment,
                "person": assessment.case.person,
                "decision": none.decision,
                "can_decide": request.user.role in DECIDERS,
            },
        )
    except services.NoRas:
        return render(request, "ras/no_ras.html", {"assessment": assessment}, status=200)
    current = services.record(
        actor=request.user,
        assessment=assessment,
        ras=ras,
        budget=budget,
        fingerprint=fingerprint,
        answer_orders=orders,
    )
    earlier = (
        IndicativeBudget.objects.filter(assessment=assessment).exclude(pk=current.pk).select_related("ras")
    )
    return render(
        request,
        "ras/indicative_budget.html",
        {
            "assessment": assessment,
            "case": assessment.case,
            "person": assessment.case.person,
            "budget": current,
            "earlier": earlier,
            "can_send": request.user.role in RECORD_KEEPERS,
        },
    )


@allow(RECORD_KEEPERS)
@require_POST
def indicative_budget_letter(request, assessment_pk: int):
    assessment = assessment_selectors.get_assessment_for(
        request, assessment_pk, "change", what="indicative budget letter"
    )
    budget = get_object_or_404(IndicativeBudget.objects.of_eligible_needs(), assessment=assessment)
    services.send_letter(actor=request.user, budget=budget)
    messages.success(request, "The indicative budget letter is being prepared.")
    return redirect("indicative_budget", assessment_pk=assessment.pk)
