"""The indicative budget on the first visit: worked out the moment the needs are decided eligible, explained, and
kept with the versions it used."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.tests import factories
from ras.models import IndicativeBudget, RasVersion

pytestmark = pytest.mark.django_db


def work_out(client, assessment):
    """Press "Work out the indicative budget" on its page, and read the page it leads back to."""
    return client.post(reverse("work_out_indicative_budget", args=[assessment.pk]), follow=True)


@pytest.fixture
def completed(practitioner, someones_case, questionnaire, ras_version):
    """Needs in personal care only, every answer the second option."""
    assessment = factories.start(actor=practitioner, case=someones_case)
    factories.answer_all(
        assessment, actor=practitioner, choose=lambda options: options[1], needs_in={"personal_care"}
    )
    return assessment


def test_deciding_the_needs_eligible_shows_the_budget_at_once_with_how_it_was_reached(
    client, practitioner, completed
):
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[completed.pk]))
    page = client.post(
        reverse("assessment_eligibility", args=[completed.pk]), factories.ELIGIBLE_FORM, follow=True
    )
    assert page.redirect_chain[-1] == (reverse("indicative_budget", args=[completed.pk]), 302)
    budget = IndicativeBudget.objects.get(assessment=completed)
    points = sum(
        list(question.options.all())[1].points
        for question in completed.questionnaire.domains.get(key="personal_care").questions.all()
    )
    assert budget.points == points
    assert budget.weekly == max(Decimal("4.80") * points, Decimal("25.00"))
    assert budget.annual == budget.weekly * 52
    assert f"£{budget.weekly} a week" in page.text
    assert f"Personal care: {points} points" in page.text
    name = completed.case.person.known_as
    assert f"a starting point for planning {name}’s support, not a limit" in page.text  # staff: by name
    assert "your support" not in page.text
    assert "RAS version 1" in page.text and "questionnaire version 1" in page.text


def test_opening_the_budget_records_nothing_and_working_it_out_twice_keeps_one_figure(
    client, practitioner, completed
):
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[completed.pk]))
    factories.decided(completed, actor=practitioner)
    client.get(reverse("indicative_budget", args=[completed.pk]))
    assert not IndicativeBudget.objects.exists()
    work_out(client, completed)
    work_out(client, completed)
    client.get(reverse("indicative_budget", args=[completed.pk]))
    assert IndicativeBudget.objects.filter(assessment=completed).count() == 1


def test_only_staff_who_keep_records_work_a_budget_out(client, finance_officer, practitioner, completed):
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[completed.pk]))
    factories.decided(completed, actor=practitioner)
    client.force_login(finance_officer)
    page = client.get(reverse("indicative_budget", args=[completed.pk]))
    assert page.status_code == 200 and "Work out the indicative budget</button>" not in page.text
    assert client.post(reverse("work_out_indicative_budget", args=[completed.pk])).status_code == 403
    assert client.get(reverse("work_out_indicative_budget", args=[completed.pk])).status_code in (403, 405)
    assert not IndicativeBudget.objects.exists()


def test_support_of_two_and_night_support_are_added_and_explained(
    client, practitioner, someones_case, questionnaire, ras_version
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    factories.answer_all(
        assessment,
        actor=practitioner,
        choose=lambda options: options[-1],
        needs_in={"physical_and_mental_wellbeing", "keeping_safe"},
    )
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[assessment.pk]))
    factories.decided(assessment, actor=practitioner)
    page = work_out(client, assessment)
    assert "Support of two people to move about: +£60.00 a week" in page.text
    assert "Night support (most nights or more): +£90.00 a week" in page.text
    budget = IndicativeBudget.objects.get(assessment=assessment)
    assert budget.weekly == Decimal("4.80") * budget.points + Decimal("150.00")


def test_a_new_ras_version_in_force_is_offered_and_gives_a_new_figure_keeping_the_old_one(
    client, practitioner, completed, ras_version
):
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[completed.pk]))
    factories.decided(completed, actor=practitioner)
    work_out(client, completed)
    RasVersion.objects.create(
        version=2,
        status="published",
        effective_from=timezone.localdate() - datetime.timedelta(days=1),
        price_per_point=Decimal("5.50"),
        minimum_weekly=Decimal("25"),
    )
    page = client.get(reverse("indicative_budget", args=[completed.pk]))
    assert "RAS version 2" in page.text and "has taken effect since this budget was worked out" in page.text
    assert IndicativeBudget.objects.filter(assessment=completed).count() == 1  # until asked
    page = work_out(client, completed)
    budgets = IndicativeBudget.objects.filter(assessment=completed)
    assert budgets.count() == 2
    current = budgets.get(is_current=True)
    assert current.ras.version == 2
    assert "Earlier figures" in page.text and "has taken effect since" not in page.text
    assert budgets.get(is_current=False).ras.version == 1  # the old figure still says how it was reached


def test_an_assessment_still_in_progress_has_no_budget_yet(
    client, practitioner, someones_case, questionnaire, ras_version
):
    assessment = factories.start(actor=practitioner, case=someones_case)
    client.force_login(practitioner)
    assert client.get(reverse("indicative_budget", args=[assessment.pk])).url == assessment.get_absolute_url()
    assert not IndicativeBudget.objects.exists()


def test_the_budget_is_sent_in_writing_once_with_how_it_was_reached(client, practitioner, completed):
    from cases import letters
    from cases.models import Letter

    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[completed.pk]))
    factories.decided(completed, actor=practitioner)
    work_out(client, completed)
    client.post(reverse("indicative_budget_letter", args=[completed.pk]))
    client.post(reverse("indicative_budget_letter", args=[completed.pk]))
    letter = Letter.objects.get(case=completed.case, letter_type="indicative_budget")
    html = letters.letter_html(letter)
    budget = IndicativeBudget.objects.get(assessment=completed)
    assert f"£{budget.weekly} a week" in html
    assert "a starting point for planning your support, not a limit" in html
    assert budget.explanation[0] in html


def test_the_person_can_read_their_own_budget(
    client, citizen, citizen_case, practitioner, questionnaire, ras_version
):
    assessment = factories.start(actor=practitioner, case=citizen_case)
    factories.answer_all(assessment, actor=practitioner, needs_in={"home"})
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[assessment.pk]))
    factories.decided(assessment, actor=practitioner)
    work_out(client, assessment)
    client.force_login(citizen)
    page = client.get(reverse("indicative_budget", args=[assessment.pk]))
    assert page.status_code == 200
    assert "a starting point for planning your support, not a limit" in page.text  # the person: "you"
    assert "Send it to" not in page.text
