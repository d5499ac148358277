"""A person signed in to their own case sees every decision the council made about them, in plain English, and
every letter it sent them; nobody else's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.tests import factories
from assessment.tests.test_eligibility_decisions import decide
from cases.models import AccessEvent, Letter
from ras.tests.test_financial_assessment import MEANS

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided_case(
    client, citizen_case, practitioner, finance_officer, questionnaire, ras_version, charging_year
):
    """The citizen's case after a visit: eligible, signed off, an indicative budget, a confirmed charge; the
    letters written."""
    assessment = factories.completed(
        actor=practitioner, case=citizen_case, needs_in={"personal_care", "eating_and_drinking"}
    )
    client.force_login(practitioner)
    decide(
        client,
        assessment,
        unable={"hygiene": ["without_assistance"], "nutrition": ["takes_longer", "pain_distress"]},
    )
    client.post(reverse("assessment_sign_off", args=[assessment.pk]))
    client.post(reverse("work_out_indicative_budget", args=[assessment.pk]))
    client.post(reverse("indicative_budget_letter", args=[assessment.pk]))
    client.force_login(finance_officer)
    url = reverse("financial_assessment", args=[citizen_case.pk])
    client.post(url, MEANS)
    client.post(url, {"confirm": "1"})
    Letter.objects.filter(case=citizen_case).update(
        status=Letter.Status.READY, pdf=b"%PDF-1.7 letter", rendered_at=timezone.now()
    )
    client.logout()
    return citizen_case


def test_the_citizen_sees_their_eligibility_decision_budget_charge_and_letters_on_their_case(
    client, citizen, decided_case
):
    client.force_login(citizen)
    response = client.get(reverse("case", args=[decided_case.pk]), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your needs are eligible for care and support" in page
    # Told to them, as in their letter: never the practitioner's notes about "the person".
    assert "there are 2 everyday things, from a list the law sets, that you cannot do" in page
    assert "a big effect on your wellbeing" in page
    assert "the person" not in page and "practitioner found" not in page
    budget = decided_case.assessments.get().budgets.get(is_current=True)
    assert f"£{budget.weekly:,.2f} a week" in page
    assert budget.explanation[0] in page  # how it was reached
    assert "You pay £30.90 a week towards your care" in page
    assert "The council pays £219.10 a week" in page
    assert "You pay £30.90 a week; the council pays £219.10" in page  # the breakdown to "you", not by name
    for letter in Letter.objects.filter(case=decided_case):
        assert reverse("letter_download", args=[decided_case.pk, letter.pk]) in page
        assert letter.get_letter_type_display() in page
    assert "Timeline" not in page  # the staff's working log is not the person's page
    assert (
        "Working out your budget" in page and "Indicative budget</strong>" not in page
    )  # not the office's name
    assert AccessEvent.objects.filter(user=citizen, case=decided_case, action="view").exists()


def test_the_citizen_downloads_their_letters_and_each_download_is_audited(client, citizen, decided_case):
    client.force_login(citizen)
    letter = Letter.objects.filter(case=decided_case).first()
    download = client.get(reverse("letter_download", args=[decided_case.pk, letter.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert AccessEvent.objects.filter(user=citizen, case=decided_case, action="download").exists()


def test_another_citizen_sees_nothing_of_the_case_its_decisions_or_letters(
    client, other_citizen, decided_case
):
    client.force_login(other_citizen)
    letter = Letter.objects.filter(case=decided_case).first()
    assert client.get(reverse("citizen_case", args=[decided_case.pk])).status_code == 404
    assert client.get(reverse("case", args=[decided_case.pk])).status_code == 404
    assert client.get(reverse("letter_download", args=[decided_case.pk, letter.pk])).status_code == 404


def test_a_case_with_nothing_decided_yet_says_so_plainly(client, citizen, citizen_case):
    client.force_login(citizen)
    page = client.get(reverse("citizen_case", args=[citizen_case.pk])).content.decode()
    assert "We have not decided yet whether your needs are eligible" in page
    assert "No letters yet" in page


def test_staff_keep_their_own_case_page(client, practitioner, citizen_case):
    client.force_login(practitioner)
    assert client.get(reverse("citizen_case", args=[citizen_case.pk])).status_code == 403
    assert "Timeline" in client.get(reverse("case", args=[citizen_case.pk])).content.decode()
