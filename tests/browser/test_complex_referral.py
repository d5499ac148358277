"""A complex case in a browser: the practitioner refers a plan that meets a complex-case criterion from the plan
page; a worker of the complex support planning team finds it on the team's queue, picks it up and writes on from
the plan as it stands; the practitioner still sees on the plan where it went."""

import pytest
from playwright.sync_api import expect

from cases.roles import Role
from cases.tests.factories import TeamFactory, UserFactory
from support_planning.money_management import Management
from support_planning.tests.factories import PAID_CARE, meet_every_outcome

from .conftest import accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def complex_worker(db):
    team = TeamFactory(name="Complex support planning team", plans_complex_support=True)
    return UserFactory(
        username="complex_worker", first_name="Priya", last_name="Shah", role=Role.PRACTITIONER, team=team
    )


@pytest.fixture
def planned_case(practitioner, plan_being_written):
    """A case whose plan has every outcome met by paid care the council arranges."""
    meet_every_outcome(
        plan_being_written, practitioner, {**PAID_CARE, "management": Management.COUNCIL_MANAGED}
    )
    return plan_being_written.case


def test_a_complex_case_is_referred_appears_on_the_complex_teams_queue_and_is_picked_up_by_its_worker(
    page, tablet_page, practitioner, complex_worker, planned_case
):
    case = planned_case
    sign_in(page, practitioner.username)
    page.goto(f"/plans/cases/{case.pk}/")
    expect(page.locator("#complex")).to_have_count(0)

    # A risk for the panel: a criterion that requires the complex team.
    page.get_by_role("link", name="Add a risk").click()
    page.get_by_label("The risk", exact=True).fill("I go out alone at night and have fallen before")
    page.get_by_label("Ask the risk enablement panel to decide on this risk").check()
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.locator("#complex")).to_contain_text("This plan must go to the complex support planning team")
    expect(page.locator("#complex")).to_contain_text("a risk is marked for the risk enablement panel")
    assert accessibility_violations(page) == []

    page.get_by_label("A note for the complex team (optional)").fill("Needs a positive risk plan")
    page.get_by_role("button", name="Refer to the complex support planning team").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The plan is on the queue of Complex support planning team"
    )
    expect(page.locator("#complex-referral")).to_contain_text("waiting to be picked up")

    # The complex team's worker finds it on the team's queue and picks it up.
    worker = tablet_page
    sign_in(worker, complex_worker.username)
    worker.get_by_role("link", name="Complex plans").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Plans referred to the team")
    row = worker.locator("#complex-queue tbody tr", has_text=case.person.full_name)
    expect(row).to_contain_text("A risk is marked for the risk enablement panel")
    expect(row).to_contain_text("Needs a positive risk plan")
    expect(row).to_contain_text(practitioner.display_name)
    assert accessibility_violations(worker) == []
    row.get_by_role("button", name=f"Pick up the plan for {case.person.full_name}").click()

    # The plan as it stands: nothing typed again.
    expect(worker.get_by_role("heading", level=1)).to_contain_text("Support plan")
    expect(worker.locator("#complex-referral")).to_contain_text(f"picked up by {complex_worker.display_name}")
    expect(worker.locator("#outcome-1")).to_contain_text(PAID_CARE["description"])
    expect(worker.locator("#outcome-2")).to_contain_text(PAID_CARE["description"])
    expect(worker.locator("#risks")).to_contain_text("I go out alone at night")
    worker.get_by_role("link", name="Complex plans").click()
    expect(worker.locator("main")).to_contain_text("No plans are waiting to be picked up")

    # The worker writes it on and sends it; the practitioner still sees where it went.
    worker.goto(f"/plans/cases/{case.pk}/")
    worker.get_by_role("link", name="Check and send for sign-off").click()
    reason = worker.get_by_label("Why the plan differs from the indicative budget")
    if reason.count():
        reason.fill("Agreed with the complex team")
    worker.get_by_role("button", name="Send for sign-off").click()
    expect(worker.locator("h1 .govuk-tag")).to_have_text("Sent for sign-off")
    page.reload()
    expect(page.locator("#complex-referral")).to_contain_text("Referred to Complex support planning team on")
    expect(page.locator("#complex-referral")).to_contain_text(f"picked up by {complex_worker.display_name}")
