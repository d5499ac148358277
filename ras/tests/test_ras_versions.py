"""Council admins change the RAS by drafting a new version, trying it on past budgets, and publishing it with a
date; a published version never changes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.tests import factories
from ras.calculation import PER_POINT, Rules
from ras.calibration import preview
from ras.models import IndicativeBudget, RasVersion

pytestmark = pytest.mark.django_db


def test_the_preview_counts_budgets_going_up_and_down_per_client_group():
    past = [
        ("Older people", {"a": 10}, {}, Decimal("48.00")),
        ("Older people", {"a": 20}, {}, Decimal("200.00")),
        ("Working-age adults", {"a": 30}, {}, Decimal("144.00")),
    ]
    effects = preview(past, Rules(money_rule=PER_POINT, price_per_point=Decimal("5.00")))
    older, working, everyone = effects
    assert (older.client_group, older.budgets, older.up, older.down) == ("Older people", 2, 1, 1)
    assert older.biggest_rise == Decimal("2.00") and older.biggest_fall == Decimal("-100.00")
    assert working.up == 1 and working.average_change == Decimal("6.00")
    assert everyone.budgets == 3 and everyone.client_group == "All client groups"


@pytest.fixture
def budgeted(client, practitioner, someones_case, questionnaire, ras_version):
    assessment = factories.start(actor=practitioner, case=someones_case)
    factories.answer_all(assessment, actor=practitioner, needs_in={"personal_care"})
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[assessment.pk]))
    factories.decided(assessment, actor=practitioner)
    client.post(reverse("work_out_indicative_budget", args=[assessment.pk]))
    return IndicativeBudget.objects.get(assessment=assessment)


def test_a_draft_is_tried_on_past_budgets_then_published_and_the_old_version_stays_as_it_was(
    client, council_admin, budgeted, ras_version
):
    assert budgeted.client_group == "Older people"
    client.force_login(council_admin)
    client.post(reverse("ras_draft", args=[ras_version.pk]))
    draft = RasVersion.objects.get(status="draft")
    draft.price_per_point = Decimal("6.00")
    draft.save()
    page = client.get(reverse("ras_preview", args=[draft.pk]))
    older = page.context["effects"][0]
    assert older.client_group == "Older people" and older.up == 1
    assert "Its effect on current indicative budgets" in page.text

    refused = client.post(
        reverse("ras_publish", args=[draft.pk]), {"effective_from": "2020-01-01"}, follow=True
    )
    assert "cannot take effect in the past" in refused.text
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.post(reverse("ras_publish", args=[draft.pk]), {"effective_from": tomorrow.isoformat()})
    draft.refresh_from_db()
    assert draft.is_published and draft.effective_from == tomorrow
    assert RasVersion.objects.in_force_on(timezone.localdate()) == ras_version  # not yet in force
    ras_version.refresh_from_db()
    assert ras_version.price_per_point == Decimal("4.80")


def test_a_published_version_cannot_be_edited(client, council_admin, ras_version):
    client.force_login(council_admin)
    changed = client.post(
        reverse("admin:ras_rasversion_change", args=[ras_version.pk]), {"price_per_point": "9.99"}
    )
    assert changed.status_code == 403


def test_money_going_down_reads_as_minus_pounds_never_pounds_minus(
    client, council_admin, budgeted, ras_version
):
    client.force_login(council_admin)
    client.post(reverse("ras_draft", args=[ras_version.pk]))
    draft = RasVersion.objects.get(status="draft")
    draft.price_per_point = Decimal("4.00")
    draft.save()
    page = client.get(reverse("ras_preview", args=[draft.pk]))
    fall = (ras_version.price_per_point - draft.price_per_point) * budgeted.points
    assert f"\u2212£{fall:,.2f}" in page.text
    assert "£-" not in page.text and "-£" not in page.text
    assert "\u2212" in page.text.split('id="effect"')[1]  # the percentage too


def test_one_way_of_writing_money():
    from config.money import display, display_change

    assert display(Decimal("-10")) == "\u2212£10.00"
    assert display(Decimal("1234.5")) == "£1,234.50"
    assert display_change(Decimal("10")) == "+£10.00"
    assert display_change(Decimal("0")) == "£0.00"
