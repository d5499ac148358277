"""The Care Act order in a browser: assess, decide eligibility, then the budget. An eligible assessment goes from
completing straight into the decision and on to the budget in one sitting on a tablet; a self-assessment found not
eligible has no budget anywhere, for staff or for the person."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessment import services
from assessment.tests import factories
from cases.stages import Stage
from cases.tests.factories import CaseFactory
from ras.models import IndicativeBudget

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots/journey")
WIDTHS = (1280, 768)


class Sitting:
    """Counts what the person does: each screen shown (a page loaded in the main frame) and each click."""

    def __init__(self, page):
        self.page, self.screens, self.clicks = page, [], 0
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.screens.append(frame.url))

    def click(self, locator) -> None:
        self.clicks += 1
        locator.click()

    def check(self, locator) -> None:
        self.clicks += 1
        locator.check()

    def checked_screen(self) -> None:
        """The page now shown meets WCAG 2.2 AA."""
        assert accessibility_violations(self.page) == [], self.page.url


def shoot(page, name: str) -> None:
    """The screen at each width, for people to look at; the page is left at the width it had."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1024})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size(before)


def test_an_eligible_assessment_goes_from_completing_to_eligibility_to_the_budget_in_one_sitting(
    tablet_page, practitioner, someone, questionnaire, ras_version
):
    page = tablet_page
    case = CaseFactory(person=someone, team=practitioner.team, stage=Stage.ASSESSMENT)
    assessment = factories.start(actor=practitioner, case=case)
    factories.answer_all(assessment, actor=practitioner, needs_in={"personal_care", "eating_and_drinking"})
    sign_in(page, practitioner.username)
    page.goto(assessment.get_absolute_url())
    sitting = Sitting(page)

    sitting.click(page.get_by_role("link", name="Check answers and complete"))
    sitting.checked_screen()
    shoot(page, "1-complete")
    sitting.click(page.get_by_role("button", name="Complete the assessment"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Decide eligibility")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    sitting.checked_screen()
    shoot(page, "2-eligibility")
    for outcome in ("hygiene", "nutrition"):
        sitting.check(
            page.locator(f"#outcome-{outcome}").get_by_label("Cannot do it without help, including prompting")
        )
    sitting.check(page.locator("#id_needs_from_condition").get_by_label("Yes"))
    sitting.check(page.locator("#id_wellbeing_impact").get_by_label("Yes"))
    page.get_by_label("The impact on their wellbeing").fill("Low mood; has stopped seeing friends")
    sitting.click(page.get_by_role("button", name="Apply the rules and save"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Indicative budget")
    budget = IndicativeBudget.objects.get(assessment=assessment)
    expect(page.locator(".fd-budget")).to_contain_text(f"£{budget.weekly} a week")
    expect(page.locator("#explanation")).to_contain_text("Personal care:")
    sitting.checked_screen()
    shoot(page, "3-budget")
    case.refresh_from_db()
    assert case.stage == Stage.INDICATIVE_BUDGET

    print(
        f"\nEligible journey, completing to the budget: {len(sitting.screens) + 1} screens (the overview, then "
        f"{', '.join(re.sub(r'^https?://[^/]+', '', url) for url in sitting.screens)}), "
        f"{sitting.clicks} clicks and taps, 1 box typed in"
    )
    assert len(sitting.screens) == 3  # check answers, eligibility, budget: no detour through the overview

    sitting.click(page.get_by_role("button", name=re.compile(r"^Send it to .* in writing$")))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("being prepared")


def test_a_self_assessment_found_not_eligible_has_no_budget_anywhere(
    page, practitioner, citizen, citizen_case, questionnaire, ras_version, celery_worker_on_redis
):
    # The person did their self-assessment online and sent it; the adviser matched it to their case.
    own = services.start_own_assessment(actor=citizen)
    factories.answer_all(own, actor=citizen, needs_in={"personal_care"})
    services.complete_assessment(actor=citizen, assessment_id=own.pk)
    own = services.send_to_council(actor=citizen, assessment_id=own.pk, details={"phone": "01603 123456"})
    contact = own.contact
    contact.person, contact.case, contact.status = citizen_case.person, citizen_case, "completed"
    contact.completed_at = timezone.now()
    contact.save()

    sign_in(page, practitioner.username)
    page.goto(citizen_case.get_absolute_url())
    page.get_by_role("link", name="Assessments").click()
    page.get_by_role("link", name="Start the supported self-assessment").click()
    expect(page.locator("main")).to_contain_text("did a self-assessment online")
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("link", name="Decide eligibility").click()
    page.locator("#outcome-hygiene").get_by_label("Cannot do it without help, including prompting").check()
    page.locator("#id_needs_from_condition").get_by_label("Yes").check()
    page.locator("#id_wellbeing_impact").get_by_label("No").check()
    page.get_by_role("button", name="Apply the rules and save").click()

    # The assessment: the decision, and no budget.
    expect(page.locator(".fd-decision")).to_contain_text("Not eligible")
    expect(page.locator("main")).to_contain_text("No indicative budget: the needs were found not eligible.")
    expect(page.get_by_role("link", name="Indicative budget")).to_have_count(0)
    assert accessibility_violations(page) == []

    # The budget page says why, and what happens next; nothing to send.
    page.goto(f"/budgets/assessments/{own.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("No indicative budget")
    expect(page.locator("#not-eligible")).to_contain_text("needs were found not eligible")
    expect(page.locator("main")).to_contain_text("sent the decision in writing, with the reasons")
    expect(page.get_by_role("button", name=re.compile("in writing"))).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("a week")
    assert accessibility_violations(page) == []
    shoot(page, "4-not-eligible-budget")

    page.get_by_role("link", name="Sign off and send the decision").click()
    page.get_by_role("button", name="Sign off the assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("signed off")

    # The case: closed with the decision letter; no budget on it.
    page.get_by_role("link", name=re.compile("Case FD")).click()
    expect(
        page.locator("#letters").get_by_role("link", name=re.compile("Your eligibility decision"))
    ).to_be_visible(timeout=60000)
    expect(page.locator("main")).to_contain_text("Closed")
    expect(page.locator("main")).not_to_contain_text("ndicative budget")
    assert accessibility_violations(page) == []

    # The person's own view: their case, and the budget page in their own words.
    page.context.clear_cookies()
    sign_in(page, citizen.username)
    page.goto(citizen_case.get_absolute_url())
    expect(page.locator("main")).not_to_contain_text("ndicative budget")
    assert accessibility_violations(page) == []
    page.goto(f"/budgets/assessments/{own.pk}/")
    expect(page.locator("#not-eligible")).to_contain_text("We found that your needs are not eligible")
    expect(page.locator("main")).to_contain_text(
        "We have sent you our decision in writing, with the reasons."
    )
    expect(page.locator("main")).not_to_contain_text("£")
    assert accessibility_violations(page) == []
    shoot(page, "5-not-eligible-budget-citizen")
    assert not IndicativeBudget.objects.exists()
