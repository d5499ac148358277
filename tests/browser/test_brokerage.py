"""Brokerage in a browser: a worker asks for help to find a provider for the home care in an agreed plan, a broker
finds providers in the directory near the person and records two offers (a mistyped one shown beside its fields
first), one is chosen, and starting the support orders it from the plan without asking who provides it; and someone
who pays the full cost asks online and reads on their case who was chosen."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.tests.factories import OrganizationFactory, ServiceFactory, district
from ras.tests.factories import pays_the_full_cost
from reviews import brokerage_services as services
from reviews.brokerage_models import BrokerageRequest
from reviews.models import GoLive
from reviews.tests.conftest import agreed_plan
from reviews.tests.test_brokerage import (  # noqa: F401 (citizens_agreed_plan is a fixture)
    HOME_CARE,
    citizens_agreed_plan,
    two_offers,
)
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, name: str, day: datetime.date) -> None:
    page.locator(f"[name={name}_0]").fill(str(day.day))
    page.locator(f"[name={name}_1]").fill(str(day.month))
    page.locator(f"[name={name}_2]").fill(str(day.year))


def test_a_brokerage_request_answered_by_two_provider_offers_one_chosen(
    page, practitioner, manager, someones_case, questionnaire, ras_version, delegation_scheme
):
    case, *_ = budgeted_case(practitioner, someones_case)
    plan = agreed_plan(case, practitioner, manager, ways=(HOME_CARE,))
    ServiceFactory(
        name="Home care in Norwich",
        description="Personal care at home, mornings and evenings.",
        organization=OrganizationFactory(name="Riverside Home Care"),
        at="NR1",
        is_free=False,
    )
    district("NR1")
    today = timezone.localdate()

    sign_in(page, practitioner.username)
    page.goto(f"/plans/cases/{case.pk}/")
    page.get_by_role("link", name="Ask for help to find a provider").click()
    page.get_by_role("button", name="Ask for help").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the support is needed from")
    assert accessibility_violations(page) == []
    fill_date(page, "needed_from", today + datetime.timedelta(days=7))
    page.get_by_label("What matters in choosing a provider (optional)").fill("Before 9, a woman carer")
    page.get_by_role("button", name="Ask for help").click()
    expect(page.get_by_role("alert")).to_contain_text("The request is on the brokerage queue")
    expect(page.locator("#needed")).to_contain_text("£154.00 a week")
    expect(page.locator("#needed")).to_contain_text("NR1")

    page.get_by_role("link", name="Brokerage", exact=True).first.click()
    expect(page.locator("#brokerage-queue")).to_contain_text("Help to wash and dress each morning")
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Help to wash and dress each morning").click()
    page.locator("#directory summary").click()
    page.locator("#brokerage-directory-search [name=q]").fill("home care")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#directory-results")).to_contain_text("Home care in Norwich")
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Record an approach to Riverside Home Care").click()
    expect(page.get_by_label("Provider")).to_have_value("Riverside Home Care")

    # A rate that is not a number and no start date: shown beside the fields, what was typed kept.
    page.get_by_label("They made an offer").check()
    page.get_by_label("Hours a week").fill("7")
    page.get_by_label("Hourly rate").fill("twenty")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the day the provider can start")
    expect(summary).to_contain_text("Hourly rate must be an amount of money, like 120.50")
    expect(page.get_by_label("Hours a week")).to_have_value("7")
    assert accessibility_violations(page) == []
    fill_date(page, "starts_on", today + datetime.timedelta(days=10))
    page.get_by_label("Hourly rate").fill("21.50")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Saved what Riverside Home Care said")

    page.get_by_role("link", name="Record a provider you asked").click()
    page.get_by_label("Provider").fill("Wensum Care Co-operative")
    page.get_by_label("They made an offer").check()
    fill_date(page, "starts_on", today + datetime.timedelta(days=7))
    page.get_by_label("Hours a week").fill("7")
    page.get_by_label("Hourly rate").fill("22.00")
    page.get_by_role("button", name="Save").click()
    offers = page.locator("[data-approach]")
    expect(offers).to_have_count(2)
    assert accessibility_violations(page) == []

    page.get_by_role("button", name="Choose this offer from Riverside Home Care").click()
    expect(page.locator("#chosen")).to_contain_text("Riverside Home Care chosen")
    expect(page.get_by_role("button", name="Choose this offer from Wensum Care Co-operative")).to_have_count(
        0
    )
    assert accessibility_violations(page) == []

    page.get_by_role("link", name="start the support").click()
    expect(page.locator("#how-paid")).to_contain_text("Riverside Home Care")
    expect(page.get_by_label("Who provides “Help to wash and dress each morning”?")).to_have_count(0)
    fill_date(page, "starts_on", today + datetime.timedelta(days=10))
    page.get_by_role("button", name="Start the support").click()
    expect(page.get_by_role("alert")).to_contain_text("The support has started")
    order = GoLive.objects.get(plan=plan).orders.get()
    assert (order.provider, str(order.weekly)) == ("Riverside Home Care", "150.50")


def test_someone_paying_the_full_cost_asks_online_and_reads_what_was_chosen_on_their_case(
    page,
    citizen,
    practitioner,
    finance_officer,
    citizens_agreed_plan,  # noqa: F811
):
    case = citizens_agreed_plan.case
    pays_the_full_cost(case, finance_officer)
    sign_in(page, citizen.username)
    page.goto(f"/your-case/{case.pk}/")
    page.get_by_role("link", name="Ask us to find a provider for the support in your plan").click()
    page.get_by_role("button", name="Ask for help").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the support is needed from")
    assert accessibility_violations(page) == []
    fill_date(page, "needed_from", timezone.localdate() + datetime.timedelta(days=3))
    page.get_by_role("button", name="Ask for help").click()
    expect(page.get_by_role("alert")).to_contain_text("We will find providers and tell you what they offer")
    expect(page.locator("[data-asked]")).to_contain_text("We are asking providers near you")
    assert accessibility_violations(page) == []

    request = BrokerageRequest.objects.get()
    assert request.by_the_person and request.self_funder
    chosen, _ = two_offers(practitioner, request)
    services.choose(actor=practitioner, request_id=request.pk, approach_id=chosen.pk)
    page.goto(f"/your-case/{case.pk}/")
    expect(page.locator("main")).to_contain_text(
        "Riverside Home Care will provide “Help to wash and dress each morning”"
    )
    assert accessibility_violations(page) == []
