"""Shared fixtures: one persona per role, as the people who use the service."""

import pytest

from cases.roles import Role
from cases.tests.factories import CaseFactory, PersonFactory, TeamFactory, UserFactory
from directory.tests.factories import OrganizationFactory


@pytest.fixture
def team(db):
    return TeamFactory(name="North locality team")


def _staff_persona(role: Role, team_name: str | None = None):
    """A fixture for a member of staff whose username is the fixture's name."""

    @pytest.fixture
    def persona(request, team):
        member_of = (TeamFactory(name=team_name) if team_name else team) if role in TEAM_ROLES else None
        return UserFactory(
            username=request.fixturename, role=role, team=member_of, is_staff=role == Role.COUNCIL_ADMIN
        )

    return persona


TEAM_ROLES = {Role.ADVISER, Role.PRACTITIONER, Role.TEAM_MANAGER}
adviser = _staff_persona(Role.ADVISER, "Front Door contact centre")
practitioner = _staff_persona(Role.PRACTITIONER)
manager = _staff_persona(Role.TEAM_MANAGER)
service_manager = _staff_persona(Role.SERVICE_MANAGER)
head_of_service = _staff_persona(Role.HEAD_OF_SERVICE)
finance_officer = _staff_persona(Role.FINANCE_OFFICER)
directory_editor = _staff_persona(Role.DIRECTORY_EDITOR)
council_admin = _staff_persona(Role.COUNCIL_ADMIN)


@pytest.fixture
def provider(db):
    """Someone at a user-led organisation in the directory, who drafts plans the council asks it to."""
    organisation = OrganizationFactory(name="Norwich Independent Living Group")
    return UserFactory(username="provider", role=Role.PROVIDER, team=None, organisation=organisation)


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
def questionnaire(db):
    """The seeded adult questionnaire (a data migration loads it; a flushed database gets it again)."""
    from assessment.models import Questionnaire
    from assessment.questionnaires import seed_published

    seed_published()
    return Questionnaire.objects.current("adult")


@pytest.fixture
def ras_version(db):
    """The seeded RAS (money per point, three adjustments), in force since April 2025."""
    from ras.models import RasVersion
    from ras.seed import seed_ras

    seed_ras()
    return RasVersion.objects.get(version=1)


@pytest.fixture
def charging_year(db):
    """The 2025/26 charging figures (the latest entered)."""
    from ras.models import ChargingYear
    from ras.seed import seed_charging_years

    seed_charging_years()
    return ChargingYear.objects.get(label="2025/26")


@pytest.fixture
def delegation_scheme(db):
    """The seeded delegation scheme: a team manager up to £30,000 a year, a service manager up to £60,000, a head
    of service any amount, in force since April 2015."""
    from validation.models import DelegationScheme
    from validation.seed import seed_delegation

    seed_delegation()
    return DelegationScheme.objects.get(version=1)


@pytest.fixture
def carer_questionnaire(questionnaire):
    from assessment.models import Questionnaire

    return Questionnaire.objects.current("carer")


@pytest.fixture(scope="session", autouse=True)
def own_celery_queue(worker_id):
    """Parallel test processes (pytest -n) share one Redis: each sends to and takes from its own queue, so a
    worker never picks up a task about a row in another process's database."""
    from config.celery import app

    if worker_id != "master":
        app.conf.task_default_queue = f"tests-{worker_id}"


@pytest.fixture(autouse=True)
def own_rate_limit_counts(settings):
    """Rate limits count in the one Redis every test (and test process) shares: each test counts under its own
    prefix, so none starts with another's sends already counted."""
    import uuid

    settings.RATELIMIT_KEY_PREFIX = f"ratelimit-test-{uuid.uuid4().hex}"


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
