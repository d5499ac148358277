"""Demo assessments for `make run`, each case at a stage its work explains: some of the cases waiting at the
assessment stage have one under way, built on their contact; a third are completed and decided (eligible, on to
the indicative budget; not eligible, waiting to be signed off with the decision letter); and every case already
past assessment has the signed-off assessment that found its needs eligible."""

import random

from django.db import transaction

from assessment import selectors, services, signing_off
from assessment.models import Assessment, EligibilityDecision, Mode, Questionnaire
from assessment.questionnaires import seed_published
from cases.models import Case, User
from cases.stages import Stage

DEMO_SEED = 5

PAST_ASSESSMENT = (
    Stage.INDICATIVE_BUDGET,
    Stage.SUPPORT_PLANNING,
    Stage.VALIDATION,
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
    unable = ["hygiene", "nutrition"] if eligible else ["hygiene"]
    earlier = EligibilityDecision.objects.filter(assessment=assessment).first()
    signing_off.record_eligibility(
        actor=actor,
        assessment_id=assessment.pk,
        seen_version=earlier.version if earlier else 0,
        findings={outcome: (["without_assistance"], "") for outcome in unable},
        needs_from_condition=True,
        carer_health_at_risk=None,
        wellbeing_impact=True,
        wellbeing_notes="Finds it hard to wash and to cook, and has stopped seeing friends",
    )
    if sign_off:
        signing_off.sign_off(actor=actor, assessment_id=assessment.pk)
