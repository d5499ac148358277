"""The mechanics every versioned configuration shares (cases.versioning), on each kind kept that way: a draft
from a published version, one draft at a time, publishing with a date (never in the past, never when unfit), the
version in force on a day, and a published version read-only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from assessment.models import Questionnaire
from cases import versioning
from cases.versioning import CannotPublish, ReadOnlyVersion
from ras.models import RasVersion
from validation.models import DelegationScheme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


def _unfit_questionnaire(draft: Questionnaire) -> None:
    draft.domains.all().delete()


def _unfit_ras(draft: RasVersion) -> None:
    draft.money_rule = RasVersion.MoneyRule.BANDS
    draft.save(update_fields=["money_rule"])


def _unfit_delegation(draft: DelegationScheme) -> None:
    draft.levels.all().delete()


@pytest.fixture(params=["questionnaire", "ras", "delegation"])
def kind(request):
    """(the version in force, a function that makes a draft of it unfit to publish, the problem it gives)"""
    if request.param == "questionnaire":
        return request.getfixturevalue("questionnaire"), _unfit_questionnaire, "Add at least one area of life"
    if request.param == "delegation":
        unfit = "Add at least one level: with none, no one may agree any plan"
        return request.getfixturevalue("delegation_scheme"), _unfit_delegation, unfit
    return request.getfixturevalue("ras_version"), _unfit_ras, "Add at least one band of points"


def test_a_draft_is_a_numbered_copy_and_only_one_is_open_at_a_time(kind):
    published, _, _ = kind
    draft = type(published).draft_from(published)
    assert draft.version == published.version + 1 and not draft.is_published and not draft.is_read_only
    assert type(published).draft_from(published) == draft
    assert published.series().drafts().count() == 1


def test_publishing_dates_the_version_and_says_who_and_it_is_in_force_from_that_day(kind, council_admin):
    published, _, _ = kind
    draft = versioning.start_draft(actor=council_admin, source=published)
    versioning.publish(actor=council_admin, version=draft, effective_from=TOMORROW)
    draft.refresh_from_db()
    assert draft.is_published and draft.effective_from == TOMORROW and draft.published_by == council_admin
    series = type(published).objects.filter(pk__in=published.series().values("pk"))
    assert series.in_force_on(TODAY) == published
    assert series.in_force_on(TOMORROW) == draft


def test_publishing_twice_changes_nothing(kind, council_admin):
    published, _, _ = kind
    draft = type(published).draft_from(published)
    draft.publish(council_admin, TOMORROW)
    draft.publish(council_admin, TOMORROW + datetime.timedelta(days=30))
    draft.refresh_from_db()
    assert draft.effective_from == TOMORROW


def test_a_version_cannot_take_effect_in_the_past(kind, council_admin):
    published, _, _ = kind
    draft = type(published).draft_from(published)
    with pytest.raises(CannotPublish) as refused:
        draft.publish(council_admin, TODAY - datetime.timedelta(days=1))
    assert refused.value.problems == [versioning.PUBLISHED_IN_THE_PAST]
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_draft_unfit_to_use_is_refused_with_the_reason(kind, council_admin):
    published, make_unfit, problem = kind
    draft = type(published).draft_from(published)
    make_unfit(draft)
    with pytest.raises(CannotPublish) as refused:
        draft.publish(council_admin, TODAY)
    assert problem in refused.value.problems and problem in str(refused.value)


def test_a_published_version_cannot_be_changed(kind):
    published, _, _ = kind
    fresh = type(published).objects.get(pk=published.pk)
    fresh.created_at = timezone.now()
    with pytest.raises(ReadOnlyVersion):
        fresh.save()


def test_only_a_council_admin_starts_or_publishes_a_version(kind, practitioner):
    published, _, _ = kind
    with pytest.raises(PermissionDenied):
        versioning.start_draft(actor=practitioner, source=published)
    draft = type(published).draft_from(published)
    with pytest.raises(PermissionDenied):
        versioning.publish(actor=practitioner, version=draft, effective_from=TOMORROW)


def test_a_questionnaire_published_for_a_later_day_is_not_started_on_until_then(questionnaire, council_admin):
    draft = Questionnaire.draft_from(questionnaire)
    draft.publish(council_admin, TOMORROW)
    assert Questionnaire.objects.current("adult") == questionnaire
    assert Questionnaire.objects.in_force_on(TOMORROW, kind="adult") == draft
