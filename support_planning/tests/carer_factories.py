"""A carer's own case, as the carers' plan tests and the letters' tests need it: Ann cares for Grace; Ann's
carer's assessment in her words, decided eligible and signed off through the pages; her plan with a one-off break
for her and a sitting service for Grace, sent for sign-off."""

from django.urls import reverse

from assessment import services as assessment_services
from assessment.models import Assessment
from assessment.tests import factories
from cases import services as case_services
from cases.models import Case, Person, RelationshipKind, User
from cases.stages import Stage
from cases.tests.factories import CaseFactory, PersonFactory
from support_planning import services
from support_planning.models import SupportPlan

WORDS = {
    "the_caring_role": "I look after Grace day and night",
    "carer_health": "My back hurts and I hardly sleep",
    "community_and_free_time": "I miss my choir on Tuesday evenings",
}
A_BREAK = {
    "cared_for_id": "carer",
    "kind": "paid",
    "description": "A short break away",
    "management": "direct_payment",
    "basis": "one_off",
    "one_off_amount": "350",
}
SITTING = {
    "kind": "paid",
    "description": "A sitting service, so I can go to my choir",
    "provider": "Crossroads Care Northbrook",
    "management": "council_managed",
    "basis": "hourly",
    "hours": "3",
    "rate": "22",
}


def assessed_as_a_carer(client, practitioner, case) -> Assessment:
    """The carer's assessment on a visit, in her words, completed, decided eligible (caring puts her health at
    risk; she cannot keep up her free time) and signed off, through the pages."""
    client.force_login(practitioner)
    client.post(reverse("assessment_new", args=[case.pk]), {"kind": "carer", "mode": "visit"})
    assessment = Assessment.objects.get(case=case)
    assert assessment.is_for_a_carer
    factories.answer_all(assessment, actor=practitioner, needs_in=set(WORDS))
    for response in assessment.responses.select_related("domain").filter(domain__key__in=WORDS):
        assessment_services.save_domain(
            actor=practitioner,
            assessment_id=assessment.pk,
            domain_id=response.domain_id,
            seen_version=response.version,
            answers=assessment_services.DomainAnswers(person_words=WORDS[response.domain.key]),
        )
    client.post(reverse("assessment_complete", args=[assessment.pk]))
    decided = client.post(
        reverse("assessment_eligibility", args=[assessment.pk]),
        {
            "needs_from_condition": "yes",
            "carer_health_at_risk": "yes",
            "wellbeing_impact": "yes",
            "wellbeing_notes": "Worn out and cut off from friends",
            "reasons_carer_recreation": ["without_assistance"],
            "version": 0,
        },
    )
    assert decided.status_code == 302 and "budget" not in decided["Location"]  # the RAS gives carers none
    client.post(reverse("assessment_sign_off", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.is_signed_off and assessment.needs_are_eligible
    return assessment


def add(client, plan: SupportPlan, outcome, details: dict):
    plan.refresh_from_db()
    return client.post(
        reverse("plan_item_new", args=[plan.pk, outcome.pk]), {**details, "version": plan.version}
    )


def paid_to_ann(client, plan: SupportPlan):
    """Her direct payment paid to her, every four weeks, through the page."""
    plan.refresh_from_db()
    return client.post(
        reverse("plan_money", args=[plan.pk]),
        {
            "direct_payment_recipient": "person",
            "direct_payment_frequency": "four_weekly",
            "version": plan.version,
        },
    )


def a_carers_plan_sent(client, practitioner, case, grace) -> SupportPlan:
    """The plan, through the item pages, sent for sign-off."""
    assessed_as_a_carer(client, practitioner, case)
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    health, recreation = plan.outcomes.all()
    add(client, plan, health, A_BREAK)
    add(client, plan, recreation, {**SITTING, "cared_for_id": str(grace.pk), "cared_for_agrees": "on"})
    paid_to_ann(client, plan)
    plan.refresh_from_db()
    return services.submit(actor=practitioner, plan_id=plan.pk, seen_version=plan.version).plan


def carers_case(carer: Person, *, actor: User) -> tuple[Case, Person]:
    """`carer` named Ann Okafor, recorded as the unpaid carer of Grace Okafor; Ann's own case, at assessment."""
    carer.given_name, carer.family_name, carer.preferred_name = "Ann", "Okafor", ""
    carer.save()
    grace = PersonFactory(given_name="Grace", family_name="Okafor")
    case_services.add_relationship(
        actor=actor, for_person=grace, supporter=carer, kind=RelationshipKind.CARER, notes=""
    )
    return CaseFactory(person=carer, team=actor.team, stage=Stage.ASSESSMENT), grace
