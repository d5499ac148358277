"""The statutory end of an assessment: the practitioner decides eligibility with the rules explained, signs it
off (locked, letters sent, the case moved on), and a later change is a new revision with a visible diff."""

import pytest
from django.urls import reverse

from assessment.models import Assessment, EligibilityDecision
from assessment.tests import factories
from cases import letters
from cases.models import Letter
from cases.stages import Stage
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def decide(client, assessment, *, unable: dict[str, list[str]], impairment="yes", wellbeing="yes", **extra):
    data = {"needs_from_condition": impairment, "wellbeing_impact": wellbeing, "version": 0, **extra}
    if wellbeing == "yes":
        data.setdefault("wellbeing_notes", "Not washing has left her ashamed to see friends")
    for outcome, reasons in unable.items():
        data[f"reasons_{outcome}"] = reasons
    return client.post(reverse("assessment_eligibility", args=[assessment.pk]), data)


@pytest.fixture
def assessed(practitioner, someones_case, questionnaire):
    return factories.completed(
        actor=practitioner, case=someones_case, needs_in={"personal_care", "eating_and_drinking"}
    )


def test_an_eligible_adult_is_signed_off_told_in_writing_and_moved_on_to_the_budget(
    client, practitioner, assessed
):
    client.force_login(practitioner)
    form = client.get(reverse("assessment_eligibility", args=[assessed.pk]))
    assert form.text.index("Maintaining personal hygiene") < form.text.index("Maintaining a habitable home")
    assert "Their answers in personal care point to this outcome" in form.text

    decide(
        client,
        assessed,
        unable={"hygiene": ["without_assistance"], "nutrition": ["takes_longer", "pain_distress"]},
    )
    decision = EligibilityDecision.objects.get(assessment=assessed)
    assert decision.eligible
    overview = client.get(reverse("assessment", args=[assessed.pk]))
    assert "All three conditions are met, so the needs are eligible for care and support." in overview.text

    client.post(reverse("assessment_sign_off", args=[assessed.pk]))
    client.post(reverse("assessment_sign_off", args=[assessed.pk]))  # a second press changes nothing
    assessed.refresh_from_db()
    assert assessed.status == Assessment.Status.SIGNED_OFF
    assert sorted(Letter.objects.filter(case=assessed.case).values_list("letter_type", flat=True)) == [
        "assessment_summary",
        "eligibility_decision",
    ]
    assert assessed.case.stage == Stage.INDICATIVE_BUDGET
    decision_letter = Letter.objects.get(case=assessed.case, letter_type="eligibility_decision")
    html = letters.letter_html(decision_letter)
    assert "Your needs are eligible for care and support." in html
    summary_html = letters.letter_html(
        Letter.objects.get(case=assessed.case, letter_type="assessment_summary")
    )
    assert "Personal care" in summary_html and "Where you told us you need no help" in summary_html


def test_an_adult_unable_to_achieve_one_outcome_is_told_why_with_advice_and_the_case_closes(
    client, practitioner, assessed
):
    client.force_login(practitioner)
    decide(client, assessed, unable={"hygiene": ["without_assistance"]})
    client.post(reverse("assessment_sign_off", args=[assessed.pk]))
    assessed.case.refresh_from_db()
    assert assessed.case.stage == Stage.CLOSED
    html = letters.letter_html(Letter.objects.get(case=assessed.case, letter_type="eligibility_decision"))
    assert "Your needs are not eligible for care and support from the council." in html
    assert "We found 1: maintaining personal hygiene." in html
    assert "Help to stay well and independent" in html
    pdf = letters.pdf_from_html(html)
    assert pdf.startswith(b"%PDF")


def test_an_eligible_carer(client, practitioner, team, questionnaire):
    carer_case = CaseFactory(team=team)
    assessment = factories.completed(
        actor=practitioner, case=carer_case, needs_in={"the_caring_role", "carer_health"}, kind="carer"
    )
    client.force_login(practitioner)
    page = client.get(reverse("assessment_eligibility", args=[assessment.pk]))
    assert "Do the carer&#x27;s needs come from providing necessary care to an adult?" in page.text
    decide(client, assessment, unable={"carer_work": ["without_assistance"]}, carer_health_at_risk="no")
    decision = EligibilityDecision.objects.get(assessment=assessment)
    assert decision.eligible
    assert decision.carer_health_at_risk is False
    assert (
        decision.explanation[-1]
        == "All three conditions are met, so the needs are eligible for support as a carer."
    )
    client.post(reverse("assessment_sign_off", args=[assessment.pk]))
    html = letters.letter_html(Letter.objects.get(case=carer_case, letter_type="eligibility_decision"))
    assert "Your needs are eligible for support as a carer." in html


def test_the_decision_needs_every_condition_answered_and_keeps_what_was_ticked(
    client, practitioner, assessed
):
    client.force_login(practitioner)
    page = client.post(
        reverse("assessment_eligibility", args=[assessed.pk]),
        {"reasons_hygiene": ["endangers"], "wellbeing_impact": "yes", "version": 0},
    )
    assert "Select whether the needs come from a physical or mental impairment or illness" in page.text
    assert "Describe the impact on their wellbeing" in page.text
    assert 'value="endangers" checked' in page.text
    assert not EligibilityDecision.objects.exists()


def test_deciding_twice_keeps_one_decision_and_a_stale_form_is_refused(
    client, practitioner, manager, assessed
):
    client.force_login(practitioner)
    decide(client, assessed, unable={"hygiene": ["without_assistance"]})
    client.force_login(manager)
    stale = decide(client, assessed, unable={"hygiene": ["without_assistance"], "toilet": ["endangers"]})
    assert "Someone else recorded the decision just now" in stale.text
    assert EligibilityDecision.objects.filter(assessment=assessed).count() == 1
    assert not EligibilityDecision.objects.get(assessment=assessed).eligible


def test_an_adviser_cannot_decide_eligibility_or_sign_off(client, adviser, assessed):
    client.force_login(adviser)
    assert client.get(reverse("assessment_eligibility", args=[assessed.pk])).status_code == 403
    assert client.post(reverse("assessment_sign_off", args=[assessed.pk])).status_code == 403


def test_signing_off_needs_a_decision(client, practitioner, assessed):
    client.force_login(practitioner)
    refused = client.post(reverse("assessment_sign_off", args=[assessed.pk]), follow=True)
    assert "Decide eligibility before signing the assessment off" in refused.text
    assessed.refresh_from_db()
    assert assessed.status == Assessment.Status.COMPLETED


def test_a_signed_off_assessment_is_locked_and_a_change_is_a_revision_showing_what_changed(
    client, practitioner, assessed
):
    client.force_login(practitioner)
    decide(client, assessed, unable={"hygiene": ["without_assistance"], "nutrition": ["takes_longer"]})
    client.post(reverse("assessment_sign_off", args=[assessed.pk]))
    assert client.get(reverse("assessment_domain", args=[assessed.pk, "home"])).status_code == 404
    assert client.get(reverse("assessment_eligibility", args=[assessed.pk])).status_code == 404

    revised = client.post(reverse("assessment_revise", args=[assessed.pk]))
    again = client.post(reverse("assessment_revise", args=[assessed.pk]))
    revision = Assessment.objects.get(revision_of=assessed)
    assert revised.url == again.url == revision.get_absolute_url()
    assert revision.revision == 2 and revision.is_in_progress
    assert revision.answers.count() == assessed.answers.count()

    home = revision.responses.get(domain__key="home")
    client.post(
        reverse("assessment_domain", args=[revision.pk, "home"]),
        {"version": home.version, "has_needs": "no", "person_words": "My son now does the cleaning"},
    )
    changes = client.get(reverse("assessment_changes", args=[revision.pk]))
    assert "Your home" in changes.text
    assert "My son now does the cleaning" in changes.text
    assert "Personal care" not in changes.text  # unchanged areas are not listed
    assessed.refresh_from_db()
    assert assessed.is_signed_off  # the signed-off one stays as it was
