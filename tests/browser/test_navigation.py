"""Each role's navigation offers what the access policy lets it do, and every section it offers opens."""

import pytest

from cases.context_processors import SECTIONS
from tests.browser.conftest import sign_in
from tests.test_access_matrix import POLICY

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["adviser", "manager", "finance_officer", "directory_editor", "council_admin", "provider", "citizen"]


@pytest.mark.parametrize("role", ROLES)
def test_each_roles_navigation_offers_the_sections_it_may_use_and_each_opens(page, request, role):
    user = request.getfixturevalue(role)
    sign_in(page, user.username)
    links = page.locator("nav[aria-label='Menu'] a.govuk-service-navigation__link")
    offered = [text.strip() for text in links.all_inner_texts()]
    may_use = [text for text, _, perm in SECTIONS if role in POLICY[perm][0]]
    assert offered == ["Home", *may_use, "Find local services"]
    for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
        assert page.goto(href).status == 200, href
