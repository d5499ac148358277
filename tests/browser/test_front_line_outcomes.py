"""What comes of a call, followed in a browser: a chase the next week lands on the first matter and counts as
failure demand; equipment with its costs, free or sent on; reablement through its six free weeks to an outcome
that moves the case on."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from contact.rules import REABLEMENT_CRITERIA

from .conftest import accessibility_violations, sign_in
from .test_contact import record_the_call

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots/outcomes")


def accessible(page) -> None:
    assert accessibility_violations(page) == []


def screenshots(page, name: str) -> None:
    """The screen at desktop and tablet widths, then back to desktop."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (768, 1024)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def complete_the_contact(page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and complete")
    accessible(page)
    page.get_by_role("button", name="Complete the contact").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")


def advice_only(page) -> None:
    page.get_by_label("Information and advice, with signposting").check()
    page.get_by_label("They do not want one").check()
    page.get_by_role("button", name="Save and continue").click()


def test_a_chase_the_next_week_lands_on_the_first_matter_and_counts_as_failure_demand(
    page, browser, live_server, adviser, manager, someone, time_machine
):
    time_machine.move_to("2026-11-16 10:00Z")  # a Monday
    sign_in(page, adviser.username)
    record_the_call(page, someone.full_name, "Lonely since her husband died; would like company")
    advice_only(page)
    complete_the_contact(page)
    first = re.search(
        r"CT\d{6}", page.locator("h1, .govuk-caption-l").first.inner_text() + page.content()
    ).group()
    page.get_by_role("link", name=re.compile("Case FD")).click()
    expect(page.locator("main")).to_contain_text("Resolved at first contact")
    case_url = page.url

    time_machine.move_to("2026-11-23 10:00Z")
    sign_in(page, adviser.username)
    record_the_call(page, someone.full_name, "Nobody has rung back about the lunch club")
    # She has been in touch before, so the screen asks whether this is about something already known of.
    known = page.get_by_role("group", name="Is this about something we already know of?")
    known.get_by_label("Yes").check()
    page.get_by_label("Chasing progress").check()
    accessible(page)
    page.get_by_role("button", name="Save and continue").click()
    # The adviser goes back to say which earlier contact it chases.
    page.get_by_role("link", name="Who it is about and why").click()
    page.get_by_label(re.compile(first)).check()
    accessible(page)
    page.get_by_role("button", name="Save and continue").click()
    advice_only(page)
    expect(page.locator("main")).to_contain_text(
        "Their case stays closed. This contact is added to its timeline."
    )
    complete_the_contact(page)
    page.get_by_role("link", name=re.compile("Case FD")).click()
    assert page.url == case_url  # the first matter, not a new episode
    expect(page.locator("main")).to_contain_text(f"again about {first}: chasing progress")
    accessible(page)

    time_machine.move_to("2026-12-01 09:00Z")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    manager_page = context.new_page()
    sign_in(manager_page, manager.username)
    manager_page.goto("/contact/measures/?weeks=4")
    figures = manager_page.locator(".fd-headlines")
    expect(figures).to_contain_text(re.compile(r"Resolved at first contact\s+50%"))
    expect(figures).to_contain_text(re.compile(r"Failure demand\s+50%"))
    expect(manager_page.locator("section[aria-labelledby=failure-heading]")).to_contain_text(
        "Chasing progress"
    )
    expect(manager_page.locator("#this-week-heading")).to_have_text("This week so far")
    accessible(manager_page)
    screenshots(manager_page, "measures")
    context.close()


def test_equipment_under_the_limit_is_free_and_a_large_adaptation_is_sent_on(page, adviser, someone):
    sign_in(page, adviser.username)
    record_the_call(page, someone.full_name, "Cannot get in and out of the bath")
    page.get_by_label("Equipment or minor adaptations").check()
    page.get_by_label("They do not want one").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Equipment and adaptations")
    accessible(page)

    page.get_by_label("What is it?").fill("Bath board")
    page.get_by_label("Equipment", exact=True).check()
    page.get_by_label("What does it cost?").fill("£45.50")
    page.get_by_role("button", name="Add this item").click()
    row = page.locator("#equipment-items tr", has_text="Bath board")
    expect(row).to_contain_text("£45.50")
    expect(row).to_contain_text("Free")

    page.get_by_label("What is it?").fill("Level access shower")
    page.get_by_label("Minor adaptation").check()
    page.get_by_label("What does it cost?").fill("six thousand")
    page.get_by_role("button", name="Add this item").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Cost must be an amount of money")
    expect(page.get_by_label("What is it?")).to_have_value("Level access shower")
    expect(page.get_by_label("What does it cost?")).to_have_value("six thousand")
    accessible(page)
    page.get_by_label("What does it cost?").fill("6,000")
    page.get_by_role("button", name="Add this item").click()
    shower = page.locator("#equipment-items tr", has_text="Level access shower")
    expect(shower).to_contain_text("Disabled facilities grant")
    expect(shower).to_contain_text("£6,000")
    accessible(page)
    screenshots(page, "equipment")

    page.get_by_role("link", name="Continue").click()
    expect(page.locator("main")).to_contain_text("Bath board (equipment)")
    complete_the_contact(page)
    page.get_by_role("link", name=re.compile("Case FD")).click()
    expect(page.locator("main")).to_contain_text(
        "Equipment: 2 items: 1 free (£45.50); 1 for a disabled facilities grant (£6,000)"
    )


def test_reablement_runs_six_free_weeks_is_reviewed_before_they_end_and_moves_the_case_on(
    page, adviser, someone, time_machine
):
    time_machine.move_to("2026-11-30 10:00Z")  # a Monday
    sign_in(page, adviser.username)
    record_the_call(page, someone.full_name, "Home from hospital; wants to manage the stairs again")
    page.get_by_label("Reablement referral").check()
    for criterion in REABLEMENT_CRITERIA.values():
        page.get_by_label(criterion).check()
    page.get_by_label("They do not want one").check()
    page.get_by_role("button", name="Save and continue").click()
    complete_the_contact(page)

    page.goto("/contact/queues/reablement/")
    page.get_by_role("link", name=f"Update the referral for {someone.full_name}").click()
    accessible(page)
    screenshots(page, "reablement-start")
    page.get_by_label("Yes").check()
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save").click()
    summary = page.locator("#reablement-summary")
    expect(summary).to_contain_text("The first 6 weeks are free, to Sunday 10 January 2027")
    accessible(page)
    screenshots(page, "reablement-started")

    # Five weeks on, the front door's queues prompt the review.
    time_machine.move_to("2027-01-04 09:00Z")
    sign_in(page, adviser.username)
    page.goto("/contact/")
    notice = page.locator("#reablement-ending")
    expect(notice).to_contain_text("1 reablement ending within 7 days")
    accessible(page)
    screenshots(page, "front-door-notice")
    notice.get_by_role("link", name="See reablement referrals").click()
    expect(page.locator("#queue")).to_contain_text("Free period ends in 6 days")
    page.get_by_role("link", name=f"Update the referral for {someone.full_name}").click()
    expect(page.locator("#review-due")).to_contain_text("Free period ends in 6 days")
    accessible(page)
    screenshots(page, "reablement-review")
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select how reablement ended")
    page.get_by_label("Needs an assessment for longer-term care and support").check()
    page.get_by_label("What it achieved for the person").fill("Stairs with a rail; still needs help to wash")
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator("#reablement-summary")).to_contain_text("Needs an assessment")
    page.get_by_role("link", name=re.compile("FD")).first.click()
    main = page.locator("main")
    expect(main).to_contain_text("Reablement ended: needs an assessment for longer-term care and support")
    expect(main).to_contain_text("Assessment")
    accessible(page)
