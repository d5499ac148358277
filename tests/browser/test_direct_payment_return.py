"""A direct payment return in a browser: the person, signed in with JavaScript off, finds the question on their
case page, mistypes the balance and puts it right, says what paid for something outside the plan, and sends it;
their worker sees it on the review's page, flagged because it is more than the council's rules allow."""

import pytest
from playwright.sync_api import expect

from reviews.tests.conftest import agreed_plan, gone_live
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in
from .test_self_directed_plan import accessibility_violations_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_citizen_sends_a_direct_payment_return_and_their_worker_sees_what_to_talk_about(
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
    gone_live(agreed_plan(case, practitioner, manager), practitioner)
    person = no_js_page
    sign_in(person, citizen.username)
    person.goto(f"/your-case/{case.pk}/")
    person.get_by_role("link", name="Tell us about your direct payment").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Your direct payment")
    expect(person.locator("main")).to_contain_text("we have paid")
    assert accessibility_violations_of(person, page) == []

    person.get_by_label("How much is in your direct payment account today?").fill("a lot")
    person.get_by_label("paid for things that are not in your support plan").fill("400")
    person.get_by_role("button", name="Send").click()
    expect(person.locator(".govuk-error-summary")).to_contain_text(
        "Enter how much is in the account in pounds and pence"
    )
    expect(person.locator(".govuk-error-summary")).to_contain_text("Say what the money paid for")
    expect(person.get_by_label("paid for things that are not in your support plan")).to_have_value("400")
    assert accessibility_violations_of(person, page) == []
    person.get_by_label("How much is in your direct payment account today?").fill("2500")
    person.get_by_label("What did that money pay for?").fill("A new washing machine")
    person.get_by_role("button", name="Send").click()
    expect(person.locator(".govuk-notification-banner--success")).to_contain_text("we have what you told us")

    sign_in(page, practitioner.username)
    page.goto(f"/reviews/cases/{case.pk}/")
    section = page.locator("main")
    expect(section).to_contain_text("sent a return online")
    expect(section).to_contain_text("To talk about at the review")
    expect(section).to_contain_text("£2,500.00 in the account is more than 12 weeks of payments")
    expect(section).to_contain_text("“A new washing machine”")
    assert accessibility_violations(page) == []
