"""The supported self-assessment in a browser: an adviser starts one from the call, with what the caller said
already in it; a practitioner on a tablet closes areas with one tap each and completes the rest, every change
saved as it is made."""

import re
import time

import pytest
from playwright.sync_api import expect

from assessment.models import Assessment, DomainResponse
from assessment.tests import factories
from cases.tests.factories import CaseFactory

from .conftest import accessibility_violations, sign_in
from .test_contact import record_the_call

pytestmark = pytest.mark.django_db(transaction=True)


def saved_within(check, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def answer_every_question(area, pick: int = 1):
    """Choose the `pick`th answer to each question revealed in an area of the form."""
    for question in area.locator(".fd-options").all():
        question.locator(".govuk-radios__item").nth(pick).locator("label").click()


def test_a_call_starts_a_supported_self_assessment_with_the_contacts_details(
    page, adviser, someone, questionnaire
):
    sign_in(page, adviser.username)
    record_the_call(page, someone.full_name, "Cannot manage the stairs or a bath since her fall")
    page.get_by_label("Supported self-assessment now").check()
    page.get_by_label("By letter").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Complete the contact").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Start the supported self-assessment")
    expect(page.locator("main")).to_contain_text("Cannot manage the stairs or a bath since her fall")
    page.get_by_role("button", name="Start the assessment").click()

    expect(page.locator("#carried-reason")).to_have_text("Cannot manage the stairs or a bath since her fall")
    personal_care = page.locator("#personal_care")
    personal_care.locator('input[value="yes"]').check()
    answer_every_question(personal_care, pick=2)
    personal_care.get_by_label("In your own words").fill(
        "I wash at the sink; I can't lift my legs into the bath"
    )
    for area in page.locator(".fd-phone-domain").all():
        if area.get_attribute("id") != "personal_care":
            area.locator('input[value="no"]').check()
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Save and check answers").click()

    expect(page.locator("main")).to_contain_text("Needs explored in 1 of 11 areas; no needs in 10.")
    expect(page.locator("main")).to_contain_text("I wash at the sink")
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    assessment = Assessment.objects.get(case__person=someone)
    assert assessment.status == Assessment.Status.COMPLETED
    assert assessment.contact.reason == "Cannot manage the stairs or a bath since her fall"


def test_a_practitioner_on_a_tablet_closes_three_areas_in_three_taps_and_completes_the_rest(
    tablet_page, practitioner, someone, questionnaire
):
    page = tablet_page
    case = CaseFactory(person=someone, team=practitioner.team, stage="assessment")
    sign_in(page, practitioner.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Assessments").click()
    page.get_by_role("link", name="Start the supported self-assessment").click()
    page.get_by_role("button", name="Start the assessment").click()

    for closed, title in enumerate(
        ("work and learning", "caring for others", "help from family and friends"), 1
    ):
        page.get_by_role("button", name=f"No needs in {title}").click()
        expect(page.locator("#domains")).to_contain_text(f"{closed} with no needs")
    expect(page.locator("main")).to_contain_text("3 with no needs")
    assert DomainResponse.objects.filter(assessment__case=case, has_needs=False).count() == 3
    assert accessibility_violations(page) == []
    page.screenshot(path="/tmp/tablet-overview.png", full_page=True)

    page.get_by_role("link", name="Personal care").click()
    page.locator('input[value="yes"]').check()
    expect(page.locator("#save-status")).to_contain_text("Saved")
    answer_every_question(page.locator("#domain-form"), pick=1)
    page.get_by_label("In your own words").fill("Mornings are the hardest")
    page.get_by_label("Practitioner's notes").click()  # the words are saved as they are typed
    assert saved_within(
        lambda: DomainResponse.objects.filter(person_words="Mornings are the hardest").exists()
    )
    page.reload()
    expect(page.get_by_label("In your own words")).to_have_value("Mornings are the hardest")
    assert accessibility_violations(page) == []

    for _ in range(12):
        if not page.get_by_role("button", name=re.compile("^Save and go to")).count():
            break
        page.get_by_role("button", name=re.compile("^Save and go to")).click()
        if (
            not page.locator('input[value="yes"]').is_checked()
            and not page.locator('input[value="no"]').is_checked()
        ):
            page.locator('input[value="yes"]').check()
            answer_every_question(page.locator("#domain-form"), pick=0)
    page.get_by_role("button", name="Save and return to all areas").click()
    page.get_by_role("link", name="Check answers and complete").click()
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    assert Assessment.objects.get(case=case).status == Assessment.Status.COMPLETED


SCENARIOS = {
    "an eligible adult": (
        "adult",
        {"personal_care", "eating_and_drinking"},
        ["hygiene", "nutrition"],
        "Eligible",
    ),
    "an adult unable to achieve one outcome": ("adult", {"personal_care"}, ["hygiene"], "Not eligible"),
    "an eligible carer": ("carer", {"the_caring_role", "carer_health"}, ["carer_work"], "Eligible"),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_practitioner_decides_eligibility_and_signs_off(
    page, practitioner, someone, questionnaire, ras_version, celery_worker_on_redis, scenario
):
    kind, needs_in, unable, verdict = SCENARIOS[scenario]
    case = CaseFactory(person=someone, team=practitioner.team, stage="assessment")
    assessment = factories.completed(actor=practitioner, case=case, needs_in=needs_in, kind=kind)
    sign_in(page, practitioner.username)
    page.goto(assessment.get_absolute_url())
    page.get_by_role("link", name="Decide eligibility").click()
    for outcome in unable:
        page.locator(f"#outcome-{outcome}").get_by_label(
            "Cannot do it without help, including prompting"
        ).check()
    page.get_by_role("button", name="Apply the rules and save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether")  # a condition left out
    expect(
        page.locator(f"#outcome-{unable[0]}").get_by_label("Cannot do it without help, including prompting")
    ).to_be_checked()
    page.locator("#id_needs_from_condition").get_by_label("Yes").check()
    if kind == "carer":
        page.locator("#id_carer_health_at_risk").get_by_label("No").check()
    page.locator("#id_wellbeing_impact").get_by_label("Yes").check()
    page.get_by_label("The impact on their wellbeing").fill("Low mood; has stopped seeing friends")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Apply the rules and save").click()

    if verdict == "Eligible" and kind == "adult":  # eligible needs go straight on to the budget
        expect(page.get_by_role("heading", level=1)).to_have_text("Indicative budget")
        page.get_by_role("link", name="Sign off the assessment").click()
    expect(page.locator(".fd-decision")).to_contain_text(verdict)
    page.get_by_role("button", name="Sign off the assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("signed off")
    page.get_by_role("link", name=re.compile("Case FD")).click()
    letter = page.locator("#letters").get_by_role("link", name=re.compile("Your eligibility decision"))
    expect(letter).to_be_visible(timeout=60000)  # rendered by the Celery worker; the list refreshes itself
    expect(page.locator("main")).to_contain_text(
        "Closed" if verdict == "Not eligible" else "Indicative budget"
    )


def answer_online(page, *, needs_in: set[str]):
    """Go through the online self-assessment: "no" wherever there are no needs, the second answer to each
    question where there are."""
    while "/check/" not in page.url:
        heading = page.locator("h1").inner_text()
        if page.locator('input[value="yes"]').count():
            area = page.url.rstrip("/").split("/")[-2]
            page.locator(f'input[value="{"yes" if area in needs_in else "no"}"]').check()
        elif page.locator(".fd-options").count():
            page.locator(".govuk-radios__item").nth(1).locator("label").click()
        else:
            page.get_by_label(heading).fill("Mornings are the hardest")
        page.get_by_role("button", name="Continue").click()


def test_a_citizen_with_javascript_off_does_a_self_assessment_and_sends_it(
    no_js_page, citizen, questionnaire
):
    page = no_js_page
    sign_in(page, citizen.username)
    page.goto("/self-assessment/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select yes if you need help with personal care"
    )
    answer_online(page, needs_in={"personal_care"})
    expect(page.locator("main")).to_contain_text("Check your answers")
    page.get_by_role("button", name="Finish").click()
    expect(page.locator(".govuk-panel")).to_contain_text("AS")
    expect(page.locator("main")).to_contain_text("You told us you need help in 1 of 11 areas")
    page.get_by_role("link", name="Send it to the council").click()
    page.get_by_label("First name").fill(citizen.person.given_name)
    page.get_by_label("Last name").fill(citizen.person.family_name)
    page.get_by_label("Postcode").fill("NR1 3QQ")
    page.get_by_role("button", name="Send it to the council").click()
    expect(page.locator("main")).to_contain_text("You sent this to us on")
    assessment = Assessment.objects.get(owner=citizen)
    assert assessment.status == "completed" and assessment.contact.status == "submitted"


def test_a_citizen_with_javascript_on_makes_an_account_and_keeps_a_self_assessment(
    page, questionnaire, celery_worker_on_redis
):
    from django.core import mail

    page.goto("/self-assessment/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email address").fill("jo.bloggs@example.com")
    page.get_by_label("Create a password").fill("three little words here")
    page.get_by_label("Type the password again").fill("three little words here")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    assert saved_within(lambda: len(mail.outbox) == 1, seconds=30)
    link = re.search(r"https?://\S+/accounts/register/confirm/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Do a self-assessment")
    page.get_by_role("button", name="Start now").click()
    answer_online(page, needs_in={"eating_and_drinking", "keeping_safe"})
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("main")).to_contain_text("You told us you need help in 2 of 11 areas")
    expect(page.locator("main")).to_contain_text("it does not make you a council case")
    assessment = Assessment.objects.get(owner__username="jo.bloggs@example.com")
    assert assessment.case is None and assessment.contact is None
