"""The reviews queue in a browser: a team manager with more reviews than a page holds sees how many stand where,
the most pressing first, and turns the page."""

import pytest
from playwright.sync_api import expect

from reviews.tests.conftest import agreed_plan
from reviews.tests.test_review_queue import review_in
from support_planning.tests.factories import budgeted_case

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_reads_a_long_reviews_queue_a_page_at_a_time(
    page, practitioner, manager, citizen_case, questionnaire, ras_version, delegation_scheme
):
    case, *_ = budgeted_case(practitioner, citizen_case)
    plan = agreed_plan(case, practitioner, manager)
    for n in range(20):
        review_in(10, plan, manager.team, f"Soonby{n}")
    for n in range(10):
        review_in(-30, plan, manager.team, f"Latterly{n}")
    sign_in(page, manager.username)
    page.get_by_role("link", name="Reviews").click()
    expect(page.locator("#standings")).to_contain_text("10 overdue")
    expect(page.locator("#standings")).to_contain_text("20 due soon")
    expect(page.locator("#overdue")).to_have_text("Overdue (10)")
    expect(page.locator("#overdue + table tbody tr")).to_have_count(10)
    expect(page.locator("#due-soon + table tbody tr")).to_have_count(15)
    expect(page.locator("main")).to_contain_text("Showing 1 to 25 of 30 reviews.")
    assert accessibility_violations(page) == []

    page.get_by_role("link", name="Next").click()
    expect(page.locator("main")).to_contain_text("Showing 26 to 30 of 30 reviews.")
    expect(page.locator("#overdue")).to_have_count(0)
    expect(page.locator("#due-soon")).to_have_text("Due soon (20)")
    expect(page.locator("#due-soon + table tbody tr")).to_have_count(5)
    expect(page.locator("#standings")).to_contain_text("10 overdue")  # the whole queue, on every page
    assert accessibility_violations(page) == []
