"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live test server."""

import os
import re
from pathlib import Path

import pytest

from assessment.tests import factories
from cases.tests.factories import CaseFactory
from ras import services as ras_services
from support_planning import services

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the tests are still
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Best practice adds the landmark rules: everything on a page sits in a landmark, one main, one banner.
AXE_TAGS = [*WCAG_22_AA, "best-practice"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


@pytest.fixture
def page(browser, live_server):
    context, page = _page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def tablet_page(browser, live_server):
    context, page = _page(browser, live_server, viewport={"width": 768, "height": 1024})
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, live_server):
    context, page = _page(browser, live_server, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def plan_being_written(practitioner, someone, questionnaire, ras_version):
    """A support plan just started on a case: assessed, its needs decided eligible, signed off and budgeted."""
    case = CaseFactory(person=someone, team=practitioner.team, stage="assessment")
    assessment = factories.start(actor=practitioner, case=case)
    factories.answer_all(assessment, actor=practitioner, needs_in={"personal_care", "eating_and_drinking"})
    factories.decided(factories.complete(assessment, actor=practitioner), actor=practitioner, sign_off=True)
    ras_services.work_out_budget(actor=practitioner, assessment_id=assessment.pk)
    return services.start_plan(actor=practitioner, case_id=case.pk)


def sign_in(page, username, password="correct horse battery"):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def accessibility_violations(page) -> list[dict]:
    """Everything axe finds against WCAG 2.2 AA and its best practices, but the one pattern docs/accessibility.md
    explains: `aria-expanded` on a GOV.UK radio that reveals a conditional question."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        violation
        for violation in results.response["violations"]
        if not (
            violation["id"] == "aria-allowed-attr" and all(map(is_conditional_reveal, violation["nodes"]))
        )
    ]


def is_conditional_reveal(node: dict) -> bool:
    """A GOV.UK radio that reveals a conditional question (`aria-controls`, from `data-aria-controls` before its
    script runs), where axe's only complaint is its `aria-expanded`."""
    html = node["html"]
    attributes = [
        attribute for check in node["any"] + node["all"] + node["none"] for attribute in check["data"] or []
    ]
    return (
        html.startswith("<input ")
        and 'class="govuk-radios__input"' in html
        and re.search(r'\saria-controls="[^"]+"|\sdata-aria-controls="[^"]+"', html) is not None
        and bool(attributes)
        and all(attribute.startswith("aria-expanded=") for attribute in attributes)
    )
