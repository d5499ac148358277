"""Handling cases in a browser: a case with a safeguarding concern stays open when a contact resolves it, a team
manager allocates a waiting case to a practitioner, and a citizen reads the decisions on their own case."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases.models import CaseFlag
from cases.services import raise_flag
from contact.models import Contact, SafeguardingConcern
from ras.tests.test_citizen_case import decided_case  # noqa: F401 (a fixture)

from .conftest import accessibility_violations, sign_in
from .test_contact import record_the_call

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots/cases")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)


def test_an_advice_contact_on_a_case_with_an_open_concern_keeps_it_open_and_says_why(
    page, adviser, someone, someones_case
):
    earlier = Contact.objects.create(
        person=someone, case=someones_case, taken_by=adviser, status=Contact.Status.COMPLETED
    )
    SafeguardingConcern.objects.create(
        contact=earlier, case=someones_case, concern="Bruises on her arms", raised_by=adviser
    )
    raise_flag(actor=adviser, case=someones_case, kind=CaseFlag.Kind.SAFEGUARDING)

    sign_in(page, adviser.username)
    record_the_call(page, someone.full_name, "Asking about lunch clubs near her")
    # She has been in touch before, so the screen asks whether this is about that: it is not.
    page.get_by_role("group", name="Is this about something we already know of?").get_by_label("No").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Information and advice, with signposting").check()
    page.get_by_label("They do not want one").check()
    page.get_by_role("button", name="Save and continue").click()
    effect = page.locator("#effect-on-case")
    expect(effect).to_contain_text("Their case stays open")
    expect(effect).to_contain_text("waiting for a manager's decision")
    assert accessibility_violations(page) == []
    shoot(page, "check-stays-open")

    page.get_by_role("button", name="Complete the contact").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    notice = page.locator(".govuk-notification-banner", has_text="stays open")
    expect(notice).to_contain_text(f"Case {someones_case.reference} stays open")
    expect(notice).to_contain_text("waiting for a manager's decision")
    assert accessibility_violations(page) == []
    someones_case.refresh_from_db()
    assert someones_case.is_open


def test_a_manager_records_that_a_section_42_enquiry_has_finished_and_the_case_may_close(
    page, manager, someone, someones_case
):
    raise_flag(
        actor=manager,
        case=someones_case,
        kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY,
        note="the team manager records its outcome when it has finished",
    )
    sign_in(page, manager.username)
    enquiries = page.get_by_role("table", name=re.compile("Section 42 enquiries open"))
    enquiries.get_by_role("link", name=someone.full_name).click()
    expect(page.locator("#flag-safeguarding_enquiry")).to_contain_text(
        "Section 42 safeguarding enquiry started"
    )
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Record that the section 42 enquiry has finished").click()
    page.get_by_role("button", name="Record the enquiry as finished").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select how the enquiry ended")
    assert accessibility_violations(page) == []
    shoot(page, "enquiry-finish-error")
    page.get_by_label("Risk reduced").check()
    page.get_by_label("What the enquiry found and what was done").fill("New carer; daughter visits daily")
    page.get_by_role("button", name="Record the enquiry as finished").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("recorded as finished")
    expect(page.locator("main")).to_contain_text("Section 42 enquiry finished: risk reduced")
    expect(page.locator("#flag-safeguarding_enquiry")).to_have_count(0)
    assert accessibility_violations(page) == []
    assert someones_case.reasons_not_to_close() == []


def test_a_manager_allocates_a_waiting_case_and_the_practitioner_finds_it_in_their_caseload(
    page, browser, live_server, manager, practitioner, someone, someones_case
):
    sign_in(page, manager.username)
    waiting = page.get_by_role("table", name="Waiting to be allocated in your team")
    expect(waiting).to_contain_text(someone.full_name)
    assert accessibility_violations(page) == []
    waiting.get_by_role("link", name=f"Allocate {someone.full_name}’s case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Allocate {someone.full_name}’s case")
    assert accessibility_violations(page) == []
    shoot(page, "allocate")

    tablet = browser.new_context(base_url=live_server.url, viewport={"width": 768, "height": 1024})
    tablet_page = tablet.new_page()
    sign_in(tablet_page, manager.username)
    tablet_page.goto(page.url)
    tablet_page.get_by_role("button", name="Allocate case").click()  # nobody chosen yet
    expect(tablet_page.locator(".govuk-error-summary")).to_contain_text("Select who will work on this case")
    shoot(tablet_page, "allocate-error")
    tablet_page.reload()
    shoot(tablet_page, "allocate")
    tablet.close()

    page.get_by_label(re.compile(re.escape(practitioner.display_name))).check()
    page.get_by_label("Note for the worker (optional)").fill("Her daughter prefers morning visits")
    page.get_by_role("button", name="Allocate case").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"allocated to {practitioner.display_name}"
    )
    expect(page.locator("main")).to_contain_text(f"Allocated to {practitioner.display_name}")
    expect(page.locator("main")).to_contain_text("Her daughter prefers morning visits")
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Home").first.click()
    expect(page.locator("main")).to_contain_text("Every case in your team has a worker.")

    worker = browser.new_context(base_url=live_server.url, viewport={"width": 768, "height": 1024})
    worker_page = worker.new_page()
    sign_in(worker_page, practitioner.username)
    banner = worker_page.locator(".govuk-notification-banner", has_text="Newly allocated to you")
    expect(banner).to_contain_text(someone.full_name)
    expect(banner).to_contain_text("Her daughter prefers morning visits")
    assert accessibility_violations(worker_page) == []
    shoot(worker_page, "practitioner-home")
    worker_page.goto("/cases/mine/")
    expect(worker_page.get_by_role("table", name=re.compile("Open cases allocated to you"))).to_contain_text(
        someone.full_name
    )
    assert accessibility_violations(worker_page) == []
    worker.close()


@pytest.mark.parametrize("viewport", [1280, 768])
def test_a_citizen_reads_the_decisions_and_letters_on_their_own_case(
    browser,
    live_server,
    citizen,
    decided_case,  # noqa: F811
    viewport,
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": viewport, "height": 900})
    page = context.new_page()
    sign_in(page, citizen.username)
    page.get_by_role("link", name=re.compile(f"See case {decided_case.reference}")).click()
    main = page.locator("main")
    expect(main).to_contain_text("Your needs are eligible for care and support")
    expect(main).to_contain_text("a week")
    expect(main).to_contain_text("You pay £30.90 a week towards your care")
    expect(page.get_by_role("link", name="Your eligibility decision letter (PDF)")).to_be_visible()
    assert accessibility_violations(page) == []
    shoot(page, "citizen-case")
    context.close()
