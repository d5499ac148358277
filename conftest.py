"""Shared fixtures: one persona per role, as the people who use the service."""

import pytest

from cases.roles import Role
from cases.tests.factories import CaseFactory, PersonFactory, TeamFactory, UserFactory

PERSONAS = {
    "adviser": Role.ADVISER,
    "practitioner": Role.PRACTITIONER,
    "manager": Role.TEAM_MANAGER,
    "service_manager": Role.SERVICE_MANAGER,
    "head_of_service": Role.HEAD_OF_SERVICE,
    "finance_officer": Role.FINANCE_OFFICER,
    "directory_editor": Role.DIRECTORY_EDITOR,
    "council_admin": Role.COUNCIL_ADMIN,
}


@pytest.fixture
def team(db):
    return TeamFactory(name="North locality team")


def _staff(username, role, team):
    return UserFactory(username=username, role=role, team=team, is_staff=role == Role.COUNCIL_ADMIN)


@pytest.fixture
def adviser(team):
    return _staff("adviser", Role.ADVISER, TeamFactory(name="Front Door contact centre"))


@pytest.fixture
def practitioner(team):
    return _staff("practitioner", Role.PRACTITIONER, team)


@pytest.fixture
def manager(team):
    return _staff("manager", Role.TEAM_MANAGER, team)


@pytest.fixture
def service_manager(team):
    return _staff("service_manager", Role.SERVICE_MANAGER, None)


@pytest.fixture
def head_of_service(team):
    return _staff("head_of_service", Role.HEAD_OF_SERVICE, None)


@pytest.fixture
def finance_officer(team):
    return _staff("finance_officer", Role.FINANCE_OFFICER, None)


@pytest.fixture
def directory_editor(team):
    return _staff("directory_editor", Role.DIRECTORY_EDITOR, None)


@pytest.fixture
def council_admin(team):
    return _staff("council_admin", Role.COUNCIL_ADMIN, None)


@pytest.fixture
def citizen(db):
    return UserFactory(username="citizen", citizen=True)


@pytest.fixture
def other_citizen(db):
    return UserFactory(username="other_citizen", citizen=True)


@pytest.fixture
def citizen_case(citizen, team):
    return CaseFactory(person=citizen.person, team=team)


@pytest.fixture
def someone(db):
    return PersonFactory(given_name="Margaret", family_name="Ellis")


@pytest.fixture
def someones_case(someone, team):
    return CaseFactory(person=someone, team=team)


@pytest.fixture
def persona(request):
    """Indirect fixture: `@pytest.mark.parametrize("persona", ["adviser", ...], indirect=True)`."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def celery_worker_on_redis(transactional_db):
    """A real Celery worker, in a thread of this process, taking tasks from the real Redis broker."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.conf.broker_connection_retry_on_startup = True
    with start_worker(
        app, pool="threads", concurrency=1, perform_ping_check=False, shutdown_timeout=30
    ) as worker:
        yield worker
