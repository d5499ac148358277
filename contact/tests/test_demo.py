"""The demo's front door has something in every queue and every measure."""

import io

import pytest
from django.core.management import call_command

from contact.models import Contact, Referral, SafeguardingConcern

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_queues_and_the_measures_and_loads_once():
    call_command("load_demo", "--people", "30", stdout=io.StringIO())
    call_command("load_contact_demo", stdout=io.StringIO())
    completed = Contact.objects.completed()
    assert completed.count() == 60
    assert completed.filter(about_known_matter=True).exists()
    assert Contact.objects.filter(status="submitted").count() == 2
    assert Contact.objects.drafts().count() == 1
    assert SafeguardingConcern.objects.filter(decision="").exists()
    assert Referral.objects.filter(kind="reablement").exists()
    out = io.StringIO()
    call_command("load_contact_demo", stdout=out)
    assert "nothing added" in out.getvalue() and Contact.objects.count() == 63
