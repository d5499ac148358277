"""What "the current indicative budget" of a case means, for every stage that reads it
(`ras.selectors.current_budget`): the budget of the latest signed-off assessment, worked out with the RAS version
in force."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assessment import selectors as assessment_selectors
from assessment.tests import factories
from ras import selectors, services
from ras.models import RasVersion

pytestmark = pytest.mark.django_db


def work_out(assessment, actor):
    return services.work_out_budget(actor=actor, assessment_id=assessment.pk)


def publish_ras(version: int, *, price: str, effective_from: datetime.date) -> RasVersion:
    return RasVersion.objects.create(
        version=version,
        status=RasVersion.Status.PUBLISHED,
        effective_from=effective_from,
        price_per_point=Decimal(price),
        published_at=timezone.now(),
    )


@pytest.fixture
def signed_off(practitioner, someones_case, questionnaire, ras_version):
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True)
    return assessment


def test_a_budget_is_current_only_once_its_assessment_is_signed_off(signed_off, practitioner, someones_case):
    worked_out = work_out(signed_off, practitioner)
    assert selectors.budget_of(signed_off) == worked_out
    assert selectors.current_budget(someones_case) is None  # the decision can still change

    factories.decided(signed_off, actor=practitioner, eligible=True, sign_off=True)
    assert selectors.current_budget(someones_case) == worked_out


def test_a_revision_replaces_the_current_budget_when_it_is_signed_off_not_before(
    signed_off, practitioner, someones_case
):
    first = work_out(signed_off, practitioner)
    factories.decided(signed_off, actor=practitioner, eligible=True, sign_off=True)
    revision = factories.revised(signed_off, actor=practitioner)
    assert selectors.current_budget(someones_case) == first  # revision in progress

    factories.complete(revision, actor=practitioner)
    factories.decided(revision, actor=practitioner, eligible=True)
    second = work_out(revision, practitioner)
    assert second != first and selectors.budget_of(revision) == second
    assert selectors.current_budget(someones_case) == first  # revision decided, not signed off

    factories.decided(revision, actor=practitioner, eligible=True, sign_off=True)
    assert selectors.current_budget(someones_case) == second
    assert assessment_selectors.assessment_in_force(someones_case) == revision


def test_a_revision_signed_off_as_not_eligible_leaves_no_current_budget(
    signed_off, practitioner, someones_case
):
    work_out(signed_off, practitioner)
    factories.decided(signed_off, actor=practitioner, eligible=True, sign_off=True)
    revision = factories.revised(signed_off, actor=practitioner)
    factories.complete(revision, actor=practitioner)
    factories.decided(revision, actor=practitioner, eligible=False, sign_off=True)
    assert selectors.current_budget(someones_case) is None
    assert assessment_selectors.decision_in_force(someones_case).eligible is False


def test_a_new_ras_version_in_force_leaves_no_current_budget_until_it_is_worked_out_under_it(
    signed_off, practitioner, someones_case, ras_version
):
    under_v1 = work_out(signed_off, practitioner)
    factories.decided(signed_off, actor=practitioner, eligible=True, sign_off=True)
    today = timezone.localdate()
    publish_ras(2, price="9.00", effective_from=today + datetime.timedelta(days=7))
    assert selectors.current_budget(someones_case) == under_v1  # version 2 has not taken effect yet
    assert selectors.current_budget(someones_case, on=today + datetime.timedelta(days=7)) is None

    publish_ras(3, price="7.00", effective_from=today)
    assert selectors.current_budget(someones_case) is None
    assert selectors.budget_of(signed_off) == under_v1  # still there, explained by version 1

    under_v3 = work_out(signed_off, practitioner)
    assert under_v3.ras.version == 3 and under_v3.weekly != under_v1.weekly
    assert selectors.current_budget(someones_case) == under_v3
    assert selectors.budget_of(signed_off) == under_v3
    assert work_out(signed_off, practitioner) == under_v3  # once per set of answers and version


def test_needs_not_decided_or_not_eligible_have_no_budget_to_work_out(
    practitioner, someones_case, questionnaire, ras_version
):
    assessment = factories.completed(actor=practitioner, case=someones_case, needs_in={"personal_care"})
    with pytest.raises(services.NotEligible):
        work_out(assessment, practitioner)
    factories.decided(assessment, actor=practitioner, eligible=False, sign_off=True)
    with pytest.raises(services.NotEligible):
        work_out(assessment, practitioner)
    assert selectors.current_budget(someones_case) is None
    assert selectors.budget_of(assessment) is None


def test_only_someone_who_may_change_the_case_works_a_budget_out(signed_off, citizen):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        work_out(signed_off, citizen)
