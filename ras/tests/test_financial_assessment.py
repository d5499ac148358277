"""The finance officer's financial assessment: means in, the contribution explained, confirmed once with a
letter."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.tests import factories
from cases import letters
from cases.models import Letter
from ras.models import FinancialAssessment

pytestmark = pytest.mark.django_db

MEANS = {
    "capital": "14251",
    "income_state_pension": "221.20",
    "income_pension_credit": "78.80",
    "income_earnings": "50",
    "dre": "25.50",
    "housing_costs": "12",
    "weekly_cost": "250",
    "version": 0,
}


@pytest.fixture
def finance(client, finance_officer, charging_year, practitioner, someones_case, questionnaire):
    """A finance officer, on a case whose needs were decided eligible and signed off (a charge is only for
    eligible needs)."""
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    client.force_login(finance_officer)
    return client


def test_the_contribution_is_worked_out_explained_confirmed_once_and_written_to_the_person(
    finance, someones_case
):
    url = reverse("financial_assessment", args=[someones_case.pk])
    finance.post(url, MEANS)
    draft = FinancialAssessment.objects.get(case=someones_case)
    assert draft.weekly_contribution == Decimal("30.90")  # 300 + £1 tariff − 232.60 MIG − 25.50 − 12
    assert draft.council_share == Decimal("219.10")
    page = finance.get(url)
    assert "Pays £30.90 a week" in page.text
    assert "2025/26's are used" in page.text  # today's year has no figures entered yet: said plainly

    finance.post(url, {"confirm": "1"})
    finance.post(url, {"confirm": "1"})
    draft.refresh_from_db()
    assert draft.status == "confirmed"
    letter = Letter.objects.get(case=someones_case, letter_type="financial_assessment")
    html = letters.letter_html(letter)
    assert "You pay £30.90 a week." in html and "The council pays £219.10 a week" in html
    assert "Tariff income from capital of £14,251.00: £1.00" in html


def test_capital_above_the_upper_limit_means_the_full_cost(finance, someones_case):
    finance.post(reverse("financial_assessment", args=[someones_case.pk]), {**MEANS, "capital": "23251"})
    draft = FinancialAssessment.objects.get(case=someones_case)
    assert draft.full_cost and draft.weekly_contribution == Decimal("250.00")


def test_bad_money_is_refused_next_to_the_field_and_what_was_typed_is_kept(finance, someones_case):
    page = finance.post(
        reverse("financial_assessment", args=[someones_case.pk]),
        {**MEANS, "capital": "-5", "income_state_pension": "lots", "housing_costs": "1.234"},
    )
    assert "Capital must be £0 or more" in page.text
    assert "State Pension a week must be an amount of money, like 120.50" in page.text
    assert "Housing costs a week must be in pounds and pence, like 120.50" in page.text
    assert 'value="lots"' in page.text
    assert not FinancialAssessment.objects.exists()


def test_only_a_finance_officer_does_the_financial_assessment(
    client, practitioner, someones_case, charging_year
):
    client.force_login(practitioner)
    assert client.get(reverse("financial_assessment", args=[someones_case.pk])).status_code == 403


def test_income_is_given_by_type_and_earnings_are_not_counted(finance, someones_case):
    finance.post(reverse("financial_assessment", args=[someones_case.pk]), MEANS)
    draft = FinancialAssessment.objects.get(case=someones_case)
    assert draft.weekly_income == Decimal("300.00")  # pension and Pension Credit; not the £50 earned
    assert "Earnings from work: £50.00, not counted" in draft.explanation
    assert draft.income_items["earnings"] == "50.00"


def test_the_finance_officer_reads_about_the_person_by_name_and_the_letter_speaks_to_them(
    finance, someones_case
):
    url = reverse("financial_assessment", args=[someones_case.pk])
    finance.post(url, MEANS)
    page = finance.get(url)
    name = someones_case.person.known_as
    assert f"Minimum Income Guarantee {name} keeps: −£232.60" in page.text
    assert f"{name} pays £30.90 a week; the council pays £219.10" in page.text
    assert "you keep" not in page.text and "You pay" not in page.text and "your care" not in page.text

    finance.post(url, {"confirm": "1"})
    html = letters.letter_html(Letter.objects.get(case=someones_case, letter_type="financial_assessment"))
    assert "Minimum Income Guarantee you keep: −£232.60" in html
    assert "You pay £30.90 a week; the council pays £219.10" in html
    assert name not in html.split("How we worked it out")[1].split("</ul>")[0]


def test_capital_above_the_limit_is_explained_by_name_to_staff(finance, someones_case):
    url = reverse("financial_assessment", args=[someones_case.pk])
    finance.post(url, {**MEANS, "capital": "23251"})
    name = someones_case.person.known_as
    assert (
        f"{name} pays the full cost of their care. They can still ask us to arrange it."
        in finance.get(url).text
    )


def test_a_person_who_pays_nothing_is_told_so_not_how_to_pay(finance, someones_case):
    url = reverse("financial_assessment", args=[someones_case.pk])
    finance.post(url, {**MEANS, "capital": "0", "income_pension_credit": "0"})
    finance.post(url, {"confirm": "1"})
    html = letters.letter_html(Letter.objects.get(case=someones_case, letter_type="financial_assessment"))
    assert "You pay £0.00 a week." in html
    assert "You do not need to pay anything towards your care." in html
    assert "how and when to pay" not in html
