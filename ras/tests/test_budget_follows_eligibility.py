"""The Care Act order: assess, decide eligibility, then the budget. Completing an assessment leads to the
eligibility decision; an eligible decision leads straight to the indicative budget; needs found not eligible never
have one, and every page says so plainly."""

import pytest
from django.urls import reverse

from assessment.tests import factories
from cases.models import Letter
from cases.stages import Stage
from ras import ras_services, services
from ras.demo import load_budgets
from ras.models import IndicativeBudget

pytestmark = pytest.mark.django_db

ELIGIBLE, NOT_ELIGIBLE = factories.ELIGIBLE_FORM, factories.NOT_ELIGIBLE_FORM


@pytest.fixture
def answered(practitioner, someones_case, questionnaire, ras_version):
    assessment = factories.start(actor=practitioner, case=someones_case)
    factories.answer_all(assessment, actor=practitioner, needs_in={"personal_care", "eating_and_drinking"})
    return assessment


def test_completing_an_assessment_leads_to_the_eligibility_decision_not_a_budget(
    client, practitioner, answered
):
    client.force_login(practitioner)
    done = client.post(reverse("assessment_complete", args=[answered.pk]))
    assert done.url == reverse("assessment_eligibility", args=[answered.pk])
    page = client.get(reverse("indicative_budget", args=[answered.pk]))
    assert "No indicative budget yet" in page.text
    assert "Eligibility for" in page.text and "has not been decided yet" in page.text
    assert "in writing" not in page.text
    assert not IndicativeBudget.objects.exists()


def test_an_eligible_decision_leads_straight_to_the_budget_worked_out_in_the_same_tap(
    client, practitioner, answered
):
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[answered.pk]))
    decided = client.post(reverse("assessment_eligibility", args=[answered.pk]), ELIGIBLE, follow=True)
    assert decided.redirect_chain == [
        (reverse("work_out_indicative_budget", args=[answered.pk]), 307),  # the same POST, passed on
        (reverse("indicative_budget", args=[answered.pk]), 302),
    ]
    budget = IndicativeBudget.objects.get(assessment=answered)
    assert f"£{budget.weekly} a week" in decided.text
    assert f"Send it to {answered.case.person.known_as} in writing" in decided.text
    assert "Work out the indicative budget</button>" not in decided.text


def test_the_budget_page_only_reads_and_offers_to_work_the_budget_out(client, practitioner, answered):
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[answered.pk]))
    factories.decided(answered, actor=practitioner, eligible=True)
    page = client.get(reverse("indicative_budget", args=[answered.pk]))
    assert "Work out the indicative budget</button>" in page.text
    assert not IndicativeBudget.objects.exists()

    worked_out = client.post(reverse("work_out_indicative_budget", args=[answered.pk]), follow=True)
    budget = IndicativeBudget.objects.get(assessment=answered)
    assert f"£{budget.weekly} a week" in worked_out.text


def test_needs_found_not_eligible_never_have_a_budget_and_the_page_says_why(client, practitioner, answered):
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[answered.pk]))
    decided = client.post(reverse("assessment_eligibility", args=[answered.pk]), NOT_ELIGIBLE)
    assert decided.url == answered.get_absolute_url() + "#eligibility"
    overview = client.get(answered.get_absolute_url())
    assert reverse("indicative_budget", args=[answered.pk]) not in overview.text
    assert "No indicative budget: the needs were found not eligible." in overview.text

    page = client.get(reverse("indicative_budget", args=[answered.pk]))
    name = answered.case.person.known_as
    assert "No indicative budget" in page.text
    assert f"{name}’s needs were found not eligible for care and support" in page.text
    assert "sent the decision in writing, with the reasons" in page.text
    assert "advice on staying well and independent" in page.text
    assert "in writing</button>" not in page.text and "a week" not in page.text
    assert not IndicativeBudget.objects.exists()
    assert client.post(reverse("indicative_budget_letter", args=[answered.pk])).status_code == 404
    assert not Letter.objects.filter(letter_type="indicative_budget").exists()


def test_the_person_found_not_eligible_reads_no_budget_on_their_own_view(
    client, practitioner, citizen, citizen_case, questionnaire, ras_version
):
    assessment = factories.completed(
        actor=practitioner, case=citizen_case, needs_in={"personal_care", "eating_and_drinking"}
    )
    factories.decided(assessment, actor=practitioner, eligible=False, sign_off=True)
    client.force_login(citizen)
    page = client.get(reverse("indicative_budget", args=[assessment.pk]))
    assert "We found that your needs are not eligible for care and support" in page.text
    assert "We have sent you our decision in writing, with the reasons." in page.text
    assert "£" not in page.text
    assert not IndicativeBudget.objects.exists()


def test_a_decision_changed_to_not_eligible_hides_the_budget_worked_out_before(
    client, practitioner, answered
):
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[answered.pk]))
    client.post(reverse("assessment_eligibility", args=[answered.pk]), ELIGIBLE)
    client.post(reverse("work_out_indicative_budget", args=[answered.pk]))
    assert IndicativeBudget.objects.of_eligible_needs().exists()
    client.post(reverse("assessment_eligibility", args=[answered.pk]), {**NOT_ELIGIBLE, "version": 1})
    page = client.get(reverse("indicative_budget", args=[answered.pk]))
    assert "No indicative budget" in page.text and "a week" not in page.text
    assert not IndicativeBudget.objects.of_eligible_needs().exists()
    answered.case.refresh_from_db()
    assert answered.case.stage == Stage.ASSESSMENT


def test_a_budget_of_needs_not_eligible_is_never_sent_in_writing(
    practitioner, someones_case, questionnaire, ras_version
):
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    assessment = factories.decided(assessment, actor=practitioner, eligible=True)
    ras, budget, fingerprint, orders = services.work_out(assessment)
    kept = services.record(
        actor=practitioner,
        assessment=assessment,
        ras=ras,
        budget=budget,
        fingerprint=fingerprint,
        answer_orders=orders,
    )
    factories.decided(assessment, actor=practitioner, eligible=False)
    kept = IndicativeBudget.objects.select_related("assessment__decision").get(pk=kept.pk)
    with pytest.raises(services.NotEligible):
        services.send_letter(actor=practitioner, budget=kept)
    assert not Letter.objects.filter(letter_type="indicative_budget").exists()


def test_the_ras_preview_and_the_demo_count_only_budgets_of_eligible_needs(
    client, council_admin, practitioner, team, questionnaire, ras_version
):
    from cases.tests.factories import CaseFactory

    eligible, not_eligible, undecided = (
        factories.completed(actor=practitioner, case=CaseFactory(team=team), needs_in={"personal_care"})
        for _ in range(3)
    )
    factories.decided(eligible, actor=practitioner, eligible=True)
    factories.decided(not_eligible, actor=practitioner, eligible=False)
    assert load_budgets() == 1
    assert list(IndicativeBudget.objects.values_list("assessment", flat=True)) == [eligible.pk]
    # A figure kept before the order was kept (worked out for needs never found eligible) does not count.
    stray = IndicativeBudget.objects.get(assessment=eligible)
    stray.pk, stray.assessment, stray.fingerprint = None, undecided, "older"
    stray.save()
    assert sum(1 for _ in ras_services.past_budgets()) == 1
    client.force_login(council_admin)
    page = client.get(reverse("ras_preview", args=[ras_version.pk]))
    assert page.context["effects"][-1].budgets == 1


def test_the_financial_assessment_waits_for_eligible_needs_signed_off_and_says_why(
    client, finance_officer, practitioner, someones_case, questionnaire, charging_year
):
    from cases.tests.factories import CaseFactory

    client.force_login(finance_officer)
    url = reverse("financial_assessment", args=[someones_case.pk])
    name = someones_case.person.known_as
    page = client.get(url)
    assert f"{name}’s eligibility has not been decided and signed off" in page.text
    refused = client.post(url, {"capital": "0", "weekly_cost": "100", "housing_costs": "0", "version": 0})
    assert refused.status_code == 200 and "has not been decided" in refused.text
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True)
    assert "has not been decided and signed off" in client.get(url).text  # still open to change
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    assert "Capital" in client.get(url).text

    not_eligible_case = CaseFactory(team=practitioner.team, stage="assessment")
    assessment = factories.completed(actor=practitioner, case=not_eligible_case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=False, sign_off=True)
    page = client.get(reverse("financial_assessment", args=[not_eligible_case.pk]))
    name = not_eligible_case.person.known_as
    assert f"{name}’s needs were found not eligible for care and support" in page.text
    assert "nothing to charge for" in page.text
    assert 'name="capital"' not in page.text
