"""The data migration that keeps budgets' points by each area's stable key instead of its title: forwards for the
budgets kept before, backwards to undo it, the figures and explanations untouched, and a budget worked out again
afterwards still found rather than kept twice."""

import importlib

import pytest
from django.apps import apps

from assessment.tests import factories
from ras import services
from ras.models import IndicativeBudget

pytestmark = pytest.mark.django_db

migration = importlib.import_module("ras.migrations.0008_points_by_domain_key")


def as_kept_before(budget: IndicativeBudget, titles: dict[str, str]) -> dict:
    """Turn a budget back into how the service kept it before the change: points by title, fingerprinted so."""
    by_title = {titles[key]: value for key, value in budget.points_by_domain.items()}
    IndicativeBudget.objects.filter(pk=budget.pk).update(
        points_by_domain=by_title,
        fingerprint=migration._fingerprint(budget, budget.assessment.questionnaire_id, by_title),
    )
    return by_title


@pytest.fixture
def budget(practitioner, someones_case, questionnaire, ras_version):
    assessment = factories.completed(
        actor=practitioner, case=someones_case, needs_in={"personal_care", "keeping_safe"}
    )
    factories.decided(assessment, actor=practitioner, eligible=True)
    return services.work_out_budget(actor=practitioner, assessment_id=assessment.pk)


def test_budgets_keep_points_by_area_key_and_tell_them_by_title(budget):
    assert budget.points_by_domain["personal_care"] > 0 and "Personal care" not in budget.points_by_domain
    assert any(line.startswith("Personal care: ") for line in budget.explanation)


def test_points_kept_by_title_are_rekeyed_and_back_again_leaving_the_figures_alone(budget, questionnaire):
    titles = dict(questionnaire.domains.values_list("key", "title"))
    by_key, fingerprint = dict(budget.points_by_domain), budget.fingerprint
    by_title = as_kept_before(budget, titles)
    weekly, explanation = budget.weekly, list(budget.explanation)

    migration.points_by_key(apps, None)
    budget.refresh_from_db()
    assert budget.points_by_domain == by_key
    assert budget.fingerprint == fingerprint  # as the service works it out now
    assert budget.weekly == weekly and budget.explanation == explanation

    migration.points_by_key(apps, None)  # run twice: nothing more changes
    budget.refresh_from_db()
    assert budget.points_by_domain == by_key

    migration.points_by_title(apps, None)
    budget.refresh_from_db()
    assert budget.points_by_domain == by_title


def test_a_budget_worked_out_again_after_the_migration_is_the_one_kept_before(
    budget, questionnaire, practitioner
):
    as_kept_before(budget, dict(questionnaire.domains.values_list("key", "title")))
    migration.points_by_key(apps, None)
    again = services.work_out_budget(actor=practitioner, assessment_id=budget.assessment_id)
    assert again.pk == budget.pk
    assert IndicativeBudget.objects.filter(assessment=budget.assessment).count() == 1


def test_a_name_the_questionnaire_does_not_know_is_left_as_it_is(budget):
    IndicativeBudget.objects.filter(pk=budget.pk).update(points_by_domain={"Retired area": 4})
    migration.points_by_key(apps, None)
    budget.refresh_from_db()
    assert budget.points_by_domain == {"Retired area": 4}
