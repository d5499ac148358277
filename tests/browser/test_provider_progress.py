"""A provider in a browser: someone at the organisation a person's plan names finds them under "People you support",
records their progress (a missed question shown beside it first), asks for a review, and the worker finds the
review due now on their queue with what the provider said beside each outcome."""

import pytest
from playwright.sync_api import expect

from reviews.tests.conftest import ARRANGED, agreed_plan, gone_live
from support_planning.models import Management, PlanItem
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HELP_TO_GET_OUT = {
    "kind": PlanItem.Kind.PAID,
    "description": "Help to get out to the shops and the library",
    "provider": "Norwich Independent Living Group",
    "management": Management.COUNCIL_MANAGED,
    "basis": PlanItem.Basis.WEEKLY,
    "amount": 40,
}


def test_a_provider_records_progress_and_asks_for_a_review(
    page, practitioner, manager, provider, someones_case, questionnaire, ras_version, delegation_scheme
):
    case, *_ = budgeted_case(practitioner, someones_case)
    plan = gone_live(agreed_plan(case, practitioner, manager, ways=(HELP_TO_GET_OUT, ARRANGED)), practitioner)
    outcome = plan.outcomes.order_by("order", "pk").first()
    name = case.person.known_as

    sign_in(page, provider.username)
    page.get_by_role("link", name="People you support").click()
    expect(page.locator("#people")).to_contain_text("Help to get out to the shops")
    assert accessibility_violations(page) == []
    page.get_by_role("link", name=case.person.full_name).click()
    expect(page.locator("#provided")).to_contain_text("Help to get out to the shops")
    expect(page.locator("main")).not_to_contain_text("Lunch delivered")  # another provider's

    # A question missed: shown beside it, and the note typed is kept.
    page.locator(f"#id_note_{outcome.pk}").fill("Walked to the library on her own twice")
    page.get_by_role("button", name="Record progress").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"Select whether {name} is moving towards outcome 1"
    )
    expect(page.locator(f"#id_note_{outcome.pk}")).to_have_value("Walked to the library on her own twice")
    assert accessibility_violations(page) == []
    page.get_by_label("Achieved", exact=True).check()
    page.get_by_label("More independent").check()
    page.get_by_role("button", name="Record progress").click()
    expect(page.get_by_role("alert")).to_contain_text("Progress recorded")
    expect(page.locator("#recorded")).to_be_visible()

    page.get_by_role("link", name="Ask for a review").click()
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.locator(".govuk-error-message")).to_contain_text("Enter why you are asking for a review")
    assert accessibility_violations(page) == []
    page.get_by_label(f"Why are you asking for a review of {name}’s support?").fill(
        "She wants to try the bus on her own; the support could change"
    )
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.get_by_role("alert")).to_contain_text("You asked for a review")
    expect(page.locator("#review")).to_contain_text("You asked for a review on")

    # The worker: due now on the queue, with what the provider said on the review page.
    page.context.clear_cookies()
    sign_in(page, practitioner.username)
    page.goto("/reviews/")
    expect(page.locator("#due + table")).to_contain_text(case.person.full_name)
    expect(page.locator("main")).to_contain_text("Progress from providers")
    page.get_by_role("link", name="Read it").click()
    expect(page.locator("#outcome-1")).to_contain_text("Achieved")
    expect(page.locator("#outcome-1")).to_contain_text("Walked to the library on her own twice")
    expect(page.locator("#asked")).to_contain_text("She wants to try the bus on her own")
    assert accessibility_violations(page) == []
