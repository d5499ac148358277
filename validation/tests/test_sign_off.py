"""Sign-off within delegated limits: where a plan waits, agreeing, returning with reasons and escalating with a note,
and what the server refuses whatever the browser sends."""

import re
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from cases.milestones import Milestone
from cases.models import Case
from cases.roles import Role
from cases.stages import Stage
from cases.tests.factories import TeamFactory, UserFactory
from support_planning import services as plan_services
from support_planning.models import SupportPlan
from validation import selectors, services
from validation.models import SignOffDecision
from validation.tests.conftest import sent_for_sign_off

pytestmark = pytest.mark.django_db


def queued(user) -> list[int]:
    return [item.plan_pk for item in selectors.queue_for(user)]


def test_a_plan_within_the_team_manager_s_limit_waits_for_the_team_manager_of_its_team(
    case_to_sign_off, practitioner, manager, service_manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("30000"))
    elsewhere = UserFactory(role=Role.TEAM_MANAGER, team=TeamFactory(name="South locality team"))
    assert queued(manager) == [plan.pk]
    assert queued(service_manager) == [] and queued(elsewhere) == []
    [item] = selectors.queue_for(manager)
    assert (item.annual_cost, item.level, item.reference) == (
        D("30000"),
        "Team manager",
        case_to_sign_off.reference,
    )


def test_a_plan_a_penny_above_the_team_manager_s_limit_goes_to_the_service_manager(
    case_to_sign_off, practitioner, manager, service_manager, head_of_service
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("30000.01"))
    assert queued(manager) == [] and queued(head_of_service) == []
    assert queued(service_manager) == [plan.pk]


def test_the_team_manager_agrees_a_plan_and_the_case_moves_to_plan_agreed(
    case_to_sign_off, practitioner, manager, delegation_scheme
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    decision = services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0, note="A sound plan")
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.AGREED
    assert Case.objects.get(pk=plan.case_id).stage == Stage.PLAN_AGREED
    assert (decision.scheme, decision.level_name, decision.annual_cost, decision.decided_by) == (
        delegation_scheme,
        "Team manager",
        D("20000"),
        manager,
    )
    event = case_to_sign_off.events.filter(milestone=Milestone.PLAN_AGREED).get()
    assert event.actor == manager and event.stage == Stage.PLAN_AGREED
    assert event.facts["scheme_version"] == 1 and event.facts["annual"] == "20000.00"
    assert event.facts["decision"] == decision.pk and event.facts["note"] == "A sound plan"
    assert queued(manager) == []


def test_a_decision_above_the_approver_s_limit_is_refused_and_nothing_recorded(
    case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("45000"))
    with pytest.raises(services.CannotDecide, match=re.escape("beyond your limit of £30,000.00 a year")):
        services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    with pytest.raises(services.CannotDecide, match="service manager"):
        services.return_for_changes(actor=manager, plan_id=plan.pk, seen_decisions=0, reasons="Too much")
    assert not SignOffDecision.objects.exists()
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.SUBMITTED


def test_an_approver_cannot_agree_or_return_a_plan_they_wrote_but_may_escalate_it(
    case_to_sign_off, manager, service_manager
):
    plan = sent_for_sign_off(case_to_sign_off, manager, annual=D("12000"))
    with pytest.raises(services.CannotDecide, match="You wrote or sent this plan"):
        services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    with pytest.raises(services.CannotDecide, match="You wrote or sent this plan"):
        services.return_for_changes(actor=manager, plan_id=plan.pk, seen_decisions=0, reasons="Mine")
    services.escalate(actor=manager, plan_id=plan.pk, seen_decisions=0, note="I wrote this one")
    assert queued(manager) == [] and queued(service_manager) == [plan.pk]
    services.agree(actor=service_manager, plan_id=plan.pk, seen_decisions=1)
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.AGREED


def test_a_return_without_a_reason_is_refused(case_to_sign_off, practitioner, manager):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    with pytest.raises(services.CannotDecide, match="Say why the plan is being returned"):
        services.return_for_changes(actor=manager, plan_id=plan.pk, seen_decisions=0, reasons="   ")
    assert not SignOffDecision.objects.exists()


def test_a_returned_plan_comes_back_as_a_draft_and_is_sent_again_without_retyping(
    case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    services.return_for_changes(
        actor=manager, plan_id=plan.pk, seen_decisions=0, reasons="Say who helps on Sundays"
    )
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.RETURNED
    draft = plan.next_version
    assert draft.is_draft and draft.started_by == practitioner and draft.number == 2
    assert [o.in_my_words for o in draft.outcomes.all()] == [o.in_my_words for o in plan.outcomes.all()]
    assert sum(len(o.items.all()) for o in draft.outcomes.all()) == sum(
        len(o.items.all()) for o in plan.outcomes.all()
    )
    assert Case.objects.get(pk=plan.case_id).stage == Stage.SUPPORT_PLANNING
    returned = case_to_sign_off.events.get(milestone=Milestone.PLAN_RETURNED)
    assert returned.facts["reasons"] == "Say who helps on Sundays" and returned.actor == manager

    plan_services.submit(
        actor=practitioner, plan_id=draft.pk, seen_version=draft.version, gap_reason="Two carers"
    )
    draft.refresh_from_db()
    assert draft.status == SupportPlan.Status.SUBMITTED and draft.annual_cost == D("12000")
    assert queued(manager) == [draft.pk]
    services.agree(actor=manager, plan_id=draft.pk, seen_decisions=0)


def test_an_escalated_plan_waits_for_the_next_level_and_is_no_longer_the_team_manager_s(
    case_to_sign_off, practitioner, manager, service_manager, head_of_service
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    decision = services.escalate(actor=manager, plan_id=plan.pk, seen_decisions=0, note="A new provider")
    assert (decision.escalated_to_name, decision.level_name) == ("Service manager", "Team manager")
    assert queued(manager) == [] and queued(service_manager) == [plan.pk]
    with pytest.raises(services.CannotDecide, match="escalated to the service manager"):
        services.agree(actor=manager, plan_id=plan.pk, seen_decisions=1)
    services.escalate(actor=service_manager, plan_id=plan.pk, seen_decisions=1, note="Precedent")
    assert queued(head_of_service) == [plan.pk]
    with pytest.raises(services.CannotDecide, match="No one above the head of service"):
        services.escalate(actor=head_of_service, plan_id=plan.pk, seen_decisions=2, note="Again")
    agreed = services.agree(actor=head_of_service, plan_id=plan.pk, seen_decisions=2)
    assert agreed.level_name == "Head of service"
    event = case_to_sign_off.events.filter(milestone=Milestone.PLAN_ESCALATED).order_by("pk").first()
    assert event.facts["to"] == "Service manager" and event.facts["note"] == "A new provider"


def test_a_decision_made_while_the_approver_looked_is_not_overwritten(
    case_to_sign_off, practitioner, manager, service_manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    services.agree(actor=service_manager, plan_id=plan.pk, seen_decisions=0)
    with pytest.raises(
        services.CannotDecide, match=r"agreed this plan on .*: your decision was not recorded"
    ):
        services.return_for_changes(actor=manager, plan_id=plan.pk, seen_decisions=0, reasons="Hours")
    assert SignOffDecision.objects.count() == 1


def test_a_plan_withdrawn_to_be_changed_cannot_be_agreed_in_its_old_form(
    case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    plan_services.new_version(actor=practitioner, plan_id=plan.pk)
    with pytest.raises(services.CannotDecide, match="withdrawn to be changed"):
        services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)


def test_a_manager_of_another_team_may_not_decide(case_to_sign_off, practitioner):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    elsewhere = UserFactory(role=Role.TEAM_MANAGER, team=TeamFactory(name="South locality team"))
    with pytest.raises(PermissionDenied):
        services.agree(actor=elsewhere, plan_id=plan.pk, seen_decisions=0)


def test_a_plan_is_agreed_in_place_of_the_one_before_only_by_someone_who_may_sign_it_off(
    case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    before = SupportPlan.objects.create(
        case=case_to_sign_off, assessment=plan.assessment, number=0, status=SupportPlan.Status.AGREED
    )
    with pytest.raises(PermissionDenied):
        plan_services.mark_agreed(actor=practitioner, plan=plan, permission=services.PERMISSION)
    assert SupportPlan.objects.get(pk=before.pk).status == SupportPlan.Status.AGREED
    plan_services.mark_agreed(actor=manager, plan=plan, permission=services.PERMISSION)
    assert SupportPlan.objects.get(pk=plan.pk).status == SupportPlan.Status.AGREED
    assert SupportPlan.objects.get(pk=before.pk).status == SupportPlan.Status.SUPERSEDED
