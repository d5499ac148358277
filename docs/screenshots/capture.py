"""Screenshots of the running app (`make run`) as each user sees it, at desktop and tablet widths.

.venv/bin/python docs/screenshots/capture.py [http://127.0.0.1:8000 [TOUR ...]]

It changes the demo data as users would (completes a contact about Valerie King, sends a directory correction and
an online contact form), so run it against a throwaway data directory, for example
`FRONTDOOR_DATA_DIR=.data/shots PORT=8765 python -m config.launcher run`. TOUR names (existing_screens,
directory_public, directory_editor, contact_adviser, contact_manager, contact_us, people, assessment_practitioner, sign_off,
support_planning, risk_panel, go_live, self_review, provider_progress, reviews_sent, brokerage, review_changes,
interim_support, ending_support) run only those tours.

It prints LAYOUT lines for form controls and tables that stick out of their column, and PROBLEM lines for tours that
failed or pages that show an error. Set AXE_REPORT=/some/file.json to also run an axe check (WCAG 2.2 AA) on the
front door, directory and contact pages at desktop width and write the violations there.
"""

import datetime
import functools
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).parent
PASSWORD = "demo-password-2026"
WIDTHS = {"desktop": 1280, "tablet": 768}
AXE_REPORT = os.environ.get("AXE_REPORT")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# A demo person to look for, misspell and try to add again (see cases/demo.py).
DEMO_SURNAME = "King"
MISSPELT_SURNAME = "Kimg"

axe_results: dict[str, list] = {}
problems: list[str] = []
layout: list[str] = []


OVERFLOW_JS = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) found.push(`page scrolls sideways: ${root.scrollWidth}px wide`);
  for (const el of document.querySelectorAll("main select, main input, main textarea, main table, main button, main .govuk-tag, main pre")) {
    const column = el.parentElement && el.parentElement.closest("[class*='govuk-grid-column'], .govuk-summary-card, .govuk-panel");
    if (!column) continue;
    const box = el.getBoundingClientRect(), edge = column.getBoundingClientRect();
    if (box.width && box.right > edge.right + 2) {
      const label = el.id || el.name || (el.textContent || "").trim().slice(0, 30);
      found.push(`${el.tagName.toLowerCase()} "${label}" sticks out ${Math.round(box.right - edge.right)}px past its column`);
    }
  }
  return found;
}"""


def shot(page, name: str, width_name: str, *, axe: bool = True) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUT / f"{name}-{width_name}.png", full_page=True)
    for overflow in page.evaluate(OVERFLOW_JS):
        layout.append(f"{name}-{width_name}: {overflow}")
    title = page.title()
    if re.search(r"server error|page not found|problem with the service|TemplateSyntaxError", title, re.I):
        problems.append(f"{name}-{width_name}: {title} at {page.url}")
    if axe and AXE_REPORT and width_name == "desktop":
        from axe_playwright_python.sync_playwright import Axe

        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        axe_results[name] = [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:6],
                "html": [node["html"][:200] for node in violation["nodes"]][:3],
            }
            for violation in result.response["violations"]
        ]


def wait_for_server(seconds: int = 90) -> None:
    """`runserver` restarts whenever a file changes; wait until it answers again."""
    for _ in range(seconds * 2):
        try:
            with urllib.request.urlopen(f"{BASE}/healthz/", timeout=5):
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)


def goto(page, url):
    """page.goto, waiting out a development server's restart."""
    for attempt in range(3):
        try:
            return page.goto(url)
        except Exception as error:
            if "ERR_CONNECTION_REFUSED" not in str(error) or attempt == 2:
                raise
            wait_for_server()
    return None


def sign_in(page, username):
    goto(page, f"{BASE}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def first_case_link(page) -> str:
    goto(page, f"{BASE}/cases/mine/")
    return page.locator("main table a").first.get_attribute("href")


def new_page(browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    return context, context.new_page()


def step(label):
    """Run one part of the tour; a failure is reported and the rest still runs."""

    def wrap(function):
        @functools.wraps(function)
        def run(*args):
            wait_for_server()
            try:
                function(*args)
            except Exception as error:  # report it and carry on with the other screens
                problems.append(f"{label} ({args[-1]}): {type(error).__name__}: {str(error).splitlines()[0]}")

        return run

    return wrap


@step("existing screens")
def existing_screens(browser, width, width_name):
    context, page = new_page(browser, width)
    goto(page, f"{BASE}/")
    page.screenshot(path=OUT / f"start-{width_name}.png", full_page=True)
    goto(page, f"{BASE}/directory/?postcode=NR1+3QQ&radius=3&category=lunch-clubs")
    page.screenshot(path=OUT / f"directory-search-{width_name}.png", full_page=True)
    page.locator("#directory-results [data-service-result] h3 a").first.click()
    page.screenshot(path=OUT / f"directory-service-{width_name}.png", full_page=True)
    sign_in(page, "practitioner")
    page.screenshot(path=OUT / f"home-practitioner-{width_name}.png", full_page=True)
    goto(page, f"{BASE}{first_case_link(page)}")
    page.screenshot(path=OUT / f"case-overview-{width_name}.png", full_page=True)
    page.get_by_role("link", name="All details for").click()
    page.screenshot(path=OUT / f"person-{width_name}.png", full_page=True)
    goto(page, f"{BASE}/people/?q=a")
    page.screenshot(path=OUT / f"search-{width_name}.png", full_page=True)
    goto(page, f"{BASE}/people/new/")
    page.get_by_role("button", name="Save person").click()
    page.screenshot(path=OUT / f"add-person-errors-{width_name}.png", full_page=True)
    context.close()
    context, page = new_page(browser, width)
    sign_in(page, "admin")
    goto(page, f"{BASE}/audit/?q=King")
    page.locator("main ul a").first.click()
    page.screenshot(path=OUT / f"audit-trail-{width_name}.png", full_page=True)
    context.close()
    for role in ["adviser", "manager", "admin", "citizen", "editor"]:
        context, page = new_page(browser, width)
        sign_in(page, role)
        shot(page, f"home-{role}", width_name, axe=role in {"adviser", "manager", "editor"})
        context.close()


@step("directory, public")
def directory_public(browser, width, width_name):
    context, page = new_page(browser, width)
    goto(page, f"{BASE}/directory/?postcode=NR1+3QQ")
    page.wait_for_load_state("networkidle")
    for _ in range(2):
        page.locator("#directory-results").get_by_role(
            "button", name=re.compile("^Add to your list")
        ).first.click()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    shot(page, "directory-postcode-added", width_name)
    goto(page, f"{BASE}/directory/your-list/")
    shot(page, "directory-your-list", width_name)
    page.emulate_media(media="print")
    page.screenshot(path=OUT / f"directory-your-list-print-{width_name}.png", full_page=True)
    page.emulate_media(media="screen")
    goto(page, f"{BASE}/directory/your-list/email/")
    shot(page, "directory-email-list", width_name)
    page.get_by_role("button", name=re.compile("Send|Email")).first.click()
    shot(page, "directory-email-list-errors", width_name)
    page.get_by_label("Email address").fill("someone@example.com")
    page.get_by_role("button", name=re.compile("Send|Email")).first.click()
    shot(page, "directory-email-list-sent", width_name)
    goto(page, f"{BASE}/directory/your-list/")
    page.locator("#saved-services h2 a").first.click()
    page.locator("#suggest").scroll_into_view_if_needed()
    shot(page, "directory-service-suggest-link", width_name)
    page.locator("#suggest a").click()
    shot(page, "directory-suggest", width_name)
    page.get_by_label("Your email address").fill("not an email")
    page.get_by_role("button").filter(has_text=re.compile("Send|Continue|Submit")).first.click()
    shot(page, "directory-suggest-errors", width_name)
    page.get_by_label("Opening times").check()
    page.get_by_label("Your email address").fill("")
    page.get_by_label("What should it say?").fill(
        "They no longer open on Fridays. The Wednesday session now starts at 10am, not 9:30."
    )
    page.get_by_role("button").filter(has_text=re.compile("Send|Continue|Submit")).first.click()
    shot(page, "directory-suggestion-sent", width_name)
    context.close()


@step("directory, editor")
def directory_editor(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "editor")
    goto(page, f"{BASE}/directory/manage/")
    shot(page, "directory-manage", width_name)
    goto(page, f"{BASE}/directory/manage/?view=review")
    shot(page, "directory-manage-review", width_name)
    goto(page, f"{BASE}/directory/manage/?view=suggestions")
    shot(page, "directory-manage-suggestions", width_name)
    page.locator("#listings tbody a").first.click()
    shot(page, "directory-manage-listing", width_name)
    listing = page.url
    suggestion = page.locator("#suggestions a").first
    if suggestion.count():
        suggestion.click()
        shot(page, "directory-manage-suggestion", width_name)
        goto(page, listing)
    page.locator("#times").locator("xpath=ancestor::div[contains(@class,'govuk-summary-card')]").get_by_role(
        "link"
    ).first.click()
    shot(page, "directory-manage-times", width_name)
    page.locator("input[name=opens_1], input[name^=opens_]").first.fill("9am")
    page.locator("input[name^=closes_]").first.fill("8:00")
    page.locator("input[name^=opens_]").nth(1).fill("half nine")
    page.get_by_role("button", name="Save opening times").click()
    shot(page, "directory-manage-times-errors", width_name)
    goto(page, listing + "history/")
    shot(page, "directory-manage-history", width_name)
    context.close()


@step("contact, adviser")
def contact_adviser(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "adviser")
    goto(page, f"{BASE}/")
    page.get_by_role("button", name="Record a contact").click()
    shot(page, "contact-step-about", width_name)
    page.get_by_role("button", name="Save and continue").click()
    shot(page, "contact-step-about-errors", width_name)
    page.get_by_label(re.compile("^Find the person")).fill(DEMO_SURNAME)
    page.locator("#person-search").get_by_role("button", name="Search").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label(re.compile("Valerie King, born")).first.check()
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("A relative, friend or carer").check()
    page.get_by_label("Caller's name").fill("Sandra King")
    page.get_by_label("Their relationship to the person").fill("Daughter")
    page.get_by_label("Phone number to call back").fill("01603 555 0101")
    page.get_by_label("Why are they getting in touch?").fill(
        "Her mother is struggling to get in and out of the bath and has had two near falls this month."
    )
    page.get_by_label("What matters to the person").fill(
        "Staying in her own home and keeping her independence"
    )
    page.get_by_label("Community").check()
    page.locator("input[name=immediate_risk][value=no]").check()
    page.get_by_label("Yes, the person agrees").check()
    if page.locator("input[name=about_known_matter][value=no]").count():
        page.locator("input[name=about_known_matter][value=no]").check()
    shot(page, "contact-step-about-filled", width_name)
    page.get_by_role("button", name="Save and continue").click()
    shot(page, "contact-step-outcomes", width_name)
    page.get_by_role("button", name="Save and continue").click()
    shot(page, "contact-step-outcomes-errors-empty", width_name)
    page.get_by_label("Information and advice, with signposting").check()
    page.get_by_label("Safeguarding concern", exact=True).check()
    page.get_by_label("Reablement referral", exact=True).check()
    page.get_by_label("No further action", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    shot(page, "contact-step-outcomes-errors", width_name)
    page.get_by_label("Search for a service").fill("bathing")
    page.get_by_label("Near a postcode").fill("NR2 9SY")
    page.locator("#signpost-search").get_by_role("button", name="Search").click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    shot(page, "contact-step-outcomes-search", width_name)
    add = page.locator("#directory-results").get_by_role("button", name=re.compile("^Add"))
    if add.count():
        add.first.click()
        page.wait_for_load_state("networkidle")
        shot(page, "contact-step-outcomes-added", width_name)
    for label in ["Safeguarding concern", "Reablement referral", "No further action"]:
        page.get_by_label(label, exact=True).uncheck()
    page.get_by_label("Equipment or minor adaptations").check()
    page.get_by_label("Notes on the outcomes").fill(
        "Bath lift and grab rails: referred to the equipment service."
    )
    page.get_by_label("By letter").check()
    page.get_by_role("button", name="Save and continue").click()
    shot(page, "contact-step-check", width_name)
    page.get_by_role("button", name="Complete the contact").click()
    shot(page, "contact-completed", width_name)
    for queue in ["new", "safeguarding", "reablement", "assessment"]:
        goto(page, f"{BASE}/contact/queues/{queue}/")
        shot(page, f"contact-queue-{queue}", width_name)
    context.close()


@step("contact, manager")
def contact_manager(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "manager")
    goto(page, f"{BASE}/contact/queues/safeguarding/")
    shot(page, "contact-queue-safeguarding-manager", width_name)
    page.locator("main table tbody a[href*='/contact/safeguarding/']").first.click()
    shot(page, "contact-concern", width_name)
    page.get_by_role("button", name="Record decision").click()
    shot(page, "contact-concern-errors", width_name)
    goto(page, f"{BASE}/contact/measures/")
    shot(page, "contact-measures", width_name)
    context.close()


@step("assessment, practitioner")
def assessment_practitioner(browser, width, width_name):
    """The demo's assessments: the first two completed, the next ones under way."""
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}/assessments/3/")
    shot(page, "assessment-overview", width_name)
    page.get_by_role("link", name="Personal care").click()
    shot(page, "assessment-domain", width_name)
    goto(page, f"{BASE}/assessments/3/phone/")
    shot(page, "assessment-phone", width_name)
    goto(page, f"{BASE}/assessments/3/check/")
    shot(page, "assessment-check", width_name)
    goto(page, f"{BASE}/assessments/1/check/")
    shot(page, "assessment-completed-answers", width_name)
    context.close()


@step("assessment decisions, practitioner")
def assessment_decisions(browser, width, width_name):
    """Eligibility for the demo's first completed assessment: the form, its errors, the decision."""
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}/assessments/1/eligibility/")
    shot(page, "assessment-eligibility", width_name)
    if width_name != "desktop":  # the desktop tour has decided it already
        context.close()
        return
    page.get_by_role("button", name="Apply the rules and save").click()
    shot(page, "assessment-eligibility-errors", width_name)
    page.locator("#id_needs_from_condition").get_by_label("Yes").check()
    page.locator("#id_wellbeing_impact").get_by_label("Yes").check()
    page.get_by_label("The impact on their wellbeing").fill("Has stopped going out; low mood")
    page.get_by_role("button", name="Apply the rules and save").click()
    shot(page, "assessment-decision", width_name)
    context.close()


@step("self-assessment online, citizen")
def self_assessment_online(browser, width, width_name):
    context, page = new_page(browser, width)
    goto(page, f"{BASE}/self-assessment/")
    shot(page, "self-assessment-start", width_name)
    goto(page, f"{BASE}/accounts/register/")
    page.get_by_role("button", name="Create account").click()
    shot(page, "register-errors", width_name)
    sign_in(page, "citizen")
    goto(page, f"{BASE}/self-assessment/")
    page.get_by_role("button", name="Start now").or_(
        page.get_by_role("link", name="Carry on with your self-assessment")
    ).click()
    if "/needs/" not in page.url:
        page.get_by_role("link", name="Personal care").click()
    shot(page, "self-assessment-screening", width_name)
    page.locator('input[value="yes"]').check()
    page.get_by_role("button", name="Continue").click()
    shot(page, "self-assessment-question", width_name)
    page.get_by_role("button", name="Save and come back later").click()
    shot(page, "self-assessment-overview", width_name)
    context.close()


@step("questionnaires, council admin")
def questionnaires(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "admin")
    goto(page, f"{BASE}/assessments/questionnaires/")
    shot(page, "questionnaires", width_name)
    page.locator("form[action$='/draft/'] button").first.click()
    shot(page, "questionnaire-draft-preview", width_name, axe=False)
    context.close()


@step("money: budget, financial assessment, estimate, RAS")
def money(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}/budgets/assessments/1/")
    shot(page, "indicative-budget", width_name)
    context.close()
    context, page = new_page(browser, width)
    sign_in(page, "finance")
    goto(page, f"{BASE}/budgets/assessments/1/")
    page.get_by_role("link", name="Assessment overview").click()
    page.get_by_role("link", name=re.compile("Case FD")).click()
    page.get_by_role("link", name="Financial assessment").click()
    page.get_by_label("Capital").fill("-3")
    page.get_by_role("button", name="Work out the contribution").click()
    shot(page, "financial-assessment-errors", width_name)
    page.get_by_label("Capital").fill("16000")
    page.get_by_label("State Pension a week").fill("310.50")
    page.get_by_label("Housing costs a week").fill("0")
    page.get_by_role("button", name="Work out the contribution").click()
    shot(page, "financial-assessment", width_name)
    context.close()
    context, page = new_page(browser, width)
    goto(page, f"{BASE}/budgets/estimate/")
    shot(page, "online-estimate-questions", width_name)
    context.close()
    context, page = new_page(browser, width)
    sign_in(page, "admin")
    goto(page, f"{BASE}/budgets/ras/")
    shot(page, "ras-versions", width_name)
    goto(page, f"{BASE}/budgets/ras/1/")
    shot(page, "ras-preview", width_name)
    context.close()


@step("contact us, public")
def contact_us(browser, width, width_name):
    context, page = new_page(browser, width)
    goto(page, f"{BASE}/contact-us/")
    shot(page, "contact-us-start", width_name)
    page.get_by_role("button", name="Start now").click()
    shot(page, "contact-us-who", width_name)
    page.get_by_label(re.compile("relative, friend or unpaid carer")).check()
    page.get_by_role("button", name="Continue").click()
    shot(page, "contact-us-urgent", width_name)
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    shot(page, "contact-us-person", width_name)
    page.get_by_label("Postcode").fill("NR1")
    page.locator("input[name=date_of_birth_0]").fill("31")
    page.locator("input[name=date_of_birth_1]").fill("2")
    page.get_by_role("button", name="Continue").click()
    shot(page, "contact-us-person-errors", width_name)
    page.get_by_label("First name").fill("Iris")
    page.get_by_label("Last name").fill("Pemberton")
    page.locator("input[name=date_of_birth_0]").fill("14")
    page.locator("input[name=date_of_birth_1]").fill("2")
    page.locator("input[name=date_of_birth_2]").fill("1941")
    page.get_by_label("Address line 1").fill("12 Mill Lane")
    page.get_by_label("Town or city").fill("Norwich")
    page.get_by_label("Postcode").fill("NR1 3QQ")
    page.get_by_role("button", name="Continue").click()
    shot(page, "contact-us-caller", width_name)
    page.get_by_label("Your name").fill("Helen Pemberton")
    page.get_by_label("Your relationship to them").fill("Daughter")
    page.get_by_label("Your email address").fill("helen@example.com")
    page.get_by_role("button", name="Continue").click()
    shot(page, "contact-us-reason", width_name)
    page.get_by_label("What help is needed?").fill(
        "Mum lives alone and has had two falls since Christmas. She is finding it hard to cook and to get to "
        "the shops."
    )
    page.get_by_role("button", name="Continue").click()
    shot(page, "contact-us-consent", width_name)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    shot(page, "contact-us-check", width_name)
    page.get_by_role("button", name="Send").click()
    shot(page, "contact-us-sent", width_name)
    context.close()


@step("people")
def people(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "adviser")
    goto(page, f"{BASE}/people/?q={MISSPELT_SURNAME}")
    shot(page, "people-search-misspelt", width_name)
    goto(page, f"{BASE}/people/new/")
    page.get_by_label("First name").fill("Valerie")
    page.get_by_label("Last name").fill("Kinge")
    page.locator("input[name=date_of_birth_0]").fill("1")
    page.locator("input[name=date_of_birth_1]").fill("4")
    page.locator("input[name=date_of_birth_2]").fill("1979")
    page.get_by_label("Address line 1").fill("3 Station Road")
    page.get_by_label("Town or city").fill("Norwich")
    page.get_by_label("Postcode").fill("NR2 9SY")
    page.get_by_role("button", name="Save person").click()
    shot(page, "add-person-duplicates", width_name)
    context.close()


@step("sign-off")
def sign_off(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "manager")
    goto(page, f"{BASE}/sign-off/")
    shot(page, "sign-off-queue", width_name)
    page.locator("#queue a").first.click()
    shot(page, "sign-off-plan", width_name)
    page.get_by_label("Return it to be changed").check()
    page.get_by_role("button", name="Record the decision").click()
    shot(page, "sign-off-plan-errors", width_name)
    page.get_by_role("link", name="Sign-off", exact=True).first.click()
    page.get_by_role("link", name="How long sign-off takes").click()
    for details in page.locator("main details").all():
        details.locator("summary").click()  # each chart's table open, to see it too
    shot(page, "sign-off-turnaround", width_name)
    page.get_by_label("Month").first.fill("13")
    page.get_by_role("button", name="Show the figures").click()
    shot(page, "sign-off-turnaround-errors", width_name)
    context.close()
    context, page = new_page(browser, width)
    sign_in(page, "admin")
    goto(page, f"{BASE}/sign-off/delegation/")
    shot(page, "delegation-scheme-versions", width_name)
    page.get_by_role("link", name="Version 1").click()
    shot(page, "delegation-scheme-version", width_name)
    goto(page, f"{BASE}/sign-off/delegation/")
    page.get_by_role("link", name="How long sign-off takes").click()
    shot(page, "sign-off-turnaround-admin", width_name)
    context.close()


@step("support planning")
def support_planning(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}/cases/mine/")
    page.locator("tr", has_text="Support planning").first.locator("a").first.click()
    page.get_by_role("link", name="Support plan", exact=True).click()
    shot(page, "support-plan", width_name)
    page.get_by_role("link", name="Add how this will be met").first.click()
    shot(page, "support-plan-item", width_name)
    page.get_by_role("button", name="Save and return to the plan").click()
    shot(page, "support-plan-item-errors", width_name)
    page.get_by_role("link", name="Support plan", exact=False).first.click()
    page.get_by_role("link", name="Check and send for sign-off").click()
    shot(page, "support-plan-check", width_name)
    page.go_back()
    page.get_by_role("link", name="or an organisation to draft the plan online").click()
    shot(page, "support-plan-hand-over", width_name)
    context.close()

    context, page = new_page(browser, width)
    sign_in(page, "ulo")
    goto(page, f"{BASE}/plans/referred/")
    shot(page, "drafting-referred", width_name)
    page.locator("#to-draft a").first.click()
    shot(page, "drafting-check", width_name)
    page.locator("a", has_text="Change").first.click()
    shot(page, "drafting-outcome", width_name)
    page.get_by_label("Paid support, like a care worker or a personal assistant").check()
    page.get_by_role("button", name="Save and add another way").click()
    shot(page, "drafting-outcome-errors", width_name)
    context.close()


@step("risk enablement panel")
def risk_panel(browser, width, width_name):
    """The demo's panel (validation/demo.py): the meetings, today's agenda with one decision recorded and one to
    record (shown with its errors, not recorded, so each width sees the same), the plan with the panel's decision,
    its other flagged risk's referral form with its errors, and the sign-off screen's warning."""
    context, page = new_page(browser, width)
    sign_in(page, "manager")
    goto(page, f"{BASE}/panel/")
    shot(page, "panel-meetings", width_name)
    page.locator("#upcoming a, #past a").first.click()
    shot(page, "panel-agenda", width_name)
    plan_page = page.locator("[id^=item-] a[href^='/plans/']").first.get_attribute("href")
    page.get_by_role("link", name=re.compile("Record the decision")).first.click()
    page.get_by_label("Risk accepted with changes to the plan").check()
    page.get_by_role("button", name="Record the decision").click()
    shot(page, "panel-decision-errors", width_name)
    goto(page, f"{BASE}{plan_page}")
    page.locator("#panel").scroll_into_view_if_needed()
    shot(page, "panel-on-the-plan", width_name)
    goto(page, f"{BASE}/sign-off/")
    for href in [link.get_attribute("href") for link in page.locator("#queue a").all()]:
        goto(page, f"{BASE}{href}")
        if page.locator("#panel-open").count():
            shot(page, "panel-sign-off-warning", width_name)
            break
    context.close()
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}{plan_page}")
    page.get_by_role("link", name=re.compile("Refer it to the panel")).first.click()
    page.get_by_role("button", name="Refer to the panel").click()
    shot(page, "panel-refer-errors", width_name)


@step("go-live")
def go_live(browser, width, width_name):
    context, page = new_page(browser, width)
    sign_in(page, "manager")
    goto(page, f"{BASE}/sign-off/")
    page.locator("#queue a").first.click()
    plan_pk = page.url.rstrip("/").split("/")[-1]
    page.get_by_label("Agree the plan").check()
    page.get_by_role("button", name="Record the decision").click()
    context.close()
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}/reviews/plans/{plan_pk}/go-live/")
    shot(page, "go-live", width_name)
    page.get_by_role("button", name="Start the support").click()
    shot(page, "go-live-errors", width_name)
    goto(page, f"{BASE}/reviews/")
    shot(page, "reviews-queue", width_name)
    context.close()


def shots(page, name: str) -> None:
    """A screen that can be reached only once (a form sent), at every width from the same page."""
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, name, width_name)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


@step("self-review, citizen2")
def self_review(browser, width, width_name):
    """The demo person whose support is in place (citizen2) tells their worker how it is going, and sends it: each
    screen at both widths, once."""
    if width_name != "desktop":
        return
    context, page = new_page(browser, width)
    sign_in(page, "citizen2")
    goto(page, BASE + page.locator("a[href^='/your-case/']").first.get_attribute("href"))
    page.get_by_role("link", name="Tell us how your support is going").click()
    shots(page, "self-review-start")
    page.get_by_role("button", name="Start now").click()
    shots(page, "self-review-outcome")
    page.get_by_label("Tell us more (optional)").fill("Mornings are better, but the carer is often late")
    page.get_by_role("button", name="Continue").click()
    shots(page, "self-review-outcome-errors")  # the answer missed, what was typed kept
    page.get_by_label("Partly").check()
    page.get_by_role("button", name="Continue").click()
    while "/outcomes/" in page.url:
        page.get_by_label("Yes").check()
        page.get_by_role("button", name="Continue").click()
    page.get_by_label("What has changed for you since your support started?").fill(
        "My daughter has moved away, so I have less help at weekends"
    )
    shots(page, "self-review-changes")
    page.get_by_role("button", name="Continue").click()
    if "/direct-payment/" in page.url:
        page.get_by_label("There are some problems").check()
        page.get_by_label("Tell us more (optional)").fill(
            "Paying my personal assistant each month is confusing"
        )
        shots(page, "self-review-money")
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    shots(page, "self-review-check")
    page.get_by_role("button", name="Send to my worker").click()
    shots(page, "self-review-sent")
    # Their direct payment: the balance mistyped, then a return worth the worker's look.
    goto(page, BASE + page.locator("a[href^='/your-case/']").first.get_attribute("href"))
    page.get_by_role("link", name="Tell us about your direct payment").click()
    shots(page, "direct-payment-return")
    page.get_by_label("How much is in your direct payment account today?").fill("about 3000")
    page.get_by_label("paid for things that are not in your support plan").fill("320")
    page.get_by_role("button", name="Send").click()
    shots(page, "direct-payment-return-errors")
    page.get_by_label("How much is in your direct payment account today?").fill("3120.40")
    page.get_by_label("What did that money pay for?").fill("A riser recliner chair, as the old one broke")
    page.get_by_role("button", name="Send").click()
    shots(page, "direct-payment-return-sent")
    context.close()


@step("provider progress, ulo")
def provider_progress(browser, width, width_name):
    """Someone at the user-led organisation records a person's progress and asks for a review, once."""
    if width_name != "desktop":
        return
    context, page = new_page(browser, width)
    sign_in(page, "ulo")
    page.get_by_role("link", name="People you support").click()
    shots(page, "provider-people")
    page.locator("#people a").first.click()
    shots(page, "provider-person")
    page.get_by_role("button", name="Record progress").click()
    shots(page, "provider-person-errors")
    page.get_by_label("Moving towards it", exact=True).first.check()
    page.locator("textarea[name^='note_']").first.fill(
        "Came to the peer group twice and spoke up the second time"
    )
    page.get_by_label("More independent").check()
    page.get_by_role("button", name="Record progress").click()
    page.get_by_role("link", name="Ask for a review").click()
    page.get_by_role("button", name="Ask for a review").click()
    shots(page, "provider-ask-errors")
    page.locator("textarea[name='because']").fill(
        "They want to employ their own personal assistant; the plan may need to change"
    )
    page.get_by_role("button", name="Ask for a review").click()
    shots(page, "provider-person-asked")
    context.close()


@step("reviews, what was sent")
def reviews_sent(browser, width, width_name):
    """The worker's queue and a case's review page with what the person and the provider sent."""
    context, page = new_page(browser, width)
    sign_in(page, "manager")
    goto(page, f"{BASE}/reviews/")
    shot(page, "reviews-queue-sent", width_name)
    page.get_by_role("link", name="Read it").first.click()
    shot(page, "review-what-was-sent", width_name)
    context.close()


@step("brokerage")
def brokerage(browser, width, width_name):
    """The demo's request on the brokerage queue: the queue, the request with its offers, an offer mistyped, the
    directory searched near the person; last (at tablet width, after the desktop pass), an offer chosen, at both
    widths from the same page."""
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}/reviews/brokerage/")
    shot(page, "brokerage-queue", width_name)
    page.locator("#brokerage-queue a").first.click()
    request_url = page.url
    shot(page, "brokerage-request", width_name)
    page.get_by_role("link", name="Record a provider you asked").click()
    page.get_by_label("They made an offer").check()
    page.get_by_label("Hours a week").fill("10")
    page.get_by_label("Hourly rate").fill("twenty")
    page.get_by_role("button", name="Save").click()
    shot(page, "brokerage-offer-errors", width_name)
    goto(page, request_url)
    page.locator("#directory summary").click()
    page.locator("#brokerage-directory-search [name=q]").fill("home care")
    page.locator("#brokerage-directory-search [name=radius]").select_option("10mi")
    page.get_by_role("button", name="Search").click()
    page.locator("#directory-results [data-service-result]").first.wait_for()
    shot(page, "brokerage-directory", width_name)
    if width_name == "tablet":
        goto(page, request_url)
        page.get_by_role("button", name="Choose this offer").first.click()
        shots(page, "brokerage-chosen")
    context.close()


@step("changes at a review")
def review_changes(browser, width, width_name):
    """The worker records the review of the person whose support is in place (after the self-review and the
    provider's progress), changes the plan a little, agrees the change as it is sent and starts its support (what
    becomes of the support in place said first): each screen at both widths, once."""
    if width_name != "desktop":
        return
    context, page = new_page(browser, width)
    sign_in(page, "manager")
    goto(page, f"{BASE}/reviews/")
    reviews = page.locator("a", has_text="record the review")
    if reviews.count():  # not recorded yet by an earlier run
        reviews.first.click()
        if page.get_by_role("button", name="Start the review").count():
            page.get_by_role("button", name="Start the review").click()
        for answer in page.locator("input[type=radio][value=partly]").all():
            answer.check()
        page.get_by_label("What has changed since the plan started?").fill("Her daughter has moved away")
        page.get_by_label("The plan needs changing").check()
        page.get_by_role("button", name="Record the review").click()
    else:
        page.context.clear_cookies()
        sign_in(page, "citizen2")  # the person whose plan is being changed: find their case
        case = page.locator("a[href^='/your-case/']").first.get_attribute("href").strip("/").split("/")[1]
        page.context.clear_cookies()
        sign_in(page, "manager")
        goto(page, f"{BASE}/cases/{case}/")
    goto(page, BASE + page.locator("main a[href*='/plans/cases/']").first.get_attribute("href"))
    page.locator("main a[href*='/items/']:not([href$='/new/'])").first.click()
    hours = page.get_by_label("Hours a week", exact=True)
    if hours.is_visible():  # half an hour a week more
        hours.fill(str(float(hours.input_value() or "0") + 0.5))
    else:
        amount = page.get_by_label("Amount a week", exact=True)
        amount.fill(str(round(float(amount.input_value() or "0") + 5, 2)))
    page.get_by_role("button", name="Save").first.click()
    shots(page, "review-change-plan")
    page.get_by_role("link", name="Check and agree the changes").click()
    shots(page, "review-change-check")
    page.get_by_role("button", name="Agree the changes").click()
    shots(page, "review-change-agreed")
    page.get_by_role("link", name="Start the support").first.click()
    shots(page, "review-change-go-live")  # what becomes of the support in place, before starting
    today = datetime.date.today()
    dates = (
        "When does the support start?",
        "When was the direct payment agreement signed?",
        "When is the first payment?",
    )
    for question in dates:
        group = page.get_by_role("group", name=question)
        if group.count():  # the direct payment's only when the plan has one
            group.get_by_label("Day").fill(str(today.day))
            group.get_by_label("Month").fill(str(today.month))
            group.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Start the support").click()
    shots(page, "review-change-started")  # the case, its timeline saying what the new plan replaced
    context.close()


@step("ending support, practitioner")
def ending_support(browser, width, width_name):
    """The worker ends the support of the demo person whose support is in place (found through the user-led
    organisation that supports them): the form, its errors, and the case closed. Run it last: it ends that support."""
    if width_name != "desktop":
        return
    context, page = new_page(browser, width)
    sign_in(page, "ulo")
    goto(page, f"{BASE}/reviews/people-you-support/")
    case_pk = page.locator("#people a").first.get_attribute("href").rstrip("/").split("/")[-1]
    context.close()
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}/cases/{case_pk}/")
    page.get_by_role("link", name="End the support").click()
    shots(page, "end-support")
    everything = page.get_by_label("All of the support in the plan")
    if everything.count():  # asked only when a service could end alone
        everything.check()
    page.get_by_role("button", name="End the support").click()
    shots(page, "end-support-errors")
    page.get_by_label("They have moved into a care home").check()
    today = time.localtime()
    page.get_by_role("textbox", name="Day").fill(str(today.tm_mday))
    page.get_by_role("textbox", name="Month").fill(str(today.tm_mon))
    page.get_by_role("textbox", name="Year").fill(str(today.tm_year))
    page.get_by_role("button", name="End the support").click()
    shots(page, "end-support-case-closed")
    context.close()


@step("urgent support before a plan")
def interim_support(browser, width, width_name):
    """The demo's urgent support (the first recorded) as the worker sees it, on its case and on its own page; the form
    to arrange more, and its errors; and the managers' figures."""
    if width_name != "desktop":
        return
    context, page = new_page(browser, width)
    sign_in(page, "practitioner")
    goto(page, f"{BASE}/reviews/urgent-support/1/")
    shots(page, "interim-support")
    page.locator(".govuk-back-link").click()
    shots(page, "interim-on-case")
    page.get_by_role("link", name="Arrange urgent support before the plan").click()
    shots(page, "interim-new")
    page.get_by_role("button", name="Start the urgent support").click()
    shots(page, "interim-new-errors")
    context.close()
    context, page = new_page(browser, width)
    sign_in(page, "manager")
    goto(page, f"{BASE}/reviews/urgent-support/figures/")
    shots(page, "interim-figures")
    context.close()


TOURS = [
    existing_screens,
    directory_public,
    directory_editor,
    contact_adviser,
    contact_manager,
    contact_us,
    people,
    assessment_practitioner,
    assessment_decisions,
    self_assessment_online,
    questionnaires,
    money,
    sign_off,
    support_planning,
    risk_panel,
    go_live,
    self_review,
    provider_progress,
    reviews_sent,
    brokerage,
    review_changes,
    interim_support,
    ending_support,
]
ONLY = set(sys.argv[2:])  # names of tours to run, all by default


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        for name, width in WIDTHS.items():
            for tour in TOURS:
                if not ONLY or tour.__name__ in ONLY:
                    tour(browser, width, name)
        browser.close()
    if AXE_REPORT:
        report = Path(AXE_REPORT)
        earlier = json.loads(report.read_text()) if report.exists() else {}
        report.write_text(json.dumps({**earlier, **axe_results}, indent=1))
    for overflow in layout:
        print("LAYOUT:", overflow)
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
