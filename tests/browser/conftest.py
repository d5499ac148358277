"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live test server."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the tests are still
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


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


def sign_in(page, username, password="correct horse battery"):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def accessibility_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    violations = results.response["violations"]
    # GOV.UK's conditional-reveal radios use aria-controls on inputs by design (stack.md).
    return [
        violation
        for violation in violations
        if not (
            violation["id"] == "aria-allowed-attr"
            and all(
                ".govuk-radios__input" in str(node["target"]) or 'class="govuk-radios__input"' in node["html"]
                for node in violation["nodes"]
            )
        )
    ]
