"""Reads of the money decided on a case: for the screens that show them, and for the later stages (support
planning, validation, reviews), which read the budget here and nowhere else."""

from django.db.models import QuerySet
from django.utils import timezone

from assessment import selectors as assessment_selectors
from assessment.models import Assessment
from ras.models import FinancialAssessment, IndicativeBudget, RasVersion


def budget_of(assessment: Assessment) -> IndicativeBudget | None:
    """The assessment's budget as last worked out (under whichever RAS version was in force then), or None:
    needs not decided eligible never have one, and a budget not yet worked out is none."""
    return (
        IndicativeBudget.objects.of_eligible_needs()
        .filter(assessment=assessment)
        .select_related("ras")
        .first()
    )


def ras_in_force(day=None) -> RasVersion | None:
    """The RAS version in force on `day` (today when not given)."""
    return RasVersion.objects.in_force_on(day or timezone.localdate())


def current_budget(case, *, on=None) -> IndicativeBudget | None:
    """The case's current indicative budget: the budget of the assessment in force
    (`assessment.selectors.assessment_in_force`: the latest signed-off one) worked out with the RAS version in
    force on `on` (today). One meaning for every stage that reads it, so:

    - a revision still in progress, or decided but not yet signed off, does not replace it until it is signed
      off; its own figure is `budget_of(revision)`;
    - needs in force found not eligible mean no current budget, whatever older assessments had;
    - once a new RAS version takes effect there is no current budget until it is worked out again under that
      version (the budget page offers to), so nobody plans against a figure from rules no longer in force; the
      older figure stays on the assessment (`budget_of`) with the version that explains it."""
    assessment = assessment_selectors.assessment_in_force(case)
    if assessment is None or not assessment.needs_are_eligible:
        return None
    ras = ras_in_force(on)
    if ras is None:
        return None
    return (
        IndicativeBudget.objects.filter(assessment=assessment, ras=ras)
        .select_related("ras", "assessment")
        .order_by("-calculated_at", "-pk")
        .first()
    )


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
