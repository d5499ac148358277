"""Whatever arrives in a form post, people get a page back, never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Person

pytestmark = pytest.mark.django_db

FIELDS = [
    "given_name",
    "family_name",
    "date_of_birth_0",
    "date_of_birth_1",
    "date_of_birth_2",
    "nhs_number",
    "address_line_1",
    "town",
    "postcode",
    "email",
    "consent_to_share",
    "once",
    "version",
]
anything = st.one_of(st.text(max_size=40), st.integers().map(str), st.just(""), st.just("31"), st.just("2"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS), anything))
def test_any_post_to_the_person_forms_gets_a_page_not_a_server_error(client, practitioner, someone, data):
    client.force_login(practitioner)
    data = {key: value.replace("\x00", "") for key, value in data.items()}
    for url in (reverse("person_new"), reverse("person_edit", args=[someone.pk])):
        response = client.post(url, data)
        assert response.status_code in (200, 302)


def test_a_tampered_version_number_is_treated_as_the_current_one(client, practitioner, someone):
    client.force_login(practitioner)
    response = client.post(reverse("person_edit", args=[someone.pk]), {"version": "not-a-number"})
    assert response.status_code == 200
    assert "Enter the person&#x27;s first name" in response.content.decode()
    assert Person.objects.get(pk=someone.pk).version == someone.version
