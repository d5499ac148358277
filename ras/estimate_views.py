"""The online estimate (public, no account): a likely budget and contribution, clearly an estimate."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from assessment import selectors as assessment_selectors
from assessment.models import Questionnaire, QuestionnaireKind
from config.access import public
from config.forms import error_links
from ras.estimate import estimate
from ras.estimate_forms import EstimateForm
from ras.models import ChargingYear, RasVersion


@public
@require_http_methods(["GET", "POST"])
def online_estimate(request):
    today = timezone.localdate()
    questionnaire = Questionnaire.objects.current(QuestionnaireKind.ADULT)
    ras, year = RasVersion.objects.in_force_on(today), ChargingYear.objects.in_force(today)
    if questionnaire is None or ras is None or year is None:
        return render(request, "ras/estimate_unavailable.html")
    domains = assessment_selectors.structure(questionnaire)
    form = EstimateForm(request.POST if request.method == "POST" else None, domains=domains, year=year)
    result = None
    if request.method == "POST" and form.is_valid():
        result = estimate(
            domains,
            form.levels(),
            ras.rules(),
            savings=form.cleaned_data["savings"],
            weekly_income=form.cleaned_data["weekly_income"],
            age=form.cleaned_data["age"],
            year=year.figures(),
        )
    return render(
        request,
        "ras/estimate.html",
        {"form": form, "result": result, "year": year, "error_links": error_links(form)},
    )
