"""Money in a browser: the indicative budget on the same visit, explained; a finance officer's financial
assessment, confirmed with a letter."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessment.tests import factories
from cases.tests.factories import CaseFactory

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_practitioner_completes_an_assessment_decides_it_eligible_and_sees_the_indicative_budget_explained(
    tablet_page, practitioner, someone, questionnaire, ras_version
):
    page = tablet_page
    case = CaseFactory(person=someone, team=practitioner.team, stage="assessment")
    assessment = factories.start(actor=practitioner, case=case)
    factories.answer_all(
        assessment,
        actor=practitioner,
        needs_in={"personal_care", "keeping_safe"},
        choose=lambda options: options[-1],
    )
    sign_in(page, practitioner.username)
    page.goto(f"/assessments/{assessment.pk}/check/")
    page.get_by_role("button", name="Complete the assessment").click()
    for outcome in ("hygiene", "home_safety"):
        page.locator(f"#outcome-{outcome}").get_by_label(
            "Cannot do it without help, including prompting"
        ).check()
    page.locator("#id_needs_from_condition").get_by_label("Yes").check()
    page.locator("#id_wellbeing_impact").get_by_label("Yes").check()
    page.get_by_label("The impact on their wellbeing").fill("Frightened of falling at night")
    page.get_by_role("button", name="Apply the rules and save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicative budget")
    expect(page.locator(".fd-budget")).to_contain_text("a week")
    expect(page.locator("#explanation")).to_contain_text("Personal care:")
    expect(page.locator("#explanation")).to_contain_text(
        "Night support (most nights or more): +£90.00 a week"
    )
    expect(page.locator("main")).to_contain_text("not a limit")
    assert accessibility_violations(page) == []


def test_a_finance_officer_completes_a_financial_assessment(
    page, finance_officer, practitioner, someone, questionnaire, charging_year, celery_worker_on_redis
):
    case = CaseFactory(person=someone, team=practitioner.team, stage="assessment")
    assessment = factories.completed(actor=practitioner, case=case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    sign_in(page, finance_officer.username)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Financial assessment").click()
    page.get_by_label("Capital").fill("lots")
    page.get_by_role("button", name="Work out the contribution").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Capital must be an amount of money")
    page.get_by_label("Capital").fill("14251")
    page.get_by_label("State Pension a week").fill("300")
    page.get_by_label("Housing costs a week").fill("12")
    page.get_by_label("Weekly cost of care").fill("250")
    page.get_by_role("button", name="Work out the contribution").click()
    expect(page.locator("#result")).to_contain_text("Pays £46.40 a week")  # 300 + 1 − 232.60 − 10 − 12
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Confirm and send the letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("confirmed")
    letter = page.locator("#letters").get_by_role("link", name=re.compile("What you pay towards your care"))
    expect(letter).to_be_visible(timeout=60000)


def test_a_citizen_uses_the_online_estimate_with_javascript_off(
    no_js_page, questionnaire, ras_version, charging_year
):
    page = no_js_page
    page.goto("/self-assessment/")
    page.get_by_role("link", name="get a quick estimate").click()
    page.get_by_role("button", name="Get an estimate").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select how much help you need with personal care"
    )
    for group in page.locator("form .govuk-radios--inline").all()[:11]:
        group.get_by_label("No help").check()
    page.get_by_role("group", name="Personal care").get_by_label("A lot of help").check()
    page.get_by_role("group", name="Keeping safe").get_by_label("Some help").check()
    page.get_by_label("How old are you?").fill("81")
    page.get_by_label("Your income a week").fill("400")
    page.get_by_label("Less than £14,250").check()
    page.get_by_role("button", name="Get an estimate").click()
    expect(page.locator("#estimate")).to_contain_text(re.compile(r"£\d+\.\d\d to £\d+\.\d\d a week"))
    expect(page.locator("main")).to_contain_text("This is only an estimate, not a decision")
    expect(page.locator("#might-pay")).to_contain_text("Between £")


def test_a_council_admin_drafts_a_ras_version_and_publishes_it_from_a_date(page, council_admin, ras_version):
    from ras.models import RasVersion

    sign_in(page, council_admin.username)
    page.goto(reverse("ras_versions"))
    page.get_by_role("button", name=re.compile("Start a draft from it")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("RAS version 2")
    page.get_by_label("The date it takes effect").fill("2020-01-01")
    page.get_by_role("button", name="Publish version 2").click()
    expect(page.locator("main")).to_contain_text("cannot take effect in the past")
    page.get_by_label("The date it takes effect").fill("2099-04-01")
    page.get_by_role("button", name="Publish version 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resource Allocation System")
    expect(page.locator("main")).to_contain_text("in force from 1 April 2099")
    expect(page.locator("tbody tr").first).to_contain_text("1 Apr 2099")
    assert RasVersion.objects.get(version=2).is_published
    assert accessibility_violations(page) == []
