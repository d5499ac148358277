"""Demo assessments for `make run`, each case at a stage its work explains: some of the cases waiting at the
assessment stage have one under way, built on their contact; a third are completed and decided (eligible, on to
the indicative budget; not eligible, waiting to be signed off with the decision letter); and every case already
past assessment has the signed-off assessment that found its needs eligible. One demo carer has their own case, with a
carer's assessment in their words decided eligible and signed off, ready for a carer's support plan."""

import random

from django.db import transaction

from assessment import selectors, services, signing_off
from assessment.models import Assessment, EligibilityDecision, Mode, Questionnaire, QuestionnaireKind
from assessment.questionnaires import seed_published
from cases import services as case_services
from cases.models import Case, Relationship, RelationshipKind, User
from cases.stages import Stage

DEMO_SEED = 5

PAST_ASSESSMENT = (
    Stage.INDICATIVE_BUDGET,
    Stage.SUPPORT_PLANNING,
    Stage.VALIDATION,
    Stage.PLAN_AGREED,
    Stage.LIVE,
    Stage.REVIEW,
)


@transaction.atomic
def load_assessments(*, seed: int = DEMO_SEED, count: int = 6) -> bool:
    """Add the demo's assessments once; returns whether anything was added."""
    if Assessment.objects.exists():
        return False
    seed_published()
    practitioner = User.objects.filter(role="practitioner").order_by("pk").first()
    waiting = list(Case.objects.open().filter(stage=Stage.ASSESSMENT).select_related("person")[:count])
    further_on = list(Case.objects.open().filter(stage__in=PAST_ASSESSMENT).select_related("person"))
    if practitioner is None or not (waiting or further_on):
        return False
    rng = random.Random(seed)
    domains = selectors.structure(Questionnaire.objects.current("adult"))
    # Cases further on first: the first demo assessment is a signed-off eligible one with its budget.
    for case in further_on:
        assessment = _assessed(case, practitioner, rng, domains, explore_all=True)
        decide(assessment, _actor(case, practitioner), eligible=True, sign_off=True)
    finished = max(1, min(2, len(waiting) - 1), len(waiting) // 3)  # one eligible, one not, some under way
    for number, case in enumerate(waiting):
        assessment = _assessed(case, practitioner, rng, domains, explore_all=number < finished)
        if number < finished:
            # The first found not eligible, waiting to be signed off; the next decided eligible and signed off.
            eligible = number % 2 == 1
            decide(assessment, _actor(case, practitioner), eligible=eligible, sign_off=eligible)
    return True


def _actor(case: Case, practitioner: User) -> User:
    worker = case.allocated_worker
    return worker if worker and worker.does_casework else practitioner


def _assessed(
    case: Case, practitioner: User, rng: random.Random, domains, *, explore_all: bool
) -> Assessment:
    """An assessment with some areas explored (every area, and completed, when `explore_all`)."""
    actor = _actor(case, practitioner)
    assessment = services.start_assessment(actor=actor, case=case, mode=rng.choice([Mode.PHONE, Mode.VISIT]))
    explored = domains if explore_all else domains[: rng.randint(2, len(domains) - 2)]
    saves = {}
    for domain in explored:
        has_needs = rng.random() < 0.4
        options = (
            {q.pk: rng.choice(list(q.options.all())[1:]).pk for q in domain.questions.all()}
            if has_needs
            else {}
        )
        saves[domain.pk] = (0, services.DomainAnswers(has_needs=has_needs, options=options))
    services.save_domains(actor=actor, assessment_id=assessment.pk, saves=saves)
    if explore_all:
        services.complete_assessment(actor=actor, assessment_id=assessment.pk)
    return assessment


def decide(assessment: Assessment, actor: User, *, eligible: bool, sign_off: bool = False) -> None:
    """Record an adult's eligibility decision: unable to achieve personal hygiene and nutrition (eligible) or only
    hygiene (not eligible), with a significant impact on wellbeing; signed off too when asked."""
    _decide(
        assessment,
        actor,
        unable=["hygiene", "nutrition"] if eligible else ["hygiene"],
        carer_health_at_risk=None,
        wellbeing_notes="Finds it hard to wash and to cook, and has stopped seeing friends",
        sign_off=sign_off,
    )


def _decide(
    assessment: Assessment,
    actor: User,
    *,
    unable: list[str],
    carer_health_at_risk: bool | None,
    wellbeing_notes: str,
    sign_off: bool,
) -> None:
    """The needs come from a condition (or from caring), with a significant impact on wellbeing; unable to achieve
    the outcomes in `unable`, each without assistance."""
    earlier = EligibilityDecision.objects.filter(assessment=assessment).first()
    signing_off.record_eligibility(
        actor=actor,
        assessment_id=assessment.pk,
        seen_version=earlier.version if earlier else 0,
        findings={outcome: (["without_assistance"], "") for outcome in unable},
        needs_from_condition=True,
        carer_health_at_risk=carer_health_at_risk,
        wellbeing_impact=True,
        wellbeing_notes=wellbeing_notes,
    )
    if sign_off:
        signing_off.sign_off(actor=actor, assessment_id=assessment.pk)


# What the demo carer says, by area of the carer's questionnaire; `{name}` is the person they care for.
CARER_WORDS = {
    "the_caring_role": "I look after {name} day and night. I help with washing, dressing and every meal.",
    "carer_health": "My back hurts from helping {name} up, and I hardly sleep for listening out at night.",
    "relationships": "I used to see my friends every week. Now I hardly see anyone.",
    "community_and_free_time": "I sang in a choir on Tuesday evenings. I have not been since {name} got worse, "
    "because I cannot leave {name} alone.",
}


@transaction.atomic
def load_carer_assessment() -> bool:
    """A demo carer (one recorded as someone's unpaid carer, with no case of their own) gets their own case and a
    carer's assessment in their words, decided eligible (caring puts their health at risk, and they cannot keep
    up their friendships or their free time) and signed off; once. Returns whether anything was added."""
    if Assessment.objects.filter(questionnaire__kind=QuestionnaireKind.CARER).exists():
        return False
    seed_published()
    practitioner = User.objects.filter(role="practitioner").order_by("pk").first()
    caring = (
        Relationship.objects.filter(kind=RelationshipKind.CARER, person__cases__isnull=True)
        .select_related("person", "for_person")
        .order_by("pk")
        .first()
    )
    if practitioner is None or caring is None:
        return False
    case = case_services.open_case_for(
        actor=practitioner, person=caring.person, worker=practitioner, send_letter=False
    )
    assessment = services.start_assessment(
        actor=practitioner, case=case, mode=Mode.VISIT, kind=QuestionnaireKind.CARER
    )
    saves = {}
    for domain in selectors.structure(assessment.questionnaire):
        words = CARER_WORDS.get(domain.key, "").format(name=caring.for_person.known_as)
        options = {q.pk: list(q.options.all())[-1].pk for q in domain.questions.all()} if words else {}
        saves[domain.pk] = (
            0,
            services.DomainAnswers(has_needs=bool(words), options=options, person_words=words),
        )
    services.save_domains(actor=practitioner, assessment_id=assessment.pk, saves=saves)
    services.complete_assessment(actor=practitioner, assessment_id=assessment.pk)
    decide_for_a_carer(
        assessment,
        practitioner,
        unable=["carer_relationships", "carer_recreation"],
        health_at_risk=True,
        sign_off=True,
    )
    return True


def decide_for_a_carer(
    assessment: Assessment, actor: User, *, unable: list[str], health_at_risk: bool, sign_off: bool = False
) -> None:
    """Record a carer's eligibility decision: their needs come from providing necessary care, with a significant
    impact on their wellbeing; unable to achieve the outcomes in `unable`, and their health at risk or not."""
    _decide(
        assessment,
        actor,
        unable=unable,
        carer_health_at_risk=health_at_risk,
        wellbeing_notes="Worn out and cut off from friends since caring took over",
        sign_off=sign_off,
    )
