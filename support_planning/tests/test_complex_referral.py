"""A plan that meets the council's complex-case criteria goes to the complex support planning team: referred from
the plan as it stands, on that team's queue, picked up once by one of its workers, and only then sent for
sign-off when the criterion requires it."""

import pytest
from django.urls import reverse

from cases.milestones import Milestone
from cases.roles import Role
from cases.tests.factories import TeamFactory, UserFactory
from support_planning import services
from support_planning.models import ComplexReferral, PlanRisk, Route, SupportPlan
from support_planning.tests.factories import PAID_CARE, meet_every_outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def complex_team(db):
    return TeamFactory(name="Complex support planning team", plans_complex_support=True)


@pytest.fixture
def complex_worker(complex_team):
    return UserFactory(username="complex_worker", role=Role.PRACTITIONER, team=complex_team)


@pytest.fixture
def risky_plan(practitioner, budgeted):
    """A plan with every outcome met, and a risk marked for the panel: a criterion that requires referral."""
    case, *_ = budgeted
    plan = services.start_plan(actor=practitioner, case_id=case.pk)
    plan = meet_every_outcome(plan, practitioner, {**PAID_CARE, "management": "council_managed"})
    PlanRisk.objects.create(plan=plan, in_my_words="I go out alone at night", for_panel=True)
    plan.refresh_from_db()
    return plan


def test_a_plan_that_must_go_to_the_complex_team_is_referred_picked_up_and_then_sent(
    client, practitioner, complex_team, complex_worker, manager, risky_plan
):
    plan = risky_plan
    with pytest.raises(services.CannotPlan, match="Refer the plan to the complex support planning team"):
        services.submit(actor=practitioner, plan_id=plan.pk, seen_version=plan.version, gap_reason="x")
    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[plan.case_id]))
    assert "This plan must go to the complex support planning team" in page.text
    client.post(reverse("plan_refer", args=[plan.pk]), {"note": "Needs a positive risk plan"})
    client.post(reverse("plan_refer", args=[plan.pk]))  # pressed twice
    referral = ComplexReferral.objects.get()
    assert referral.team == complex_team and referral.reasons == [
        "A risk is marked for the risk enablement panel"
    ]
    assert SupportPlan.objects.get(pk=plan.pk).route == Route.COMPLEX
    assert plan.case.events.filter(milestone=Milestone.REFERRAL_MADE, subject_id=referral.pk).exists()

    client.force_login(complex_worker)
    queue = client.get(reverse("complex_queue"))
    assert plan.case.person.full_name in queue.text and "Needs a positive risk plan" in queue.text
    picked = client.post(reverse("complex_queue"), {"referral": referral.pk})
    assert picked.url == reverse("support_plan", args=[plan.case_id])
    assert "picked up by" in client.get(picked.url).text
    assert plan.case.person.full_name not in client.get(reverse("complex_queue")).text

    other = UserFactory(username="other_complex", role=Role.PRACTITIONER, team=complex_team)
    with pytest.raises(services.CannotPlan, match="has already picked this plan up"):
        services.pick_up_complex_referral(actor=other, referral_id=referral.pk)

    plan.refresh_from_db()
    sent = services.submit(actor=complex_worker, plan_id=plan.pk, seen_version=plan.version, gap_reason="x")
    assert sent.plan.status == SupportPlan.Status.SUBMITTED


def test_only_the_complex_team_sees_its_queue(client, practitioner, complex_worker):
    client.force_login(practitioner)
    assert client.get(reverse("complex_queue")).status_code == 403
    client.force_login(complex_worker)
    assert client.get(reverse("complex_queue")).status_code == 200


@pytest.mark.parametrize("referral", ["not-a-number", "", "99999999999999999999"])
def test_picking_up_something_that_is_not_a_referral_is_not_found(client, complex_worker, referral):
    client.force_login(complex_worker)
    assert client.post(reverse("complex_queue"), {"referral": referral}).status_code == 404
