"""The demo's risk enablement panel: a meeting this morning with a risk on its agenda, one next week with a plan
waiting for sign-off, a flagged risk not referred yet; loading again adds nothing."""

import io

import pytest
from django.core.management import call_command

from cases.selectors import panel_on
from support_planning.models import PlanRisk
from validation.models import PanelMeeting, PanelReferral

pytestmark = pytest.mark.django_db


def test_the_demo_panel_has_a_meeting_today_and_one_to_come_each_with_a_referral_once(ras_version):
    call_command("load_demo", "--people", "40", stdout=io.StringIO())
    for command in ("load_contact_demo", "load_assessment_demo", "load_ras_demo", "load_plan_demo"):
        call_command(command, stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_panel_demo", stdout=out)
    assert "Referred 3 plans or risks to the panel." in out.getvalue()
    today, next_week = PanelMeeting.objects.order_by("starts_at")
    decided, waiting = today.referrals.order_by("pk")
    [whole_plan] = next_week.referrals.all()
    assert decided.is_decided and decided.decision.actions.count() == 1 and waiting.is_open
    assert {decided.plan.status, waiting.plan.status} == {"draft"} and waiting.risk_words
    assert whole_plan.risk_words == "" and whole_plan.plan.status == "submitted"
    assert panel_on(whole_plan.case).open[0].meeting_at == next_week.starts_at
    assert PlanRisk.objects.filter(for_panel=True).count() == 3
    again = io.StringIO()
    call_command("load_panel_demo", stdout=again)
    assert "Nothing to add." in again.getvalue() and PanelReferral.objects.count() == 3
