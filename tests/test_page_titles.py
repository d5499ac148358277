"""Every page has a title that says what it is, including a part of a page asked for on its own."""

import html
import re

import pytest
from django.urls import reverse

from cases.tests.factories import CaseFactory
from contact.models import REFERRAL_KINDS, Contact, Referral

pytestmark = pytest.mark.django_db


def title(response) -> str:
    """The page's title as the browser shows it (entities read, so a name like O'Donnell reads as written)."""
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return " ".join(html.unescape(found.group(1)).split()) if found else ""


@pytest.mark.parametrize("kind", sorted(REFERRAL_KINDS))
def test_a_referral_page_names_the_referral_once(client, adviser, someones_case, kind):
    contact = Contact.objects.create(person=someones_case.person, case=someones_case, status="completed")
    referral = Referral.objects.create(contact=contact, case=someones_case, kind=kind)
    client.force_login(adviser)
    page = client.get(reverse("contact_referral", args=[referral.pk]))
    assert page.status_code == 200
    name = title(page).split(":")[0]
    assert name.endswith(" referral") and "referral referral" not in title(page).lower()
    assert "Refer for" not in name
    assert f'<h1 class="govuk-heading-l">{html.escape(name)}</h1>' in page.content.decode()


def test_the_letters_table_opened_on_its_own_takes_you_to_the_case_page(client, practitioner, team):
    case = CaseFactory(team=team)
    client.force_login(practitioner)
    url = reverse("case_letters", args=[case.pk])
    page = client.get(url, follow=True)
    assert title(page).startswith(f"{case.reference} {case.person.full_name}")
    assert page.redirect_chain and page.redirect_chain[-1][0].endswith(f"{case.get_absolute_url()}#letters")
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "<title>" not in fragment.content.decode() and 'id="letters"' in fragment.content.decode()
