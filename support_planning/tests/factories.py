"""What the support planning tests share: a case ready for a plan, and a way of meeting an outcome."""

from decimal import Decimal as D

from assessment import selectors as assessment_selectors
from assessment import services as assessment_services
from assessment.tests import factories
from ras import services as ras_services
from support_planning import services
from support_planning.models import PlanItem, SupportPlan
from support_planning.money_management import Management

PAID_CARE = {
    "kind": PlanItem.Kind.PAID,
    "description": "Help to wash and dress each morning",
    "provider": "Riverside Home Care",
    "management": Management.DIRECT_PAYMENT,
    "basis": PlanItem.Basis.HOURLY,
    "hours": D("7"),
    "rate": D("25.00"),
}


def words_for(domain) -> str:
    return f"What I said about {domain.title.lower()}"


def meet_every_outcome(plan: SupportPlan, actor, details: dict) -> SupportPlan:
    """One item, `details`, added to each of the plan's outcomes through the service; the plan as it now stands."""
    for outcome in plan.outcomes.all():
        plan.refresh_from_db()
        services.save_item(
            actor=actor, plan_id=plan.pk, seen_version=plan.version, outcome_id=outcome.pk, details=details
        )
    plan.refresh_from_db()
    return plan


def budgeted_case(practitioner, case):
    """An eligible adult's case, assessed on a visit with the person's words in each area, signed off, and the
    indicative budget worked out: where a plan starts. The seeded questionnaire and RAS must be there."""
    needs = {"personal_care", "eating_and_drinking"}
    assessment = factories.start(actor=practitioner, case=case)
    factories.answer_all(assessment, actor=practitioner, needs_in=needs)
    for domain in assessment_selectors.structure(assessment.questionnaire):
        if domain.key in needs:
            response = assessment.responses.get(domain=domain)
            assessment_services.save_domain(
                actor=practitioner,
                assessment_id=assessment.pk,
                domain_id=domain.pk,
                seen_version=response.version,
                answers=assessment_services.DomainAnswers(person_words=words_for(domain)),
            )
    assessment_services.save_about(
        actor=practitioner,
        assessment_id=assessment.pk,
        seen_version=assessment.version,
        details={"what_matters": "Staying in my own home near my garden"},
    )
    factories.complete(assessment, actor=practitioner)
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    budget = ras_services.work_out_budget(actor=practitioner, assessment_id=assessment.pk)
    return case, assessment, budget
