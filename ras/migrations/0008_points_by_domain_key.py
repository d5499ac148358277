"""Budgets keep their points by each area's stable key (as the assessment and the RAS adjustments name areas), not
by its title, which is for display and may be reworded in a new questionnaire version. The figures and their
explanations are unchanged; the fingerprint a budget is kept once by is worked out again from the re-keyed points,
as the service now works it out, so working a budget out again still finds it."""

import hashlib
import json

from django.db import migrations


def _fingerprint(budget, questionnaire_id: int, points: dict) -> str:
    # As ras.services.work_out: the version, the questionnaire, the points by area and the answers read.
    chosen = {tuple(key.split("/", 1)): order for key, order in budget.answer_orders.items()}
    key = json.dumps(
        [budget.ras_id, questionnaire_id, sorted(points.items()), sorted(map(list, chosen.items()))]
    )
    return hashlib.sha256(key.encode()).hexdigest()


def _rekey(apps, *, by_key: bool) -> None:
    IndicativeBudget = apps.get_model("ras", "IndicativeBudget")
    Domain = apps.get_model("assessment", "Domain")
    names: dict[int, dict[str, str]] = {}
    taken: dict[int, set[str]] = {}
    budgets = IndicativeBudget.objects.select_related("assessment").order_by("pk")
    for budget in budgets.iterator(chunk_size=2000):
        questionnaire_id = budget.assessment.questionnaire_id
        if questionnaire_id not in names:
            pairs = Domain.objects.filter(questionnaire_id=questionnaire_id).values_list("title", "key")
            names[questionnaire_id] = dict(pairs) if by_key else {key: title for title, key in pairs}
        rename = names[questionnaire_id]
        # A name the questionnaire does not know (already re-keyed, or never one of its areas) stays as it is.
        points = {rename.get(name, name): value for name, value in budget.points_by_domain.items()}
        fingerprints = taken.setdefault(
            budget.assessment_id,
            set(
                IndicativeBudget.objects.filter(assessment_id=budget.assessment_id).values_list(
                    "fingerprint", flat=True
                )
            ),
        )
        fingerprint = _fingerprint(budget, questionnaire_id, points)
        if fingerprint != budget.fingerprint and fingerprint in fingerprints:
            fingerprint = budget.fingerprint  # never two of one assessment's budgets with one fingerprint
        if points == budget.points_by_domain and fingerprint == budget.fingerprint:
            continue
        fingerprints.discard(budget.fingerprint)
        fingerprints.add(fingerprint)
        budget.points_by_domain, budget.fingerprint = points, fingerprint
        budget.save(update_fields=["points_by_domain", "fingerprint"])


def points_by_key(apps, schema_editor):
    _rekey(apps, by_key=True)


def points_by_title(apps, schema_editor):
    _rekey(apps, by_key=False)


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_questionnaires_and_assessments"),
        ("ras", "0007_ras_versions_as_versioned_configuration"),
    ]

    operations = [migrations.RunPython(points_by_key, points_by_title)]
