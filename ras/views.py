"""The indicative budget, worked out the moment the needs are decided eligible (on the same visit as the
assessment, with one tap): the figure, how it was reached, and that it is a starting point for planning, not a
limit. Needs not yet decided, or found not eligible, have no budget, and the page says so and what happens next.
Reading the page changes nothing; working the budget out is a POST."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from assessment import selectors as assessment_selectors
from config.access import holds, requires
from ras import selectors, services
from ras.models import IndicativeBudget


@requires("ras.view_budget")
@require_GET
def indicative_budget(request, assessment_pk: int):
    """The budget as last worked out, with a button to work it out when there is none yet, or when a newer RAS
    version has taken effect since."""
    assessment = assessment_selectors.get_assessment_for(request, assessment_pk, what="indicative budget")
    if assessment.is_in_progress:
        return redirect(assessment)
    if not assessment.needs_are_eligible:
        return render(
            request,
            "ras/no_budget.html",
            {
                "assessment": assessment,
                "person": assessment.case.person,
                "decision": assessment.eligibility,
                "can_decide": holds(request.user, "assessment.decide_eligibility", assessment),
            },
        )
    budget, ras = selectors.budget_of(assessment), selectors.ras_in_force()
    if budget is None and ras is None:
        return render(request, "ras/no_ras.html", {"assessment": assessment}, status=200)
    earlier = IndicativeBudget.objects.filter(assessment=assessment).select_related("ras")
    return render(
        request,
        "ras/indicative_budget.html",
        {
            "assessment": assessment,
            "case": assessment.case,
            "person": assessment.case.person,
            "budget": budget,
            "ras": ras,
            "out_of_date": budget is not None and ras is not None and budget.ras_id != ras.pk,
            "earlier": earlier.exclude(pk=budget.pk) if budget else [],
            "can_send": holds(request.user, "ras.send_budget_letter", assessment),
            "can_work_out": holds(request.user, "ras.work_out_budget", assessment) and ras is not None,
        },
    )


@requires("ras.work_out_budget")
@require_POST
def work_out_indicative_budget(request, assessment_pk: int):
    """Work the budget out with the RAS version in force and keep it (pressing again records nothing new)."""
    assessment = assessment_selectors.get_assessment_for(
        request, assessment_pk, "change", what="indicative budget: work out"
    )
    try:
        services.work_out_budget(actor=request.user, assessment_id=assessment.pk)
    except services.NoRas:
        messages.error(
            request, "No Resource Allocation System is in force today. Ask a council admin to publish one."
        )
    except services.NotEligible:
        pass  # the page says there is no budget and why
    return redirect("indicative_budget", assessment_pk=assessment.pk)


@requires("ras.send_budget_letter")
@require_POST
def indicative_budget_letter(request, assessment_pk: int):
    assessment = assessment_selectors.get_assessment_for(
        request, assessment_pk, "change", what="indicative budget letter"
    )
    budget = get_object_or_404(IndicativeBudget.objects.of_eligible_needs(), assessment=assessment)
    services.send_letter(actor=request.user, budget=budget)
    messages.success(request, "The indicative budget letter is being prepared.")
    return redirect("indicative_budget", assessment_pk=assessment.pk)
