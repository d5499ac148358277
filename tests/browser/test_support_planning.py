"""Support planning in a browser: a practitioner on a tablet goes from the assessment through the indicative budget
to a simple plan sent for sign-off in one sitting, never asked for a fact the case holds; the person reads the
plan on their own case, with JavaScript off, and agrees to it."""

import pytest
from playwright.sync_api import expect

from assessment.tests import factories
from cases.tests.factories import CaseFactory, PersonFactory
from directory.models import CostOption
from directory.tests.factories import ServiceFactory, district
from support_planning.tests import carer_factories

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# What the case already holds: a form on the way asking for any of these again would be asking twice.
FACTS_HELD = (
    "name",
    "date of birth",
    "address",
    "postcode",
    "phone",
    "nhs number",
    "a week they pay",
    "contribution",
)


def no_field_asks_again(page):
    """No field of the page's form asks for a fact the case already holds (a search box filled in from the
    person's postcode is not asking)."""
    labels = page.locator("main form[method=post] label, main form[method=post] legend").all_inner_texts()
    asked_again = [label for label in labels for fact in FACTS_HELD if fact in label.lower()]
    assert asked_again == [], f"asked again on {page.url}"


def test_a_practitioner_on_a_tablet_writes_a_simple_plan_on_the_same_visit_and_the_person_agrees_to_it(
    tablet_page, no_js_page, practitioner, citizen, questionnaire, ras_version
):
    page = tablet_page
    district("NR1")
    lunch = ServiceFactory(name="Riverside Lunch Club", at="NR1", categories=["lunch-clubs"])
    CostOption.objects.create(service=lunch, option="Per meal", amount="4.50")
    case = CaseFactory(person=citizen.person, team=practitioner.team, stage="assessment")
    assessment = factories.start(actor=practitioner, case=case)
    factories.answer_all(assessment, actor=practitioner, needs_in={"personal_care", "eating_and_drinking"})
    sign_in(page, practitioner.username)

    # Assessment, eligibility, budget, sign-off.
    page.goto(f"/assessments/{assessment.pk}/check/")
    page.get_by_role("button", name="Complete the assessment").click()
    for outcome in ("hygiene", "nutrition"):
        page.locator(f"#outcome-{outcome}").get_by_label(
            "Cannot do it without help, including prompting"
        ).check()
    page.locator("#id_needs_from_condition").get_by_label("Yes").check()
    page.locator("#id_wellbeing_impact").get_by_label("Yes").check()
    page.get_by_label("The impact on their wellbeing").fill("Has stopped eating properly")
    page.get_by_role("button", name="Apply the rules and save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicative budget")
    weekly = page.locator(".fd-budget .govuk-panel__title").inner_text()
    page.get_by_role("link", name="Sign off the assessment").click()
    page.get_by_role("button", name="Sign off the assessment").click()
    page.get_by_role("link", name="Support plan").click()

    # The plan starts from the case.
    expect(page.locator("#starting-point")).to_contain_text(weekly)
    expect(page.locator("#starting-point")).to_contain_text("Not yet assessed")
    page.get_by_role("button", name="Start the support plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Support plan")
    expect(page.locator("#money")).to_contain_text(weekly.replace(" a week", ""))

    # Family support for the first outcome.
    page.locator("#outcome-1").get_by_role("link", name="Add how this will be met").click()
    no_field_asks_again(page)
    page.get_by_label("Family and friends").check()
    page.get_by_label("What the support is").fill("Help to shower on Sundays")
    page.get_by_label("Who, and when").fill("My daughter Jo, every Sunday")
    page.get_by_role("button", name="Save and return to the plan").click()

    # A lunch club from the directory, searched on the page, for the second.
    page.locator("#outcome-2").get_by_role("link", name="Add how this will be met").click()
    page.get_by_text("Find a service in the directory").click()
    page.locator("#plan-directory-search").get_by_label("Search").fill("lunch")
    page.locator("#plan-directory-search").get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Choose Riverside Lunch Club").click()
    expect(page.locator("#chosen")).to_contain_text("Riverside Lunch Club")
    no_field_asks_again(page)
    page.get_by_label("Per meal: £4.50").check()
    page.get_by_label("Who, and when").fill("Tuesdays and Thursdays")
    page.get_by_role("button", name="Save and return to the plan").click()

    # And paid support for the first, by direct payment.
    page.locator("#outcome-1").get_by_role("link", name="Add how this will be met").click()
    page.get_by_label("Paid support").check()
    page.get_by_label("What the support is").fill("Help to wash and dress each morning")
    page.get_by_label("Provider", exact=True).fill("Riverside Home Care")
    page.get_by_label("Direct payment").check()
    page.get_by_label("Hours a week at an hourly rate").check()
    page.get_by_label("Hours a week", exact=True).fill("3.5")
    page.get_by_label("Hourly rate", exact=True).fill("24")
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.locator("#plan-total")).to_contain_text("£84.00 a week")
    page.locator("#direct-payment").get_by_role("link", name="Change").click()
    page.get_by_label("The person", exact=True).check()
    page.get_by_label("Every four weeks").check()
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.locator("#direct-payment")).to_contain_text("£336.00 every four weeks")
    assert accessibility_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 768, "nothing spills sideways at tablet width"

    page.get_by_role("link", name="Check and send for sign-off").click()
    no_field_asks_again(page)
    if page.get_by_label("Why the plan differs from the indicative budget").count():
        page.get_by_label("Why the plan differs from the indicative budget").fill(
            "Family help covers the rest"
        )
    page.get_by_role("button", name="Send for sign-off").click()
    expect(page.locator("h1 .govuk-tag")).to_have_text("Sent for sign-off")

    # The person reads it on their own case, with JavaScript off, and agrees.
    sign_in(no_js_page, citizen.username)
    no_js_page.goto(f"/plans/yours/{case.pk}/")
    expect(no_js_page.locator("main")).to_contain_text("Help to shower on Sundays")
    expect(no_js_page.locator("main")).to_contain_text("Riverside Lunch Club")
    no_js_page.get_by_label("Yes, I agree with it").check()
    no_js_page.get_by_role("button", name="Send my answer").click()
    expect(no_js_page.locator("#answer")).to_contain_text("you agree with your plan")
    page.reload()
    expect(page.locator("#person-answer")).to_contain_text("agrees with the plan")


def test_a_carers_plan_on_a_tablet_names_the_person_cared_for_and_who_pays_for_their_support(
    tablet_page, client, practitioner, questionnaire
):
    page = tablet_page
    case, grace = carer_factories.carers_case(PersonFactory(), actor=practitioner)
    carer_factories.a_carers_plan_sent(client, practitioner, case, grace)
    sign_in(page, practitioner.username)
    page.goto(f"/plans/cases/{case.pk}/")
    page.get_by_role("button", name="Withdraw and change the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Carer’s support plan")
    expect(page.locator("#cared-for")).to_contain_text("Ann cares for Grace Okafor")

    # Support to Grace for the carer's first outcome: chosen from the relationship, with her agreement.
    page.locator("#outcome-1").get_by_role("link", name="Add how this will be met").click()
    page.get_by_label("Grace Okafor, whom Ann cares for").check()
    page.get_by_label("Paid support").check()
    page.get_by_label("What the support is").fill("A day at the day centre")
    page.get_by_label("Arranged by the council").check()
    page.get_by_label("An amount a week").check()
    page.get_by_label("Amount a week", exact=True).fill("45")
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm that Grace Okafor agrees")
    assert accessibility_violations(page) == []
    page.screenshot(path="/tmp/carer-letter/item-768.png", full_page=True)
    page.get_by_label("Grace Okafor agrees to having this support").check()
    page.get_by_role("button", name="Save and return to the plan").click()

    expect(page.locator("#outcome-1 .fd-cared-for")).to_have_text("For Grace Okafor")
    expect(page.locator("#outcome-1")).to_contain_text("Ann is not charged for it")
    expect(page.locator("#carer-budget")).to_contain_text("A one-off payment of £350.00")
    expect(page.locator("#money .fd-to-cared-for")).to_contain_text("£111.00 a week")
    assert accessibility_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 768, "nothing spills sideways at tablet width"
    page.screenshot(path="/tmp/carer-letter/plan-768.png", full_page=True)


COST_FIGURES = ("Hours a week", "Hourly rate", "Amount a week", "One-off cost")


def shows_only(page, *shown):
    """Of an item's cost figures, those `shown` are on the screen and the rest hidden."""
    for figure in COST_FIGURES:
        field = expect(page.get_by_label(figure, exact=True))
        field.to_be_visible() if figure in shown else field.to_be_hidden()


def test_an_items_cost_reveals_only_the_figures_its_basis_needs_and_works_without_javascript(
    page, no_js_page, practitioner, plan_being_written
):
    plan = plan_being_written
    new_item = f"/plans/{plan.pk}/outcomes/{plan.outcomes.first().pk}/items/new/"

    # With JavaScript: no figure until a way of costing is chosen, then only its own.
    sign_in(page, practitioner.username)
    page.goto(new_item)
    shows_only(page)
    page.get_by_label("Paid support").check()
    page.get_by_label("What the support is").fill("Help to wash and dress each morning")
    page.get_by_label("Direct payment").check()
    page.get_by_label("An amount a week").check()
    shows_only(page, "Amount a week")
    page.get_by_label("Hours a week at an hourly rate").check()
    shows_only(page, "Hours a week", "Hourly rate")
    assert accessibility_violations(page) == []

    # A figure left out is shown beside its field, revealed, with everything typed kept.
    page.get_by_label("Hours a week", exact=True).fill("3.5")
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the hourly rate")
    rate = page.locator("#div_id_rate")
    expect(rate).to_be_visible()
    expect(rate.locator(".govuk-error-message")).to_contain_text("Enter the hourly rate")
    expect(page.get_by_label("Hours a week", exact=True)).to_have_value("3.5")
    expect(page.get_by_label("What the support is")).to_have_value("Help to wash and dress each morning")
    assert accessibility_violations(page) == []
    page.get_by_label("Hourly rate", exact=True).fill("24")
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.locator("#plan-total")).to_contain_text("£84.00 a week")

    # The item opened again shows its own figures only.
    page.get_by_role("link", name="Change Help to wash and dress each morning").click()
    expect(page.get_by_label("Hourly rate", exact=True)).to_have_value("24.00")
    shows_only(page, "Hours a week", "Hourly rate")

    # Without JavaScript every figure is there, and the chosen way's figures are the ones saved.
    sign_in(no_js_page, practitioner.username)
    no_js_page.goto(new_item)
    shows_only(no_js_page, *COST_FIGURES)
    no_js_page.get_by_label("Equipment").check()
    no_js_page.get_by_label("What the support is").fill("A perching stool")
    no_js_page.get_by_label("Arranged by the council").check()
    no_js_page.get_by_label("A one-off cost").check()
    no_js_page.get_by_label("One-off cost", exact=True).fill("45")
    no_js_page.get_by_label("Hours a week", exact=True).fill("not a number")
    no_js_page.get_by_role("button", name="Save and return to the plan").click()
    expect(no_js_page.locator("#outcome-1")).to_contain_text("A perching stool")
    expect(no_js_page.locator("#outcome-1")).to_contain_text("£45.00 once")
