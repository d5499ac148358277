"""How pages are checked for accessibility: axe with WCAG 2.2 AA and its best practices, every part of a page in
a landmark, and one finding allowed, on GOV.UK's conditional reveal, for the reason docs/accessibility.md gives."""

import pytest
from playwright.sync_api import expect

from assessment.tests import factories
from cases.tests.factories import CaseFactory

from .conftest import accessibility_violations, is_conditional_reveal, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_part_of_a_page_with_a_back_link_sits_in_a_landmark(page, practitioner, someone, questionnaire):
    case = CaseFactory(person=someone, team=practitioner.team, stage="assessment")
    assessment = factories.start(actor=practitioner, case=case)
    sign_in(page, practitioner.username)
    page.goto(assessment.get_absolute_url())
    expect(page.get_by_role("navigation", name="Back").get_by_role("link")).to_have_count(1)
    expect(page.get_by_role("banner")).to_contain_text("This is a new service")
    assert accessibility_violations(page) == []


def test_a_page_without_a_back_link_has_no_empty_back_landmark(page, practitioner):
    sign_in(page, practitioner.username)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Back")).to_have_count(0)
    assert accessibility_violations(page) == []


def test_an_area_of_life_passes_with_only_its_revealing_radios_allowed(
    page, practitioner, someone, questionnaire
):
    from axe_playwright_python.sync_playwright import Axe

    case = CaseFactory(person=someone, team=practitioner.team, stage="assessment")
    assessment = factories.start(actor=practitioner, case=case)
    sign_in(page, practitioner.username)
    page.goto(assessment.get_absolute_url())
    page.get_by_role("link", name="Personal care").click()
    page.locator('input[value="yes"]').check()
    found = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["aria-allowed-attr"]}})
    nodes = [node for violation in found.response["violations"] for node in violation["nodes"]]
    assert nodes and all(map(is_conditional_reveal, nodes))
    assert accessibility_violations(page) == []


def axe_node(html: str, *attributes: str) -> dict:
    return {
        "any": [],
        "all": [{"id": "aria-allowed-attr", "data": list(attributes)}],
        "none": [],
        "html": html,
    }


REVEAL = (
    '<input class="govuk-radios__input" id="id_has_needs" type="radio" value="yes" aria-controls="detail" '
)


def test_nothing_else_is_allowed_past_the_audit():
    assert is_conditional_reveal(axe_node(REVEAL + 'aria-expanded="true">', 'aria-expanded="true"'))
    assert not is_conditional_reveal(axe_node(REVEAL + 'aria-pressed="true">', 'aria-pressed="true"'))
    assert not is_conditional_reveal(
        axe_node(
            '<input class="govuk-radios__input" type="radio" aria-expanded="true">', 'aria-expanded="true"'
        )
    )
    assert not is_conditional_reveal(
        axe_node(
            '<input class="govuk-checkboxes__input" type="checkbox" aria-controls="detail">',
            'aria-expanded="true"',
        )
    )
