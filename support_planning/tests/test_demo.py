"""The demo's cases at support planning have a plan being written, and those waiting for sign-off one sent;
the demo carer has a carer's support plan sent for sign-off, with support to the person they care for; loading
again adds nothing."""

import io

import pytest
from django.core.management import call_command

from cases.models import Case, User
from cases.stages import Stage
from support_planning.models import Holder, PlanItem, PlanOutcome, SupportPlan

pytestmark = pytest.mark.django_db


def test_demo_cases_at_planning_and_sign_off_have_their_plans_once(ras_version):
    call_command("load_demo", "--people", "40", stdout=io.StringIO())
    for command in ("load_contact_demo", "load_assessment_demo", "load_ras_demo", "load_plan_demo"):
        call_command(command, stdout=io.StringIO())
    drafts = SupportPlan.objects.filter(status=SupportPlan.Status.DRAFT)
    with_the_organisation = drafts.get(held_by=Holder.ORGANISATION)
    assert User.objects.get(username="ulo").organisation == with_the_organisation.drafting_organisation
    sent = SupportPlan.objects.filter(status=SupportPlan.Status.SUBMITTED)
    assert drafts.exists() and sent.exists()
    assert set(drafts.values_list("case__stage", flat=True)) == {Stage.SUPPORT_PLANNING}
    assert set(sent.values_list("case__stage", flat=True)) == {Stage.VALIDATION}
    assert not PlanOutcome.objects.filter(plan__in=sent, items__isnull=True).exists()
    assert PlanItem.objects.filter(outcome__plan__in=drafts).exists()  # those the workers write
    carers = sent.filter(assessment__questionnaire__kind="carer")
    assert carers.count() == 1 and carers.get().budget is None
    assert PlanItem.objects.filter(
        outcome__plan__in=carers, cared_for__isnull=False, cared_for_agrees=True
    ).exists()
    out = io.StringIO()
    call_command("load_plan_demo", stdout=out)
    assert "Nothing to add." in out.getvalue()
    assert Case.objects.filter(support_plans__isnull=False).distinct().count() == SupportPlan.objects.count()
