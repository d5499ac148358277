"""The demo has assessments under way and completed, built on the questionnaire every new one uses."""

import io

import pytest
from django.core.management import call_command

from assessment.models import Assessment

pytestmark = pytest.mark.django_db


def test_the_demo_has_assessments_in_progress_and_completed_and_loads_once():
    call_command("load_demo", "--people", "30", stdout=io.StringIO())
    call_command("load_contact_demo", stdout=io.StringIO())
    call_command("load_assessment_demo", stdout=io.StringIO())
    assert Assessment.objects.filter(status="completed").exists()
    assert Assessment.objects.filter(status="signed_off").exists()
    assert Assessment.objects.in_progress().exists()
    assert Assessment.objects.filter(responses__has_needs=True).exists()
    out = io.StringIO()
    call_command("load_assessment_demo", stdout=out)
    assert "nothing added" in out.getvalue()
