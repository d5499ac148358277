"""The demo's completed assessments have their indicative budgets, for the budget pages and the RAS preview."""

import io

import pytest
from django.core.management import call_command

from assessment.models import Assessment
from ras.models import IndicativeBudget

pytestmark = pytest.mark.django_db


def test_every_completed_demo_assessment_gets_a_budget_once(ras_version):
    call_command("load_demo", "--people", "30", stdout=io.StringIO())
    call_command("load_contact_demo", stdout=io.StringIO())
    call_command("load_assessment_demo", stdout=io.StringIO())
    call_command("load_ras_demo", stdout=io.StringIO())
    completed = Assessment.objects.filter(status="completed").count()
    assert completed and IndicativeBudget.objects.count() == completed
    out = io.StringIO()
    call_command("load_ras_demo", stdout=out)
    assert "Nothing to add." in out.getvalue()
    assert IndicativeBudget.objects.count() == completed
