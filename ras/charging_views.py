"""The finance officer's screen: the person's means, the contribution worked out and explained, confirm and send."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.access import get_case_for
from config.access import requires
from config.requests import posted, seen_version
from ras import charging, charging_services, selectors
from ras.charging_forms import FinancialAssessmentForm
from ras.models import ChargingYear, FinancialAssessment


@requires("ras.assess_finances")
@require_http_methods(["GET", "POST"])
def financial_assessment(request, case_pk: int):
    case = get_case_for(request, case_pk, what="financial assessment")
    if reason := charging_services.why_no_financial_assessment(case):
        return render(
            request,
            "ras/no_financial_assessment.html",
            {"case": case, "person": case.person, "reason": reason},
        )
    draft = FinancialAssessment.objects.filter(case=case, status=FinancialAssessment.Status.DRAFT).first()
    budget = selectors.current_budget(case)
    initial = (
        {
            **{field: getattr(draft, field) for field in charging_services.MEANS_FIELDS},
            **{f"income_{key}": amount for key, amount in draft.income_items.items()},
        }
        if draft
        else {"weekly_cost": budget.weekly if budget else None, "housing_costs": 0}
    )
    form = FinancialAssessmentForm(posted(request), initial=initial)
    version = seen_version(request.POST, draft.version if draft else 0)
    if request.method == "POST" and "confirm" in request.POST and draft:
        try:
            charging_services.confirm(actor=request.user, financial_assessment_id=draft.pk)
        except charging_services.NeedsNotEligible as refused:
            messages.error(request, str(refused))
            return redirect("financial_assessment", case_pk=case.pk)
        messages.success(request, "Financial assessment confirmed. The letter is being prepared.")
        return redirect(case)
    if request.method == "POST" and form.is_valid():
        try:
            draft = charging_services.assess_means(
                actor=request.user,
                case=case,
                details={**form.cleaned_data, "income_items": form.income_items()},
                seen_version=version,
            )
        except (charging.AbsurdMeans, charging_services.NeedsNotEligible) as refused:
            form.add_error(None, str(refused))
        except charging_services.MeansChanged:
            form.add_error(
                None, "Someone else saved this financial assessment just now. Check it and save again."
            )
        except charging_services.NoChargingYear:
            form.add_error(
                None, "No charging figures have been entered. Ask a council admin to add this year's."
            )
        else:
            return redirect("financial_assessment", case_pk=case.pk)
    year = ChargingYear.objects.in_force(timezone.localdate())
    return render(
        request,
        "ras/financial_assessment.html",
        {
            "case": case,
            "person": case.person,
            "form": form,
            "draft": draft,
            "budget": budget,
            "year": year,
            "year_is_current": year.covers(timezone.localdate()) if year else False,
            "version": draft.version if draft else 0,
            "confirmed": FinancialAssessment.objects.filter(
                case=case, status=FinancialAssessment.Status.CONFIRMED
            ),
        },
    )
