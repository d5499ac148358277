"""Working out and recording indicative budgets. The calculation is pure (ras.calculation); this module finds
its inputs on the case record and keeps the result with the versions it used."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from assessment import selectors as assessment_selectors
from assessment.models import Assessment
from cases import services as case_services
from cases.milestones import Milestone
from cases.models import LetterType, User
from config.access import require
from config.money import display
from ras import calculation
from ras.models import OLDER_PEOPLE, WORKING_AGE_ADULTS, IndicativeBudget, RasVersion


class NoRas(Exception):
    """No RAS version is in force: a council admin must publish one."""


class NotEligible(Exception):
    """No indicative budget: the needs have not been decided eligible (`decision` is None before a decision,
    else the not-eligible decision)."""

    def __init__(self, decision):
        super().__init__(decision)
        self.decision = decision


def inputs_for(assessment: Assessment) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Points by area (by the area's stable key, as the assessment keeps them) and the option chosen for each
    question (by its order)."""
    answers = assessment_selectors.answers(assessment)
    found = assessment_selectors.progress_of(assessment, found_answers=answers)
    points = {item.domain.key: item.points for item in found}
    chosen = {
        (item.domain.key, question.key): answers[question.pk].order
        for item in found
        if item.has_needs
        for question in item.domain.questions.all()
        if question.pk in answers
    }
    return points, chosen


OLDER_PEOPLE_FROM = 65


def client_group_of(assessment: Assessment) -> str:
    """Older people or working-age adults, by age when the budget is worked out: the grouping RAS monitoring
    and calibration report by (a primary support reason would refine it)."""
    age = assessment.case.person.age
    return OLDER_PEOPLE if age >= OLDER_PEOPLE_FROM else WORKING_AGE_ADULTS


def orders_as_json(chosen: dict[tuple[str, str], int]) -> dict[str, int]:
    return {f"{domain}/{question}": order for (domain, question), order in chosen.items()}


def orders_from_json(orders: dict[str, int]) -> dict[tuple[str, str], int]:
    return {tuple(key.split("/", 1)): order for key, order in orders.items()}


def work_out(assessment: Assessment, *, on=None) -> tuple[RasVersion, calculation.Budget, str, dict]:
    """The indicative budget for the assessment as it stands, with the RAS version in force; nothing saved.
    Only needs decided eligible have one (assess, decide eligibility, then budget)."""
    if not assessment.needs_are_eligible:
        raise NotEligible(assessment.eligibility)
    ras = RasVersion.objects.in_force_on(on or timezone.localdate())
    if ras is None:
        raise NoRas
    points, chosen = inputs_for(assessment)
    titles = {domain.key: domain.title for domain in assessment_selectors.structure(assessment.questionnaire)}
    budget = calculation.indicative_budget(points, chosen, ras.rules(), titles=titles)
    key = json.dumps(
        [ras.pk, assessment.questionnaire_id, sorted(points.items()), sorted(map(list, chosen.items()))]
    )
    return ras, budget, hashlib.sha256(key.encode()).hexdigest(), orders_as_json(chosen)


@transaction.atomic
def record(
    *,
    actor: User | None,
    assessment: Assessment,
    ras: RasVersion,
    budget,
    fingerprint: str,
    answer_orders: dict,
) -> IndicativeBudget:
    """Keep the budget worked out from these answers with this version, once; it becomes the current one."""
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    existing = IndicativeBudget.objects.filter(assessment=assessment, fingerprint=fingerprint).first()
    if existing and existing.is_current:
        return existing
    IndicativeBudget.objects.filter(assessment=assessment, is_current=True).update(is_current=False)
    if existing:
        existing.is_current = True
        existing.save(update_fields=["is_current"])
        _log_budget(existing, actor)
        return existing
    created = IndicativeBudget.objects.create(
        assessment=assessment,
        ras=ras,
        questionnaire_version=assessment.questionnaire.version,
        client_group=client_group_of(assessment),
        points=budget.points,
        points_by_domain=budget.points_by_domain,
        answer_orders=answer_orders,
        weekly=budget.weekly,
        annual=budget.annual,
        high_cost=budget.high_cost,
        explanation=budget.explanation,
        fingerprint=fingerprint,
        calculated_by=actor,
    )
    _log_budget(created, actor)
    return created


def _log_budget(budget: IndicativeBudget, actor: User | None) -> None:
    """The budget that is now the current one, on the case's journey."""
    case = budget.assessment.case
    if case is None:
        return
    case_services.log_event(
        case,
        Milestone.BUDGET_WORKED_OUT,
        actor,
        subject=budget,
        summary=f"Indicative budget worked out: {display(budget.weekly)} a week",
        assessment=budget.assessment_id,
        weekly=str(budget.weekly),
        annual=str(budget.annual),
        points=budget.points,
        high_cost=budget.high_cost,
        ras=budget.ras_id,
    )


@transaction.atomic
def work_out_budget(*, actor: User, assessment_id: int) -> IndicativeBudget:
    """Work out the assessment's indicative budget with the RAS version in force and keep it as its current one
    (once per set of answers and version: asking again records nothing new). Raises NotEligible for needs not
    decided eligible (an assessment still in progress has no decision yet) and NoRas when no version is in
    force."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("case__person", "questionnaire", "decision")
        .get(pk=assessment_id)
    )
    require(actor, "ras.work_out_budget", assessment)
    ras, budget, fingerprint, orders = work_out(assessment)
    return record(
        actor=actor,
        assessment=assessment,
        ras=ras,
        budget=budget,
        fingerprint=fingerprint,
        answer_orders=orders,
    )


def send_letter(*, actor: User, budget: IndicativeBudget):
    """The indicative budget in writing, with how it was reached; asking again for the same budget sends nothing
    more."""
    case = budget.assessment.case
    require(actor, "ras.send_budget_letter", budget)
    if not budget.assessment.needs_are_eligible:
        raise NotEligible(budget.assessment.eligibility)
    return case_services.request_letter(
        actor=actor,
        case=case,
        letter_type=LetterType.INDICATIVE_BUDGET,
        about=f"indicative-budget/{budget.pk}",
        content={
            "weekly": str(budget.weekly),
            "annual": str(budget.annual),
            "explanation": budget.explanation,
            "assessment": budget.assessment.reference,
            "ras": str(budget.ras),
        },
    )
