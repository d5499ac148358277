"""The finance officer's financial assessment: the person's means in, the charging rules' result out, confirmed
once with a letter that shows the breakdown."""

from django.db import transaction
from django.utils import timezone

from assessment import selectors as assessment_selectors
from cases import services as case_services
from cases.milestones import Milestone
from cases.models import Case, LetterType, User
from config.access import require
from config.money import pounds
from ras import charging
from ras.models import ChargingYear, FinancialAssessment

MEANS_FIELDS = (
    "capital",
    "disability_premium",
    "enhanced_disability_premium",
    "dre",
    "housing_costs",
    "weekly_cost",
)


RESULT_FIELDS = (
    "full_cost",
    "tariff_income",
    "minimum_income_guarantee",
    "weekly_contribution",
    "council_share",
    "explanation",
)


class NoChargingYear(Exception):
    """No charging figures have been entered for any year that has begun."""


class MeansChanged(Exception):
    """Someone saved this financial assessment since the form was opened."""


class NeedsNotEligible(Exception):
    """A charge is only for care and support the person is to get: a financial assessment waits for their needs
    to be decided eligible, and there is none when they were found not eligible. The message says which."""


def why_no_financial_assessment(case: Case) -> str:
    """Empty when the eligibility decision in force on the case (`assessment.selectors.decision_in_force`: that of
    its latest signed-off assessment) found the needs eligible; otherwise why not, in a sentence for the finance
    officer."""
    decision = assessment_selectors.decision_in_force(case)
    name = case.person.known_as
    if decision is None:
        return (
            f"There is no financial assessment yet: {name}’s eligibility has not been decided and signed off. "
            "It comes after the needs are found eligible and the indicative budget is worked out."
        )
    if not decision.eligible:
        return (
            f"There is no financial assessment: {name}’s needs were found not eligible for care and support "
            f"on {decision.decided_at:%-d %B %Y}, so there is nothing to charge for."
        )
    return ""


def _refuse_unless_eligible(case: Case) -> None:
    if reason := why_no_financial_assessment(case):
        raise NeedsNotEligible(reason)


@transaction.atomic
def assess_means(*, actor: User, case: Case, details: dict, seen_version: int) -> FinancialAssessment:
    """Work out the contribution from the means given and keep it as the case's draft (one at a time)."""
    require(actor, "ras.assess_finances", case)
    _refuse_unless_eligible(case)
    year = ChargingYear.objects.in_force(timezone.localdate())
    if year is None:
        raise NoChargingYear
    Case.objects.select_for_update().filter(pk=case.pk).first()
    draft = FinancialAssessment.objects.filter(case=case, status=FinancialAssessment.Status.DRAFT).first()
    if (draft.version if draft else 0) != seen_version:
        raise MeansChanged
    draft = draft or FinancialAssessment(case=case)
    for field in MEANS_FIELDS:
        setattr(draft, field, details[field])
    draft.income_items = {kind: str(pounds(amount)) for kind, amount in details["income_items"].items()}
    draft.year, draft.age = year, case.person.age
    means = draft.means()
    found = charging.contribution(
        means, year.figures(), weekly_cost=draft.weekly_cost, voice=charging.Voice(case.person.known_as)
    )
    draft.weekly_income = means.weekly_income
    for field in RESULT_FIELDS:
        setattr(draft, field, getattr(found, field))
    draft.assessed_by, draft.assessed_at = actor, timezone.now()
    if draft.pk:
        draft.version += 1
    draft.save()
    return draft


@transaction.atomic
def confirm(*, actor: User, financial_assessment_id: int) -> FinancialAssessment:
    """Confirm the draft: the person is sent the breakdown. A second press finds it confirmed."""
    found = (
        FinancialAssessment.objects.select_for_update(of=("self",))
        .select_related("case", "year")
        .get(pk=financial_assessment_id)
    )
    require(actor, "ras.assess_finances", found.case)
    _refuse_unless_eligible(found.case)
    if found.status == FinancialAssessment.Status.CONFIRMED:
        return found
    found.status, found.confirmed_at = FinancialAssessment.Status.CONFIRMED, timezone.now()
    found.save(update_fields=["status", "confirmed_at"])
    case_services.log_event(
        found.case,
        Milestone.FINANCIAL_ASSESSMENT_CONFIRMED,
        actor,
        subject=found,
        summary=f"Financial assessment confirmed: pays £{found.weekly_contribution} a week"
        + (" (full cost)" if found.full_cost else ""),
        financial_assessment=found.pk,
        year=found.year.label,
        weekly_contribution=str(found.weekly_contribution),
        full_cost=found.full_cost,
    )
    case_services.request_letter(
        actor=actor,
        case=found.case,
        letter_type=LetterType.FINANCIAL_ASSESSMENT,
        content={
            "year": found.year.label,
            "weekly_cost": str(found.weekly_cost),
            "weekly_contribution": str(found.weekly_contribution),
            "council_share": str(found.council_share),
            "full_cost": found.full_cost,
            "explanation": found.explained_to_the_person(),
        },
    )
    return found
