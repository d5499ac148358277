"""The demo data a newcomer sees after `make run`."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cases.models import Case, CaseEvent, Letter, Person, User
from cases.roles import Role
from cases.stages import Stage

pytestmark = pytest.mark.django_db


def test_demo_data_has_staff_for_every_role_and_cases_across_the_journey():
    call_command("load_demo", stdout=io.StringIO())
    # Someone at a provider comes with the demo plans (support_planning.demo): their account names an organisation.
    assert {user.role for user in User.objects.all()} == set(Role) - {Role.PROVIDER}
    assert Case.objects.count() == 50
    assert Case.objects.values("stage").distinct().count() >= 7
    assert (
        Case.objects.filter(stage=Stage.CLOSED, closed_at__isnull=False).count()
        == Case.objects.filter(stage=Stage.CLOSED).count()
    )
    citizen = User.objects.get(username="citizen")
    assert citizen.person.cases.exists()


def test_every_demo_case_has_its_reference_letter_queued_and_on_the_timeline():
    call_command("load_demo", stdout=io.StringIO())
    assert Letter.objects.filter(letter_type="case_reference").count() == Case.objects.count()
    assert CaseEvent.objects.filter(milestone="letter_requested").count() == Case.objects.count()


def test_loading_the_demo_twice_adds_nothing_new():
    call_command("load_demo", stdout=io.StringIO())
    counts = (Person.objects.count(), Case.objects.count(), User.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Person.objects.count(), Case.objects.count(), User.objects.count()) == counts


def test_the_printed_demo_password_signs_every_demo_user_in():
    from cases.demo import DEMO_PASSWORD, STAFF

    call_command("load_demo", stdout=io.StringIO())
    for username, *_ in [*STAFF, ("citizen",)]:
        response = Client().post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username


def test_every_demo_case_timeline_starts_with_its_opening_and_ends_at_its_stage():
    call_command("load_demo", stdout=io.StringIO())
    for case in Case.objects.prefetch_related("events"):
        events = sorted(case.events.all(), key=lambda event: event.occurred_at)
        assert events[0].milestone == "case_opened"
        assert events[-1].stage == case.stage
