"""Whatever arrives at the front door's forms, people get a page back, never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contact.models import Contact, Referral

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = [
    "caller_kind", "urgent", "given_name", "family_name", "date_of_birth_0", "date_of_birth_1", "date_of_birth_2",
    "postcode", "email", "caller_name", "caller_profession", "caller_email", "caller_phone", "reason", "consent", "key",
]  # fmt: skip
ADVISER_FIELDS = [
    "version", "channel", "caller_kind", "caller_profession", "caller_email", "reason", "route_of_access",
    "immediate_risk", "consent", "about_known_matter", "failure_reason", "repeat_of", "kinds", "summary_by",
    "note_safeguarding", "person", "add", "remove", "description", "kind", "cost",
]  # fmt: skip
anything = st.one_of(st.text(max_size=40), st.integers().map(str), st.just(""), st.just("yes"), st.just("31"))
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _clean(data: dict) -> dict:
    return {key: value.replace("\x00", "") for key, value in data.items()}


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(PUBLIC_FIELDS), anything))
def test_any_post_to_the_public_form_gets_a_page(client, data):
    data = _clean(data)
    for step in ("who", "urgent", "person", "caller", "reason", "consent"):
        assert client.post(reverse("contact_us_step", args=[step]), data).status_code in (200, 302)
    assert client.post(reverse("contact_us_check"), data).status_code in (200, 302)


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(ADVISER_FIELDS), anything))
def test_any_post_to_a_contact_step_gets_a_page(client, adviser, someone, data):
    client.force_login(adviser)
    contact = Contact.objects.create(person=someone, taken_by=adviser)
    data = _clean(data)
    for step in ("about", "outcomes", "equipment"):
        assert client.post(reverse("contact_step", args=[contact.pk, step]), data).status_code in (200, 302)
    for name in ("contact_step_person", "contact_step_signposting", "contact_step_check"):
        # 404 only for a made-up person's id: there is no such record to choose.
        assert client.post(reverse(name, args=[contact.pk]), data).status_code in (200, 302, 404)


REFERRAL_FIELDS = [
    "started", "started_on_0", "started_on_1", "started_on_2", "declined_reason", "reablement_outcome", "outcome",
]  # fmt: skip


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(REFERRAL_FIELDS), anything))
def test_any_post_to_a_reablement_referral_gets_a_page(client, adviser, someones_case, data):
    client.force_login(adviser)
    contact = Contact.objects.create(person=someones_case.person, taken_by=adviser, case=someones_case)
    referral = Referral.objects.create(contact=contact, case=someones_case, kind="reablement")
    url = reverse("contact_referral", args=[referral.pk])
    assert client.post(url, _clean(data)).status_code in (200, 302)
    referral.refresh_from_db()
    if referral.under_way:
        assert client.post(url, _clean(data)).status_code in (200, 302)
