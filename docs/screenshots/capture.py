"""Screenshots of the running app (`make run`) as each user sees it, at desktop and tablet widths.

.venv/bin/python docs/screenshots/capture.py [http://127.0.0.1:8000]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).parent
PASSWORD = "demo-password-2026"
WIDTHS = {"desktop": 1280, "tablet": 768}


def sign_in(page, username):
    page.goto(f"{BASE}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def first_case_link(page) -> str:
    page.goto(f"{BASE}/cases/mine/")
    return page.locator("main table a").first.get_attribute("href")


def shots(browser, width_name, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{BASE}/")
    page.screenshot(path=OUT / f"start-{width_name}.png", full_page=True)
    page.goto(f"{BASE}/directory/?postcode=NR1+3QQ&radius=3&category=lunch-clubs")
    page.screenshot(path=OUT / f"directory-search-{width_name}.png", full_page=True)
    page.locator("#directory-results [data-service-result] h3 a").first.click()
    page.screenshot(path=OUT / f"directory-service-{width_name}.png", full_page=True)
    sign_in(page, "practitioner")
    page.screenshot(path=OUT / f"home-practitioner-{width_name}.png", full_page=True)
    page.goto(f"{BASE}{first_case_link(page)}")
    page.screenshot(path=OUT / f"case-overview-{width_name}.png", full_page=True)
    page.get_by_role("link", name="All details for").click()
    page.screenshot(path=OUT / f"person-{width_name}.png", full_page=True)
    page.goto(f"{BASE}/people/?q=a")
    page.screenshot(path=OUT / f"search-{width_name}.png", full_page=True)
    page.goto(f"{BASE}/people/new/")
    page.get_by_role("button", name="Save person").click()
    page.screenshot(path=OUT / f"add-person-errors-{width_name}.png", full_page=True)
    context.close()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, "admin")
    page.goto(f"{BASE}/audit/?q=King")
    page.locator("main ul a").first.click()
    page.screenshot(path=OUT / f"audit-trail-{width_name}.png", full_page=True)
    context.close()
    for role in ["adviser", "manager", "admin", "citizen"]:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        sign_in(page, role)
        page.screenshot(path=OUT / f"home-{role}-{width_name}.png", full_page=True)
        context.close()


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
            shots(browser, name, width)
        browser.close()


if __name__ == "__main__":
    main()
