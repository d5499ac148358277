"""A self-review in a browser: with their support in place, the person signs in with JavaScript off, says how each
outcome of their plan is going, what has changed and how their direct payment works, fixes a question they missed,
checks and sends it; their worker finds it on the reviews queue and reads it on the case's review page."""

import pytest
from playwright.sync_api import expect

from reviews.tests.conftest import agreed_plan, gone_live
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in
from .test_self_directed_plan import accessibility_violations_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_citizen_tells_their_worker_how_their_support_is_going_without_javascript(
    no_js_page,
    page,
    practitioner,
    manager,
    citizen,
    citizen_case,
    questionnaire,
    ras_version,
    delegation_scheme,
):
    case, *_ = budgeted_case(practitioner, citizen_case)
    plan = gone_live(agreed_plan(case, practitioner, manager), practitioner)
    first, second = [outcome.in_my_words for outcome in plan.outcomes.order_by("order", "pk")]
    person = no_js_page
    sign_in(person, citizen.username)
    person.goto(f"/your-case/{case.pk}/")
    person.get_by_role("link", name="Tell us how your support is going").click()
    expect(person.locator("#asked-about")).to_contain_text("how your direct payment is working")
    assert accessibility_violations_of(person, page) == []
    person.get_by_role("button", name="Start now").click()

    # The first outcome, missed once: the error is beside the question and what was typed is still there.
    expect(person.locator(".govuk-caption-l")).to_contain_text("1 of 2")
    expect(person.locator(".govuk-hint").first).to_contain_text(first[:40])
    person.get_by_label("Tell us more (optional)").fill("Mornings are rushed")
    person.get_by_role("button", name="Continue").click()
    expect(person.locator(".govuk-error-summary")).to_contain_text("Select yes, partly or no")
    expect(person.locator(".govuk-error-message")).to_contain_text("Select yes, partly or no")
    expect(person.get_by_label("Tell us more (optional)")).to_have_value("Mornings are rushed")
    assert accessibility_violations_of(person, page) == []
    person.get_by_label("Partly").check()
    person.get_by_role("button", name="Continue").click()

    expect(person.locator(".govuk-caption-l")).to_contain_text("2 of 2")
    expect(person.locator(".govuk-hint").first).to_contain_text(second[:40])
    person.get_by_label("Yes").check()
    person.get_by_role("button", name="Continue").click()
    person.get_by_label("What has changed for you since your support started?").fill("My daughter moved away")
    person.get_by_role("button", name="Continue").click()
    person.get_by_label("There are some problems").check()
    person.get_by_label("Tell us more (optional)").fill("The payroll is confusing")
    person.get_by_role("button", name="Continue").click()
    person.get_by_role("button", name="Continue").click()  # nothing else to say

    expect(person.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    expect(person.locator("#answers")).to_contain_text("Mornings are rushed")
    expect(person.locator("#answers")).to_contain_text("The payroll is confusing")
    assert accessibility_violations_of(person, page) == []
    person.get_by_role("button", name="Send to my worker").click()
    expect(person.locator(".govuk-panel__title")).to_have_text("Sent to your worker")
    assert accessibility_violations_of(person, page) == []

    # The worker sees it on the reviews queue and reads it, outcome by outcome.
    sign_in(page, practitioner.username)
    page.goto("/reviews/")
    expect(page.locator("main")).to_contain_text("Self-review received")
    page.get_by_role("link", name="Read it").click()
    expect(page.locator("#outcome-1")).to_contain_text("Partly met")
    expect(page.locator("#outcome-1")).to_contain_text("Mornings are rushed")
    expect(page.locator("#self-review")).to_contain_text("My daughter moved away")
    assert accessibility_violations(page) == []
