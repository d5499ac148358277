"""Self-directed plans: the person drafts their own plan online from their outcomes and budget, one outcome a
page, and sends it to their worker, who carries on from it; while the person holds the draft, the worker reads but
changes nothing, and can take it back."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from cases.milestones import Milestone
from cases.roles import Role
from cases.tests.factories import UserFactory
from support_planning import drafting, services
from support_planning.models import Holder, PlanItem, Route, SupportPlan
from support_planning.money_management import Management
from support_planning.tests.carer_factories import assessed_as_a_carer, carers_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def margaret(someone):
    """The person of the budgeted case, with an account to sign in with."""
    return UserFactory(username="margaret", role=Role.CITIZEN, team=None, person=someone)


@pytest.fixture
def own_draft(margaret, budgeted):
    case, *_ = budgeted
    return drafting.start_own_draft(actor=margaret, case_id=case.pk)


def outcome_page(plan, number=1):
    return reverse("draft_outcome", args=[plan.pk, number])


def test_the_person_starts_their_own_draft_from_their_case_and_starting_again_carries_it_on(
    client, margaret, budgeted
):
    case, _, budget = budgeted
    client.force_login(margaret)
    start = client.get(reverse("draft_start", args=[case.pk]))
    assert f"£{budget.weekly:,} a week" in start.text

    response = client.post(reverse("draft_start", args=[case.pk]))
    plan = SupportPlan.objects.get(case=case)
    assert response.url == outcome_page(plan)
    assert (plan.route, plan.held_by, plan.budget) == (Route.SELF_DIRECTED, Holder.PERSON, budget)
    assert plan.what_matters == "Staying in my own home near my garden"
    first = plan.outcomes.first()
    page = client.get(outcome_page(plan))
    assert first.in_my_words.split("\n")[0] in page.text  # their own words, already written in

    assert client.post(reverse("draft_start", args=[case.pk])).url == outcome_page(plan)
    assert SupportPlan.objects.filter(case=case).count() == 1


def test_an_outcome_page_keeps_the_persons_words_and_adds_a_way_with_how_the_money_is_managed(
    client, margaret, own_draft
):
    plan = own_draft
    client.force_login(margaret)
    response = client.post(
        outcome_page(plan),
        {
            "version": plan.version,
            "in_my_words": "I want to wash and dress myself in the morning",
            "kind": PlanItem.Kind.PAID,
            "description": "A personal assistant each morning",
            "who_and_when": "Weekdays, 8 to 9",
            "management": Management.DIRECT_PAYMENT,
            "weekly_cost": "120.00",
            "another": "",
        },
    )
    assert response.url == outcome_page(plan) + "#add"
    outcome = plan.outcomes.first()
    outcome.refresh_from_db()
    assert outcome.in_my_words == "I want to wash and dress myself in the morning"
    way = outcome.items.get()
    assert (way.kind, way.management, way.amount, way.basis) == (
        PlanItem.Kind.PAID,
        Management.DIRECT_PAYMENT,
        D("120.00"),
        PlanItem.Basis.WEEKLY,
    )
    page = client.get(outcome_page(plan))
    assert "A personal assistant each morning" in page.text
    assert "£120.00 a week" in page.text  # the running total beside the budget


def test_family_support_costs_the_budget_nothing_and_save_and_continue_goes_to_the_next_outcome(
    client, margaret, own_draft
):
    plan = own_draft
    client.force_login(margaret)
    response = client.post(
        outcome_page(plan),
        {
            "version": plan.version,
            "in_my_words": "Keep clean",
            "kind": PlanItem.Kind.FAMILY,
            "description": "Help to shower",
            "who_and_when": "My daughter Jo, Sundays",
            "weekly_cost": "50",
        },
    )
    assert response.url == outcome_page(plan, 2)
    way = PlanItem.objects.get(outcome__plan=plan)
    assert (way.management, way.amount) == (Management.NOT_PAID, D("0"))
    last = client.post(outcome_page(plan, 2), {"version": plan.version + 1, "in_my_words": "Eat well"})
    assert last.url == reverse("draft_about", args=[plan.pk])


def test_a_way_half_filled_in_is_shown_with_errors_beside_the_fields_and_nothing_typed_is_lost(
    client, margaret, own_draft
):
    plan = own_draft
    client.force_login(margaret)
    page = client.post(
        outcome_page(plan),
        {
            "version": plan.version,
            "in_my_words": "My own new words",
            "kind": PlanItem.Kind.PAID,
            "who_and_when": "Mornings",
        },
    )
    assert page.status_code == 200
    assert "Enter what it is" in page.text
    assert "Select how you would like the money managed" in page.text
    assert "govuk-error-summary" in page.text
    assert "My own new words" in page.text and 'value="Mornings"' in page.text
    assert not PlanItem.objects.filter(outcome__plan=plan).exists()


def test_a_change_made_meanwhile_is_never_overwritten(client, margaret, own_draft):
    plan = own_draft
    client.force_login(margaret)
    client.post(outcome_page(plan), {"version": plan.version, "in_my_words": "Saved in the other tab"})
    stale = client.post(
        outcome_page(plan), {"version": plan.version, "in_my_words": "Typed from the old page"}
    )
    assert "Someone else changed the plan" in stale.text
    assert "Typed from the old page" in stale.text
    assert plan.outcomes.first().in_my_words == "Saved in the other tab"


def test_the_worker_reads_but_cannot_change_a_draft_the_person_holds_and_can_take_it_back(
    client, practitioner, margaret, own_draft
):
    plan = own_draft
    with pytest.raises(services.CannotPlan, match="is drafting this plan"):
        services.save_about(
            actor=practitioner, plan_id=plan.pk, seen_version=plan.version, details={"contingency": "x"}
        )
    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[plan.case_id]))
    assert "Margaret Ellis is drafting this plan online" in page.text
    assert reverse("plan_submit", args=[plan.pk]) not in page.text
    refused = client.get(reverse("plan_about", args=[plan.pk]), follow=True)
    assert "is drafting this plan" in refused.text

    client.post(reverse("plan_hand_over", args=[plan.pk]), {"to": Holder.WORKER})
    plan.refresh_from_db()
    assert plan.held_by == Holder.WORKER
    assert plan.case.events.filter(milestone=Milestone.PLAN_HANDED_OVER).exists()
    client.force_login(margaret)
    taken = client.get(outcome_page(plan), follow=True)
    assert "Your worker has your support plan now" in taken.text


def test_the_person_sends_their_draft_once_and_the_worker_carries_on_from_it(
    client, practitioner, margaret, own_draft
):
    plan = own_draft
    client.force_login(margaret)
    check = client.get(reverse("draft_check", args=[plan.pk]))
    assert "Send my plan to my worker" in check.text
    client.post(reverse("draft_check", args=[plan.pk]))
    again = client.post(reverse("draft_check", args=[plan.pk]), follow=True)  # a second press
    assert "Your worker has your support plan now" in again.text
    plan.refresh_from_db()
    assert plan.held_by == Holder.WORKER and plan.sent_to_worker_at is not None
    assert plan.case.events.filter(milestone=Milestone.PLAN_SENT_TO_WORKER).count() == 1
    assert (
        "You sent your draft plan to your worker"
        in client.get(reverse("your_plan", args=[plan.case_id])).text
    )

    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[plan.case_id]))
    assert "Margaret Ellis drafted this plan online and sent it to you" in page.text
    services.save_about(  # the worker now writes the plan on, from the person's draft
        actor=practitioner, plan_id=plan.pk, seen_version=plan.version, details={"contingency": "Call Jo"}
    )


def test_the_worker_hands_a_draft_to_the_person_only_when_they_can_sign_in(
    client, practitioner, budgeted, someone
):
    case, *_ = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    with pytest.raises(services.CannotPlan, match="has no account"):
        drafting.hand_over(actor=practitioner, plan_id=plan.pk, to=Holder.PERSON)
    margaret = UserFactory(username="margaret", role=Role.CITIZEN, team=None, person=someone)
    client.force_login(practitioner)
    assert "Ask Margaret or an organisation to draft the plan online" in (
        client.get(reverse("support_plan", args=[case.pk])).text
    )
    choose = client.get(reverse("plan_hand_over", args=[plan.pk]))
    assert "Margaret Ellis, online" in choose.text
    unchosen = client.post(reverse("plan_hand_over", args=[plan.pk]), {})
    assert "Choose who is to draft the plan" in unchosen.text and "govuk-error-summary" in unchosen.text
    client.post(reverse("plan_hand_over", args=[plan.pk]), {"to": Holder.PERSON})
    client.force_login(margaret)
    assert client.get(outcome_page(plan)).status_code == 200


def test_the_person_cannot_start_a_draft_when_their_worker_is_writing_the_plan(
    client, practitioner, margaret, budgeted
):
    case, *_ = budgeted
    services.start_plan(actor=practitioner, case_id=case.pk)
    client.force_login(margaret)
    refused = client.post(reverse("draft_start", args=[case.pk]), follow=True)
    assert "Your worker already has your support plan" in refused.text
    assert SupportPlan.objects.filter(case=case).count() == 1


def test_nobody_else_reaches_someones_draft(client, other_citizen, practitioner, own_draft):
    plan = own_draft
    client.force_login(other_citizen)
    assert client.get(reverse("draft_start", args=[plan.case_id])).status_code == 404
    assert client.get(outcome_page(plan)).status_code == 404
    assert client.post(reverse("draft_check", args=[plan.pk])).status_code == 404
    client.force_login(practitioner)
    assert client.get(outcome_page(plan)).status_code == 403


def test_a_person_without_a_budget_is_told_the_plan_comes_after_it(client, citizen, citizen_case):
    client.force_login(citizen)
    page = client.get(reverse("draft_start", args=[citizen_case.pk]))
    assert "once we have agreed what you need help with" in page.text
    refused = client.post(reverse("draft_start", args=[citizen_case.pk]), follow=True)
    assert "signed-off assessment" in refused.text


def test_a_carer_is_not_offered_to_draft_online_and_cannot_be_handed_the_draft(
    client, citizen, practitioner, questionnaire
):
    """A carer's plan has no indicative budget to plan against: their worker writes it with them."""
    case, _ = carers_case(citizen.person, actor=practitioner)
    assessed_as_a_carer(client, practitioner, case)

    client.force_login(citizen)
    assert "Draft your own plan" not in client.get(reverse("your_plan", args=[case.pk])).text
    start = client.get(reverse("draft_start", args=[case.pk]), follow=True)
    assert "Your worker writes your carer’s support plan with you" in start.text
    with pytest.raises(drafting.CannotPlan):
        drafting.start_own_draft(actor=citizen, case_id=case.pk)

    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    client.force_login(practitioner)
    assert "to draft the plan online" not in client.get(reverse("support_plan", args=[case.pk])).text
    with pytest.raises(drafting.CannotPlan):
        drafting.hand_over(actor=practitioner, plan_id=plan.pk, to=Holder.PERSON)
    assert SupportPlan.objects.get(pk=plan.pk).held_by == Holder.WORKER
