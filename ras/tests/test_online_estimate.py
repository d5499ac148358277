"""The online estimate: a likely range and what the person might pay, clearly only an estimate."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(questionnaire, ras_version, charging_year):
    return questionnaire


def _answers(ready, **levels):
    data = {f"level_{domain.key}": "none" for domain in ready.domains.all()}
    data.update({f"level_{key}": value for key, value in levels.items()})
    return data


def test_someone_needing_help_gets_a_range_and_what_they_might_pay(client, ready):
    page = client.post(
        reverse("online_estimate"),
        {
            **_answers(ready, personal_care="lots", eating_and_drinking="some"),
            "age": "80",
            "savings": "under",
            "weekly_income": "260",
        },
    )
    result = page.context["result"]
    assert result.low_weekly < result.high_weekly
    assert f"£{result.low_weekly} to £{result.high_weekly} a week" in page.text
    assert "This is only an estimate, not a decision" in page.text
    assert result.pays_low <= result.pays_high
    assert "Between £" in page.text


def test_savings_above_the_upper_limit_mean_the_full_cost(client, ready):
    page = client.post(
        reverse("online_estimate"),
        {**_answers(ready, personal_care="some"), "age": "70", "savings": "over", "weekly_income": "300"},
    )
    assert page.context["result"].full_cost
    assert "you would probably pay the full cost" in page.text


def test_needing_no_help_gives_nothing(client, ready):
    page = client.post(
        reverse("online_estimate"), {**_answers(ready), "age": "70", "savings": "under", "weekly_income": "0"}
    )
    assert page.context["result"].high_weekly == 0


def test_bad_answers_are_explained_and_nothing_typed_is_lost(client, ready):
    page = client.post(reverse("online_estimate"), {"age": "12", "weekly_income": "lots"})
    assert "This estimate is for adults: age must be 18 or more" in page.text
    assert "Income must be an amount of money, like 250.00" in page.text
    assert "Select how much help you need with personal care" in page.text
    assert 'value="lots"' in page.text
    assert page.context["result"] is None


def test_income_within_the_guarantee_means_probably_paying_nothing(client, ready):
    page = client.post(
        reverse("online_estimate"),
        {**_answers(ready, personal_care="lots"), "age": "81", "savings": "under", "weekly_income": "240"},
    )
    assert page.context["result"].pays_high == 0
    assert "Probably nothing" in page.text
