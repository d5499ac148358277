"""Reads of the money decided on a case, for the screens that show them."""

from django.db.models import QuerySet

from assessment.models import Assessment
from ras.models import FinancialAssessment, IndicativeBudget


def budgets_on(case) -> QuerySet[IndicativeBudget]:
    """The current indicative budget of each finished assessment of eligible needs on the case, newest first."""
    return (
        IndicativeBudget.objects.of_eligible_needs()
        .filter(assessment__case=case)
        .exclude(assessment__status=Assessment.Status.IN_PROGRESS)
        .select_related("assessment__questionnaire")
        .order_by("-calculated_at", "-pk")
    )


def charges_on(case) -> QuerySet[FinancialAssessment]:
    """The confirmed financial assessments on the case (what the person pays), newest first."""
    return (
        FinancialAssessment.objects.filter(case=case, status=FinancialAssessment.Status.CONFIRMED)
        .select_related("year")
        .order_by("-confirmed_at", "-pk")
    )
