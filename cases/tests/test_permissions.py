"""The case record's permissions asked of a record: whose record, whose team, who started what."""

import pytest
from django.core.exceptions import PermissionDenied

from cases import services
from cases.models import CaseFlag
from cases.roles import Role
from cases.tests.factories import CaseFactory, TeamFactory, UserFactory
from config.access import holds, require

pytestmark = pytest.mark.django_db


@pytest.fixture
def south_case(someone):
    return CaseFactory(person=someone, team=TeamFactory(name="South locality team"))


@pytest.fixture
def south_manager(db):
    return UserFactory(
        username="south_manager", role=Role.TEAM_MANAGER, team=TeamFactory(name="South locality team")
    )


def test_a_citizen_sees_their_own_case_and_record_and_nobody_elses(citizen, citizen_case, someones_case):
    assert holds(citizen, "cases.view_case", citizen_case)
    assert holds(citizen, "cases.follow_own_case", citizen_case)
    assert holds(citizen, "cases.view_person", citizen.person)
    assert not holds(citizen, "cases.view_case", someones_case)
    assert not holds(citizen, "cases.follow_own_case", someones_case)
    assert not holds(citizen, "cases.view_person", someones_case.person)


def test_staff_who_do_casework_see_anyones_case_but_do_not_follow_it_as_their_own(
    adviser, finance_officer, someones_case
):
    for user in (adviser, finance_officer):
        assert holds(user, "cases.view_case", someones_case)
        assert holds(user, "cases.view_person", someones_case.person)
        assert not holds(user, "cases.follow_own_case", someones_case)


def test_a_directory_editor_sees_no_case(directory_editor, someones_case):
    assert not holds(directory_editor, "cases.view_case", someones_case)
    assert not holds(directory_editor, "cases.view_person", someones_case.person)


def test_a_team_manager_allocates_only_their_own_teams_cases(manager, someones_case, south_case):
    assert holds(manager, "cases.allocate_case")
    assert holds(manager, "cases.allocate_case", someones_case)
    assert not holds(manager, "cases.allocate_case", south_case)


def test_allocating_another_teams_case_is_refused_by_the_service(manager, practitioner, south_case):
    with pytest.raises(PermissionDenied):
        services.allocate(
            actor=manager, case_id=south_case.pk, worker=practitioner, seen_worker=None, note="", site_url="/"
        )


def test_an_enquiry_is_settled_by_the_cases_team_manager_or_the_manager_who_started_it(
    manager, south_manager, service_manager, head_of_service, someones_case
):
    CaseFlag.objects.create(
        case=someones_case, kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY, raised_by=service_manager
    )
    assert holds(manager, "cases.settle_case", someones_case)
    assert holds(service_manager, "cases.settle_case", someones_case)
    assert not holds(south_manager, "cases.settle_case", someones_case)
    assert not holds(head_of_service, "cases.settle_case", someones_case)


def test_a_cleared_enquiry_no_longer_lets_the_manager_who_started_it_settle_the_case(
    service_manager, someones_case
):
    flag = CaseFlag.objects.create(
        case=someones_case, kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY, raised_by=service_manager
    )
    flag.cleared_at = flag.raised_at
    flag.save()
    assert not holds(service_manager, "cases.settle_case", someones_case)


def test_require_refuses_what_holds_denies_and_passes_what_it_allows(
    adviser, directory_editor, someones_case
):
    require(adviser, "cases.change_case", someones_case)
    with pytest.raises(PermissionDenied):
        require(directory_editor, "cases.change_case", someones_case)


def test_a_permission_nobody_declared_is_held_by_nobody(council_admin):
    assert not holds(council_admin, "cases.no_such_thing")
