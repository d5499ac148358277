"""The council's spending guidance in use: shown while the plan is written, checked when it is sent, flags the worker
and the manager see, never a refusal; kept in the planning rules' versions."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from cases.roles import Role
from cases.tests.factories import UserFactory
from support_planning import drafting, selectors, services
from support_planning.models import PlanItem, PlanningRules, SupportPlan
from support_planning.money_management import Management
from support_planning.tests.factories import meet_every_outcome

pytestmark = pytest.mark.django_db

BETTING = {
    "kind": PlanItem.Kind.PAID,
    "description": "An online betting account",
    "management": Management.DIRECT_PAYMENT,
    "basis": PlanItem.Basis.WEEKLY,
    "amount": D("20"),
}
SON = {
    "kind": PlanItem.Kind.PAID,
    "description": "Help with meals in the evening",
    "provider": "Paid to my son",
    "management": Management.DIRECT_PAYMENT,
    "basis": PlanItem.Basis.WEEKLY,
    "amount": D("60"),
}
FAMILY = {
    "kind": PlanItem.Kind.FAMILY,
    "description": "My son cooks on Sundays",
    "management": Management.NOT_PAID,
}


@pytest.fixture
def plan(practitioner, budgeted):
    case, *_ = budgeted
    return services.start_plan(actor=practitioner, case_id=case.pk)


def add(plan, actor, details):
    plan.refresh_from_db()
    services.save_item(
        actor=actor,
        plan_id=plan.pk,
        seen_version=plan.version,
        outcome_id=plan.outcomes.first().pk,
        details=details,
    )


def test_the_council_starts_with_guidance_in_its_planning_rules():
    guidance = selectors.rules_in_force().guidance
    assert {rule.what for rule in guidance} >= {
        "Alcohol, tobacco or gambling",
        "Everyday living costs",
        "Paying a relative who lives with you",
    }


def test_the_worker_sees_the_guidance_while_adding_an_item(client, practitioner, plan):
    client.force_login(practitioner)
    page = client.get(reverse("plan_item_new", args=[plan.pk, plan.outcomes.first().pk]))
    assert "What a personal budget can pay for" in page.text
    assert "Alcohol, tobacco or gambling" in page.text


def test_items_the_budget_pays_for_are_flagged_beside_them_and_free_help_is_not(client, practitioner, plan):
    for details in (BETTING, SON, FAMILY):
        add(plan, practitioner, details)
    flags = selectors.figures(selectors.plan_with_everything(plan.pk)).spending_flags
    assert [(flag.description, flag.guidance.what) for flag in flags] == [
        ("An online betting account", "Alcohol, tobacco or gambling"),
        ("Help with meals in the evening", "Paying a relative who lives with you"),
    ]
    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[plan.case_id])).text
    assert "Cannot be paid for" in page and "Paying a relative who lives with you" in page


def test_a_flagged_plan_is_still_sent_and_the_manager_sees_what_was_flagged(
    client, practitioner, manager, plan, delegation_scheme
):
    plan = meet_every_outcome(plan, practitioner, FAMILY)
    add(plan, practitioner, {**BETTING, "management": Management.COUNCIL_MANAGED})
    client.force_login(practitioner)
    check = client.get(reverse("plan_submit", args=[plan.pk])).text
    assert "The council’s spending guidance" in check and "An online betting account" in check
    plan.refresh_from_db()
    services.submit(actor=practitioner, plan_id=plan.pk, seen_version=plan.version, gap_reason="Family help")
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.SUBMITTED
    assert [flag["what"] for flag in plan.spending_flags] == ["Alcohol, tobacco or gambling"]
    assert plan.case.events.get(milestone="plan_submitted").facts["spending_flags"] == 1

    client.force_login(manager)
    screen = client.get(reverse("plan_sign_off", args=[plan.pk])).text
    assert "It pointed to one item when the plan was sent" in screen
    assert "An online betting account" in screen and "Cannot be paid for" in screen


def test_a_new_draft_of_the_planning_rules_keeps_the_guidance_to_change(client, council_admin):
    published = PlanningRules.objects.get(version=1)
    draft = published.copy_as_draft(version=2)
    assert [rule.what for rule in draft.spending.all()] == [rule.what for rule in published.spending.all()]
    client.force_login(council_admin)
    page = client.get(reverse("planning_rules_version", args=[draft.pk])).text
    assert "Spending guidance" in page and "betting" in page
    assert (
        client.get(reverse("admin:support_planning_planningrules_change", args=[draft.pk])).status_code == 200
    )


def test_the_person_drafting_their_plan_sees_the_guidance_and_what_it_says_of_their_way(
    client, budgeted, someone
):
    person = UserFactory(username="margaret", role=Role.CITIZEN, team=None, person=someone)
    case, *_ = budgeted
    plan = drafting.start_own_draft(actor=person, case_id=case.pk)
    client.force_login(person)
    page = reverse("draft_outcome", args=[plan.pk, 1])
    assert "What my budget can pay for" in client.get(page).text
    client.post(
        page,
        {
            "version": plan.version,
            "in_my_words": "To see my friends",
            "kind": PlanItem.Kind.PAID,
            "description": "Bingo on Fridays with my friends",
            "management": Management.DIRECT_PAYMENT,
            "another": "1",
        },
    )
    again = client.get(page).text
    assert "Bingo on Fridays with my friends" in again and "Cannot be paid for" in again
