"""The planning rules as versioned configuration: a council admin drafts a new tolerance, publishes it from a
date, and plans are measured by the version in force; a version that makes no sense is refused."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from cases import versioning
from support_planning import selectors
from support_planning.models import PlanningRules

pytestmark = pytest.mark.django_db


def test_an_admin_drafts_and_publishes_a_new_tolerance_from_a_date(client, council_admin):
    first = PlanningRules.objects.get()
    client.force_login(council_admin)
    assert "10% above, 20% below" in client.get(reverse("planning_rules")).text
    client.post(reverse("planning_rules_draft", args=[first.pk]))
    draft = PlanningRules.objects.get(version=2)
    PlanningRules.objects.filter(pk=draft.pk).update(tolerance_above_percent=D("5"))
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    client.post(reverse("planning_rules_publish", args=[draft.pk]), {"effective_from": tomorrow.isoformat()})
    draft.refresh_from_db()
    assert draft.is_published and draft.effective_from == tomorrow
    assert selectors.rules_in_force().tolerance.above_percent == D("10")
    assert selectors.rules_in_force(tomorrow).tolerance.above_percent == D("5")
    page = client.get(reverse("planning_rules_version", args=[draft.pk]))
    assert "more than 5% above" in page.text and "Change the draft" not in page.text


def test_a_tolerance_beyond_a_hundred_per_cent_cannot_be_published(council_admin):
    draft = PlanningRules.draft_from(PlanningRules.objects.get())
    PlanningRules.objects.filter(pk=draft.pk).update(tolerance_below_percent=D("150"))
    draft.refresh_from_db()
    with pytest.raises(versioning.CannotPublish, match="between 0 and 100"):
        versioning.publish(actor=council_admin, version=draft, effective_from=datetime.date.today())


def test_with_no_version_in_force_the_default_tolerance_stands():
    PlanningRules.objects.all().delete()
    rules = selectors.rules_in_force()
    assert (rules.tolerance.above_percent, rules.tolerance.below_percent) == (D("10"), D("20"))
