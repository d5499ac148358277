"""The demo's support in place: one person's plan agreed and started today, naming the user-led organisation, whose
`ulo` sees them; they sign in as citizen2; loading again adds nothing."""

import io

import pytest
from django.core.management import call_command

from cases.models import User
from cases.selectors import interim_support_on
from cases.stages import Stage
from reviews import brokerage_selectors, selectors
from reviews.brokerage_models import BrokerageRequest
from reviews.interim_models import InterimSupport
from reviews.models import GoLive, Review

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_persons_support_in_place_for_the_user_led_organisation_once(
    ras_version, delegation_scheme
):
    call_command("load_demo", "--people", "40", stdout=io.StringIO())
    for command in ("load_contact_demo", "load_assessment_demo", "load_ras_demo", "load_plan_demo"):
        call_command(command, stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_review_demo", stdout=out)
    assert "citizen2" in out.getvalue()
    started = GoLive.objects.get()
    assert started.case.stage == Stage.LIVE and started.direct_payment is not None
    assert Review.objects.get(case=started.case).status == "scheduled"
    citizen = User.objects.get(username="citizen2")
    assert citizen.person == started.case.person and citizen.check_password("demo-password-2026")
    ulo = User.objects.get(username="ulo")
    assert [one.case for one in selectors.people_supported_by(ulo.organisation)] == [started.case]
    assert "two offers wait on the queue" in out.getvalue()
    waiting = BrokerageRequest.objects.get()
    assert waiting.status == "open" and waiting.case != started.case
    assert waiting.approaches.filter(answer="offered").count() == 2
    assert [found.pk for found in brokerage_selectors.queue()] == [waiting.pk]
    again = io.StringIO()
    call_command("load_review_demo", stdout=again)
    assert "Nothing to add." in again.getvalue() and GoLive.objects.count() == 1
    assert BrokerageRequest.objects.count() == 1


def test_the_demo_has_one_person_with_urgent_support_running_before_their_plan(
    ras_version, delegation_scheme
):
    call_command("load_demo", "--people", "40", stdout=io.StringIO())
    call_command("load_contact_demo", stdout=io.StringIO())
    call_command("load_assessment_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_review_demo", stdout=out)
    assert "urgent support" in out.getvalue()
    support = InterimSupport.objects.get()
    assert support.is_running and support.case.stage == Stage.ASSESSMENT
    assert [shown.interim for shown in interim_support_on(support.case)] == [support.pk]
    call_command("load_review_demo", stdout=io.StringIO())
    assert InterimSupport.objects.count() == 1
