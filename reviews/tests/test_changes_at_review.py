"""A plan changed at a review: a change within the council's tolerance for changes is agreed as it is sent, with
nobody signing it off; a larger one goes to sign-off; a reduction is refused until the person is reassessed, and the
plan after a reassessment starts from the agreed one. The plan agreed last is the one in place."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.tests import factories as assessment_factories
from cases.milestones import Milestone
from cases.models import Letter, LetterType
from cases.roles import Role
from cases.stages import Stage
from cases.tests.factories import UserFactory
from ras import services as ras_services
from reviews import services
from reviews.models import Review
from support_planning import services as plan_services
from support_planning.models import PlanItem, SupportPlan
from validation import services as sign_off
from validation.models import PersonalBudget, SignOffDecision

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_review(practitioner, agreed):
    """The agreed plan's support in place (£175 a week: a £140 direct payment and £35 of lunches), its review
    started."""
    today = timezone.localdate()
    services.go_live(
        actor=practitioner,
        plan_id=agreed.pk,
        starts_on=today,
        direct_payment=services.DirectPaymentStart(today, today),
    )
    review = Review.objects.get(case=agreed.case, status=Review.Status.SCHEDULED)
    return services.start_review(actor=practitioner, review_id=review.pk)


def held(review, practitioner, result) -> None:
    services.hold_review(
        actor=practitioner,
        review_id=review.pk,
        findings=[services.Finding(outcome.pk, "partly", "") for outcome in review.plan.outcomes.all()],
        what_changed="Her daughter has moved away",
        result=result,
    )


def lunches_at(plan: SupportPlan, practitioner, weekly: str) -> SupportPlan:
    """The plan's lunches changed to `weekly` pounds a week, through the service."""
    item = PlanItem.objects.get(outcome__plan=plan, description__startswith="Lunch")
    plan.refresh_from_db()
    plan_services.save_item(
        actor=practitioner,
        plan_id=plan.pk,
        seen_version=plan.version,
        outcome_id=item.outcome_id,
        item_id=item.pk,
        details={
            "kind": item.kind,
            "description": item.description,
            "provider": item.provider,
            "management": item.management,
            "basis": item.basis,
            "amount": D(weekly),
        },
    )
    plan.refresh_from_db()
    return plan


def changed_plan(review, practitioner, weekly: str) -> SupportPlan:
    held(review, practitioner, Review.Result.PLAN_CHANGE)
    draft = SupportPlan.objects.get(case=review.case, status=SupportPlan.Status.DRAFT)
    return lunches_at(draft, practitioner, weekly)


def send(client, plan: SupportPlan):
    return client.post(
        reverse("plan_submit", args=[plan.pk]),
        {"version": plan.version, "gap_reason": "Family help"},
        follow=True,
    )


def test_a_change_within_the_tolerance_is_agreed_as_it_is_sent(client, practitioner, under_review):
    draft = changed_plan(under_review, practitioner, "40.00")  # £260 a year more: within 10% and £2,600
    client.force_login(practitioner)
    check = client.get(reverse("plan_submit", args=[draft.pk])).text
    assert "Version 1 costs £9,100.00 a year: this plan is +£260.00 a year" in check
    assert "This change is within that: the plan is agreed as soon as you send it" in check
    assert "Agree the changes" in check

    page = send(client, draft).text

    assert "The changes are agreed" in page
    draft.refresh_from_db()
    assert draft.status == SupportPlan.Status.AGREED
    decision = SignOffDecision.objects.get(plan=draft)
    assert decision.outcome == SignOffDecision.Outcome.WITHIN_TOLERANCE
    assert decision.decided_by == practitioner and decision.annual_cost == D("9360.00")
    under_review.plan.refresh_from_db()
    assert under_review.plan.status == SupportPlan.Status.SUPERSEDED  # one agreed plan: the new one
    assert PersonalBudget.objects.get(plan=draft).weekly_cost == D("180.00")
    draft.case.refresh_from_db()
    assert draft.case.stage == Stage.PLAN_AGREED  # ready to start the changed support
    agreed = draft.case.events.get(milestone=Milestone.PLAN_AGREED, subject_id=draft.pk)
    assert "within the tolerance for changes" in agreed.summary
    letter = Letter.objects.filter(case=draft.case, letter_type=LetterType.PLAN_AGREED).latest("pk")
    assert letter.content["changed_from"] == {"weekly": "175.00", "changed": True}


def test_a_change_beyond_the_tolerance_goes_to_sign_off(client, practitioner, manager, under_review):
    draft = changed_plan(under_review, practitioner, "150.00")  # £5,980 a year more
    client.force_login(practitioner)
    assert (
        "This change is more than that, so a manager signs the plan off"
        in client.get(reverse("plan_submit", args=[draft.pk])).text
    )

    assert "The plan has been sent for sign-off" in send(client, draft).text

    draft.refresh_from_db()
    assert draft.status == SupportPlan.Status.SUBMITTED
    assert not SignOffDecision.objects.filter(plan=draft).exists()
    under_review.plan.refresh_from_db()
    assert under_review.plan.status == SupportPlan.Status.AGREED  # it stands until the change is agreed
    client.force_login(manager)
    assert reverse("plan_sign_off", args=[draft.pk]) in client.get(reverse("approvals")).text
    sign_off.agree(actor=manager, plan_id=draft.pk, seen_decisions=0)
    under_review.plan.refresh_from_db()
    assert under_review.plan.status == SupportPlan.Status.SUPERSEDED


def test_a_budget_is_not_reduced_without_a_reassessment(client, practitioner, under_review):
    draft = changed_plan(under_review, practitioner, "20.00")
    client.force_login(practitioner)

    page = send(client, draft).text

    assert "This plan costs £780.00 a year less than the agreed plan (£9,100.00 a year)" in page
    assert "only reduced after the person’s needs are reassessed" in page
    assert "govuk-error-summary" in page
    draft.refresh_from_db()
    assert draft.status == SupportPlan.Status.DRAFT


def test_after_a_reassessment_the_plan_starts_from_the_agreed_one_and_may_cost_less(
    client, practitioner, under_review
):
    held(under_review, practitioner, Review.Result.REASSESS)
    revision = under_review.case.assessments.get(revision_of__isnull=False)
    assessment_factories.complete(revision, actor=practitioner)
    assessment_factories.decided(revision, actor=practitioner, eligible=True, sign_off=True)
    ras_services.work_out_budget(actor=practitioner, assessment_id=revision.pk)

    plan = plan_services.start_plan(actor=practitioner, case_id=under_review.case_id)

    assert plan.assessment_id == revision.pk and plan.previous_id == under_review.plan_id
    assert sorted(
        PlanItem.objects.filter(outcome__plan=plan).values_list("description", flat=True)
    ) == sorted(
        PlanItem.objects.filter(outcome__plan=under_review.plan).values_list("description", flat=True)
    )  # the support the person has, nothing typed again
    plan = lunches_at(plan, practitioner, "30.00")
    client.force_login(practitioner)
    send(client, plan)
    plan.refresh_from_db()
    assert (
        plan.status == SupportPlan.Status.AGREED
    )  # reassessed, and £260 a year less is within the tolerance


def test_the_case_s_worker_is_to_be_emailed_that_a_change_within_the_tolerance_is_agreed(
    client, practitioner, under_review, team, django_capture_on_commit_callbacks
):
    worker = UserFactory(
        username="worker", role=Role.PRACTITIONER, team=team, email="sam.patel@northbrook.example.gov.uk"
    )
    under_review.case.allocated_worker = worker
    under_review.case.save(update_fields=["allocated_worker"])
    draft = changed_plan(under_review, practitioner, "40.00")
    client.force_login(practitioner)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        send(client, draft)

    assert SignOffDecision.objects.get(plan=draft).outcome == SignOffDecision.Outcome.WITHIN_TOLERANCE
    tell = draft.case.events.get(milestone=Milestone.PLAN_AGREED, subject_id=draft.pk).facts["tell"]
    assert tell == [worker.pk]  # not the worker who sent it
    assert len(queued) == 2  # the person's letter and the email to the worker (its words: validation's tests)


def test_a_reassessment_made_after_the_changed_plan_was_started_lets_it_cost_less(
    client, practitioner, under_review
):
    draft = changed_plan(under_review, practitioner, "20.00")  # less: refused until the person is reassessed
    revision = assessment_factories.revised(under_review.plan.assessment, actor=practitioner)
    assessment_factories.complete(revision, actor=practitioner)
    assessment_factories.decided(revision, actor=practitioner, eligible=True, sign_off=True)
    draft.refresh_from_db()
    client.force_login(practitioner)

    send(client, draft)

    draft.refresh_from_db()
    assert (
        draft.status == SupportPlan.Status.AGREED
    )  # £780 a year less, within the tolerance, after reassessment
