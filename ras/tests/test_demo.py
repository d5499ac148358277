"""The demo's assessments decided eligible have their indicative budgets, for the budget pages and the RAS preview;
needs found not eligible have none; and every demo case is at a stage its work explains."""

import io

import pytest
from django.core.management import call_command

from assessment.models import Assessment
from cases.models import Case
from cases.stages import Stage
from ras.models import IndicativeBudget

pytestmark = pytest.mark.django_db


def _load():
    call_command("load_demo", "--people", "30", stdout=io.StringIO())
    call_command("load_contact_demo", stdout=io.StringIO())
    call_command("load_assessment_demo", stdout=io.StringIO())
    call_command("load_ras_demo", stdout=io.StringIO())


def test_only_demo_assessments_decided_eligible_get_a_budget_once(ras_version):
    _load()
    eligible = Assessment.objects.filter(decision__eligible=True, questionnaire__kind="adult").count()
    assert eligible and IndicativeBudget.objects.count() == eligible
    assert Assessment.objects.filter(decision__eligible=False).exists()
    assert not IndicativeBudget.objects.filter(assessment__decision__eligible=False).exists()
    out = io.StringIO()
    call_command("load_ras_demo", stdout=out)
    assert "Nothing to add." in out.getvalue()
    assert IndicativeBudget.objects.count() == eligible


def test_every_demo_case_is_at_a_stage_its_work_explains(ras_version):
    _load()
    past_assessment = [
        Stage.INDICATIVE_BUDGET,
        Stage.SUPPORT_PLANNING,
        Stage.VALIDATION,
        Stage.PLAN_AGREED,
        Stage.LIVE,
        Stage.REVIEW,
    ]
    for case in Case.objects.open():
        assessments = Assessment.objects.filter(case=case)
        if case.stage in past_assessment:
            assert assessments.filter(decision__eligible=True).exists(), case.stage
            if assessments.filter(questionnaire__kind="carer").exists():
                continue  # the RAS gives a carer's assessment no budget: a carer's plan is costed without one
            assert IndicativeBudget.objects.of_eligible_needs().filter(assessment__case=case).exists()
        elif case.stage in (Stage.CONTACT, Stage.REABLEMENT):
            assert not assessments.exists(), case.stage
        else:
            assert not assessments.filter(decision__eligible=True).exists()
