"""Changes at a review in a browser: the worker records a review that needs the plan changed, changes the lunches a
little and the changes are agreed as they are sent, nobody signing them off; at the next review a larger change goes
to the team manager's queue; and a review that finds the person's needs changed opens their reassessment with the
last one's answers and words in it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reviews.models import Review
from reviews.tests.conftest import agreed_plan, gone_live
from support_planning.models import SupportPlan
from support_planning.tests.factories import budgeted_case, words_for

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def record_review(page, review: Review, result: str) -> None:
    page.goto(reverse("hold_review", args=[review.pk]))
    page.get_by_role("button", name="Start the review").click()
    for outcome in review.plan.outcomes.all():
        page.locator(f"input[name=achieved_{outcome.pk}][value=partly]").check()
    page.get_by_label("What has changed since the plan started?").fill("Her daughter has moved away")
    page.get_by_label(result).check()
    page.get_by_role("button", name="Record the review").click()


def change_lunches(page, case, weekly: str) -> None:
    page.goto(reverse("support_plan", args=[case.pk]))
    page.get_by_role("link", name="Lunch delivered on weekdays").first.click()
    page.get_by_label("Amount a week", exact=True).fill(weekly)
    page.get_by_role("button", name="Save").first.click()


def test_changes_within_and_beyond_the_tolerance(
    page, practitioner, manager, someone, someones_case, questionnaire, ras_version, delegation_scheme
):
    case, *_ = budgeted_case(practitioner, someones_case)
    plan = gone_live(agreed_plan(case, practitioner, manager), practitioner)
    sign_in(page, practitioner.username)

    # A small change: £5 a week more for lunches is agreed as it is sent.
    record_review(
        page, Review.objects.get(case=case, status=Review.Status.SCHEDULED), "The plan needs changing"
    )
    change_lunches(page, case, "40.00")
    expect(page.locator("#change")).to_contain_text("+£260.00 a year")
    expect(page.locator("#change")).to_contain_text("Within the tolerance for changes")
    page.get_by_role("link", name="Check and agree the changes").click()
    expect(page.locator("#tolerance")).to_contain_text("This change is within that")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Agree the changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The changes are agreed")
    changed = SupportPlan.objects.get(case=case, status=SupportPlan.Status.AGREED)
    assert changed.number == plan.number + 1
    gone_live(changed, practitioner)

    # A larger change at the next review waits for the team manager.
    record_review(
        page, Review.objects.get(case=case, status=Review.Status.SCHEDULED), "The plan needs changing"
    )
    change_lunches(page, case, "150.00")
    expect(page.locator("#change")).to_contain_text("Beyond the tolerance for changes")
    page.get_by_role("link", name="Check and send for sign-off").click()
    expect(page.locator("#tolerance")).to_contain_text("so a manager signs the plan off")
    page.get_by_label("Why the plan differs from the indicative budget").fill(
        "Lunches every day of the week now"
    )
    page.get_by_role("button", name="Send for sign-off").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("sent for sign-off")
    page.context.clear_cookies()
    sign_in(page, manager.username)
    page.goto(reverse("approvals"))
    page.get_by_role("link", name=someone.full_name).first.click()
    expect(page.locator("#change")).to_contain_text("+£5,720.00 a year")
    expect(page.locator("#change")).to_contain_text("Beyond the tolerance for changes")
    assert accessibility_violations(page) == []


def test_a_reassessment_at_a_review_starts_from_the_last_assessment(
    page, practitioner, manager, someones_case, questionnaire, ras_version, delegation_scheme
):
    case, assessment, _ = budgeted_case(practitioner, someones_case)
    gone_live(agreed_plan(case, practitioner, manager), practitioner)
    sign_in(page, practitioner.username)

    record_review(
        page, Review.objects.get(case=case, status=Review.Status.SCHEDULED), "The person's needs have changed"
    )

    revision = case.assessments.get(revision_of=assessment)
    response = assessment.responses.exclude(person_words="").select_related("domain").first()
    page.goto(reverse("assessment_domain", args=[revision.pk, response.domain.key]))
    expect(page.locator("main")).to_contain_text(words_for(response.domain))  # their words, not asked again
    assert accessibility_violations(page) == []
