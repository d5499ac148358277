"""The assessment autosave: a practitioner's htmx save of one domain, on an assessment with nothing else answered
and on one with every question answered, among invented assessments loaded in bulk.

Each client saves its own assessment (one user per assessment, as on a visit). The same user's save is accepted
whatever version it was based on, so a client can send the version it started from every time.
"""

import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse

from assessment import selectors
from assessment.models import (
    Answer,
    Assessment,
    Domain,
    DomainResponse,
    Mode,
    Option,
    Question,
    Questionnaire,
)
from assessment.tests import factories
from cases.models import Case

ASSESSMENTS_PER_CASE_DIVISOR = 4  # 2,500 assessments at 10,000 cases
HEADERS = {"HX-Request": "true"}
CONFLICT = 'id="conflict"'  # in the answer to a save refused because someone else saved first
WORDS = "I can wash but need help getting in and out of the bath."
SCENARIOS = [("autosave (empty)", False), ("autosave (all answered)", True)]


def ensure_assessments(target: int, practitioner, say) -> int:
    """Top up to `target` assessments, each with every domain screened in and every question answered.

    They go on cases not allocated to the practitioner, whose cases are kept for the measured saves. The
    domains and answers are written with INSERT ... SELECT: a few statements, however many assessments. Triggers
    are off for this transaction (session_replication_role): row by row, the history triggers made loading take
    minutes, so these invented rows have no history events, and their keys are right by construction."""
    have = Assessment.objects.count()
    if have >= target:
        return 0
    started = time.perf_counter()
    questionnaire = Questionnaire.objects.current("adult")
    free = Case.objects.exclude(allocated_worker=practitioner).filter(assessments__isnull=True)
    case_pks = list(free.order_by("pk").values_list("pk", flat=True)[: target - have])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        made = Assessment.objects.bulk_create(
            [
                Assessment(case_id=pk, questionnaire=questionnaire, mode=Mode.VISIT, started_by=practitioner)
                for pk in case_pks
            ],
            batch_size=5000,
        )
        ids = [assessment.pk for assessment in made]
        cursor.execute(
            f"""INSERT INTO {DomainResponse._meta.db_table}
                  (assessment_id, domain_id, has_needs, person_words, practitioner_notes, carers_views, version,
                   updated_at, updated_by_id)
                SELECT a, d.id, true, %s, '', '', 1, now(), %s
                FROM unnest(%s::bigint[]) a, {Domain._meta.db_table} d WHERE d.questionnaire_id = %s""",
            [WORDS, practitioner.pk, ids, questionnaire.pk],
        )
        cursor.execute(
            f"""INSERT INTO {Answer._meta.db_table} (assessment_id, question_id, option_id, answered_at)
                SELECT a, q.id, q.options[1 + (a + q.id) %% cardinality(q.options)], now()
                FROM unnest(%s::bigint[]) a, (
                  SELECT q.id, array_agg(o.id ORDER BY o."order") AS options
                  FROM {Question._meta.db_table} q
                  JOIN {Domain._meta.db_table} d ON d.id = q.domain_id
                  JOIN {Option._meta.db_table} o ON o.question_id = q.id
                  WHERE d.questionnaire_id = %s GROUP BY q.id) q""",
            [ids, questionnaire.pk],
        )
    say(
        f"  loaded {have + len(ids):,}/{target:,} assessments ({time.perf_counter() - started:.1f}s for {len(ids):,})"
    )
    return len(ids)


@dataclass
class Save:
    """One measured autosave: a path and a form per client, each client on its own assessment."""

    name: str
    paths: list[str]
    forms: list[dict]
    domain: str
    questions: int


def prepare(practitioner, *, after_case: int, clients: int, say) -> list[Save]:
    """Assessments for the measured saves, on the practitioner's earliest open cases after `after_case` (so the
    case page's subject is untouched): the same cases at every size, started and answered once, then reused."""
    wanted = clients * len(SCENARIOS)
    cases = list(
        Case.objects.open().filter(allocated_worker=practitioner, pk__gt=after_case).order_by("pk")[:wanted]
    )
    if len(cases) < wanted:
        raise RuntimeError(
            f"{wanted} open cases allocated to the practitioner are needed, found {len(cases)}"
        )
    saves = []
    for index, (name, answered) in enumerate(SCENARIOS):
        paths, forms = [], []
        for case in cases[index * clients : (index + 1) * clients]:
            assessment = factories.start(actor=practitioner, case=case)
            structure = selectors.structure(assessment.questionnaire)  # also fills the per-process cache
            domain = max(structure, key=lambda d: len(d.questions.all()))  # the domain with most questions
            total = sum(len(d.questions.all()) for d in structure)
            if answered and Answer.objects.filter(assessment=assessment).count() < total:
                factories.answer_all(assessment, actor=practitioner)
            others = Answer.objects.filter(assessment=assessment).exclude(question__domain=domain).count()
            if others != (total - len(domain.questions.all()) if answered else 0):
                raise RuntimeError(f"{assessment.reference} has {others} answers outside {domain.key}")
            version = assessment.responses.get(domain=domain).version
            paths.append(reverse("assessment_domain", kwargs={"pk": assessment.pk, "key": domain.key}))
            forms.append(
                {
                    "version": str(version),
                    "has_needs": "yes",
                    **{f"q_{q.key}": str(q.options.all()[0].pk) for q in domain.questions.all()},
                    "person_words": WORDS,
                }
            )
        saves.append(Save(name, paths, forms, domain.key, len(domain.questions.all())))
    say(
        f"autosave: domain {domain.key!r} ({saves[0].questions} questions), {clients} assessments per scenario"
    )
    return saves


def csrf_secret() -> str:
    """A CSRF secret for the clients' cookie and X-CSRFToken header (no page is fetched for it)."""
    request = RequestFactory().get("/")
    get_token(request)
    return request.META["CSRF_COOKIE"]
