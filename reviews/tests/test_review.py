"""A review recorded: how far each outcome was met, what changed, and what happens next: the support carries on,
the plan is changed from the agreed one, or the person is reassessed; the next review is scheduled each time."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment
from cases.milestones import Milestone
from cases.models import Letter, LetterType
from cases.stages import Stage
from reviews import schedule, services
from reviews.models import Review
from support_planning.models import PlanItem, SupportPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(practitioner, agreed):
    today = timezone.localdate()
    services.go_live(
        actor=practitioner,
        plan_id=agreed.pk,
        starts_on=today,
        direct_payment=services.DirectPaymentStart(today, today),
    )
    review = Review.objects.get(case=agreed.case, status=Review.Status.SCHEDULED)
    services.start_review(actor=practitioner, review_id=review.pk)
    return review


def answers(review, result: str, achieved: str = "met") -> dict:
    fields = {f"achieved_{outcome.pk}": achieved for outcome in review.plan.outcomes.all()}
    return {**fields, "what_changed": "Walks to the shop again", "result": result}


def test_the_review_is_started_then_recorded(client, practitioner, agreed):
    today = timezone.localdate()
    services.go_live(
        actor=practitioner,
        plan_id=agreed.pk,
        starts_on=today,
        direct_payment=services.DirectPaymentStart(today, today),
    )
    review = Review.objects.get(case=agreed.case)
    client.force_login(practitioner)
    assert "Start the review" in client.get(reverse("hold_review", args=[review.pk])).text
    client.post(reverse("hold_review", args=[review.pk]), {"start": "1"})
    agreed.case.refresh_from_db()
    assert agreed.case.stage == Stage.REVIEW
    assert "How far each outcome was met" in client.get(reverse("hold_review", args=[review.pk])).text


def test_support_carrying_on_is_recorded_and_the_next_review_is_a_year_on(client, practitioner, live):
    client.force_login(practitioner)
    page = client.get(reverse("hold_review", args=[live.pk])).text
    assert "How far each outcome was met" in page
    response = client.post(reverse("hold_review", args=[live.pk]), answers(live, Review.Result.NO_CHANGE))
    assert response.status_code == 302
    live.refresh_from_db()
    today = timezone.localdate()
    assert (live.status, live.held_on, live.result) == (Review.Status.DONE, today, Review.Result.NO_CHANGE)
    assert live.outcomes.filter(achieved="met").count() == live.plan.outcomes.count()
    following = Review.objects.get(case=live.case, status=Review.Status.SCHEDULED)
    assert following.due_by == schedule.add_months(today, 12)
    live.case.refresh_from_db()
    assert live.case.stage == Stage.LIVE
    event = live.case.events.get(milestone=Milestone.REVIEW_DONE)
    assert event.facts["outcomes_met"] == live.plan.outcomes.count()

    again = client.post(
        reverse("hold_review", args=[live.pk]), answers(live, Review.Result.NO_CHANGE), follow=True
    )
    assert "This review has been recorded already" in again.text
    assert Review.objects.filter(case=live.case, status=Review.Status.DONE).count() == 1


def test_a_plan_needing_change_comes_back_as_a_draft_from_the_agreed_one(client, practitioner, live):
    client.force_login(practitioner)
    client.post(reverse("hold_review", args=[live.pk]), answers(live, Review.Result.PLAN_CHANGE, "partly"))
    draft = SupportPlan.objects.get(case=live.case, status=SupportPlan.Status.DRAFT)
    assert draft.previous_id == live.plan_id and draft.number == live.plan.number + 1
    assert (
        PlanItem.objects.filter(outcome__plan=draft).count()
        == PlanItem.objects.filter(outcome__plan=live.plan).count()
    )
    live.plan.refresh_from_db()
    assert live.plan.status == SupportPlan.Status.AGREED  # it stands until the new version is agreed
    live.case.refresh_from_db()
    assert live.case.stage == Stage.SUPPORT_PLANNING


def test_changed_needs_start_a_reassessment_from_the_last_assessment(client, practitioner, live):
    client.force_login(practitioner)
    client.post(reverse("hold_review", args=[live.pk]), answers(live, Review.Result.REASSESS, "not_met"))
    revision = Assessment.objects.get(case=live.case, revision_of__isnull=False)
    assert revision.revision_of == live.plan.assessment
    assert revision.what_matters == live.plan.assessment.what_matters  # nothing asked again
    live.case.refresh_from_db()
    assert live.case.stage == Stage.ASSESSMENT


def test_an_outcome_left_unanswered_is_asked_for_beside_it_and_nothing_typed_is_lost(
    client, practitioner, live
):
    client.force_login(practitioner)
    data = answers(live, Review.Result.NO_CHANGE)
    first = live.plan.outcomes.first()
    del data[f"achieved_{first.pk}"]
    page = client.post(reverse("hold_review", args=[live.pk]), data).text
    assert "govuk-error-summary" in page and "Select how far outcome 1 was met" in page
    assert "Walks to the shop again" in page
    live.refresh_from_db()
    assert live.status == Review.Status.SCHEDULED


def test_the_person_is_sent_what_the_review_found_once(client, practitioner, live):
    client.force_login(practitioner)
    data = answers(live, Review.Result.NO_CHANGE, "partly")
    client.post(reverse("hold_review", args=[live.pk]), data)
    client.post(reverse("hold_review", args=[live.pk]), data)  # pressed twice: one review, one letter

    letter = Letter.objects.get(case=live.case, letter_type=LetterType.REVIEW_OUTCOME)
    following = Review.objects.get(case=live.case, status=Review.Status.SCHEDULED)
    said = letter.content
    assert [found["met"] for found in said["outcomes"]] == ["Partly"] * live.plan.outcomes.count()
    assert said["what_changed"] == "Walks to the shop again"
    assert said["next"] == "Your support carries on as it is."
    assert said["next_review_by"] == f"{following.due_by:%-d %B %Y}"
