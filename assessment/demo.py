"""Demo assessments for `make run`: some of the cases waiting at the assessment stage have one under way,
built on their contact, and a third are completed, so every assessment screen has something to show."""

import random

from django.db import transaction

from assessment import selectors, services
from assessment.models import Assessment, Mode, Questionnaire
from assessment.questionnaires import seed_published
from cases.models import Case, User
from cases.stages import Stage

DEMO_SEED = 5


@transaction.atomic
def load_assessments(*, seed: int = DEMO_SEED, count: int = 6) -> bool:
    """Add the demo's assessments once; returns whether anything was added."""
    if Assessment.objects.exists():
        return False
    seed_published()
    practitioner = User.objects.filter(role="practitioner").order_by("pk").first()
    cases = list(Case.objects.open().filter(stage=Stage.ASSESSMENT).select_related("person")[:count])
    if practitioner is None or not cases:
        return False
    rng = random.Random(seed)
    domains = selectors.structure(Questionnaire.objects.current("adult"))
    for number, case in enumerate(cases):
        actor = (
            case.allocated_worker
            if case.allocated_worker and case.allocated_worker.does_casework
            else practitioner
        )
        assessment = services.start_assessment(
            actor=actor, case=case, mode=rng.choice([Mode.PHONE, Mode.VISIT])
        )
        finished = number < max(1, len(cases) // 3)
        explored = domains if finished else domains[: rng.randint(2, len(domains) - 2)]
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
        if finished:
            services.complete_assessment(actor=actor, assessment_id=assessment.pk)
    return True
