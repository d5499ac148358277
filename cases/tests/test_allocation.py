"""A team manager gives each case waiting in their team a worker (or a new one), the worker is told, and the
journey log records the hand-off."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import escape

from cases import notices, services
from cases.milestones import ALLOCATIONS, Milestone
from cases.roles import Role
from cases.tests.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_case(someones_case):
    """An open case in the North locality team with no worker yet."""
    return someones_case


@pytest.fixture
def second_practitioner(team):
    return UserFactory(username="practitioner2", role=Role.PRACTITIONER, team=team, first_name="Priya")


@pytest.fixture
def south_practitioner(db):
    return UserFactory(role=Role.PRACTITIONER, team=TeamFactory(name="South locality team"))


def allocate(client, case, worker, note="", **extra):
    return client.post(
        reverse("case_allocate", args=[case.pk]),
        {"worker": worker.pk if worker else "", "note": note, **extra},
    )


def test_a_team_manager_allocates_a_waiting_case_and_the_practitioner_finds_it_in_their_caseload(
    client, manager, practitioner, waiting_case, django_capture_on_commit_callbacks
):
    practitioner.email = "sam.patel@northbrook.example.gov.uk"
    practitioner.save()
    client.force_login(manager)
    home = client.get(reverse("home")).content.decode()
    assert escape(waiting_case.person.full_name) in home
    allocate_url = reverse("case_allocate", args=[waiting_case.pk])
    assert allocate_url in home  # from the waiting list
    assert allocate_url in client.get(waiting_case.get_absolute_url()).content.decode()  # and from the case
    page = client.get(allocate_url).content.decode()
    assert escape(practitioner.display_name) in page

    with django_capture_on_commit_callbacks(execute=False) as told:
        done = allocate(client, waiting_case, practitioner, note="Daughter prefers mornings")
    assert done.url == waiting_case.get_absolute_url()
    assert len(told) == 1  # the email to the worker, sent once the allocation is saved
    waiting_case.refresh_from_db()
    assert waiting_case.allocated_worker == practitioner
    event = waiting_case.events.get(milestone__in=ALLOCATIONS)
    assert event.summary == f"Allocated to {practitioner.display_name}"
    assert event.milestone == Milestone.ALLOCATED
    assert event.facts == {
        "from": None,
        "to": practitioner.pk,
        "from_name": "",
        "to_name": practitioner.display_name,
        "team": waiting_case.team_id,
        "note": "Daughter prefers mornings",
    }
    assert event.actor == manager
    assert waiting_case.person.full_name not in client.get(reverse("home")).content.decode()
    assert waiting_case.person.full_name not in client.get(reverse("team_queue")).content.decode()

    assert notices.tell_worker_of_allocation(waiting_case.pk, base_url="https://frontdoor.example") is True
    email = mail.outbox[-1]
    assert email.to == ["sam.patel@northbrook.example.gov.uk"]
    assert f"https://frontdoor.example/cases/{waiting_case.pk}/" in email.body
    assert (
        waiting_case.person.family_name not in email.body + email.subject
    )  # a link, not the person's details

    client.force_login(practitioner)
    caseload = client.get(reverse("caseload")).content.decode()
    assert escape(waiting_case.person.full_name) in caseload
    assert "Newly allocated to you" in caseload
    home = client.get(reverse("home")).content.decode()
    assert "Newly allocated to you" in home and "Daughter prefers mornings" in home
    client.get(waiting_case.get_absolute_url())  # opened: no longer new
    assert "Newly allocated to you" not in client.get(reverse("caseload")).content.decode()


def test_reallocation_records_the_hand_off_from_one_worker_to_the_other(
    client, manager, practitioner, second_practitioner, waiting_case
):
    client.force_login(manager)
    allocate(client, waiting_case, practitioner)
    allocate(client, waiting_case, second_practitioner, note="Sam is on leave", seen_worker=practitioner.pk)
    waiting_case.refresh_from_db()
    assert waiting_case.allocated_worker == second_practitioner
    handoff = waiting_case.events.filter(milestone__in=ALLOCATIONS).first()
    assert (
        handoff.summary
        == f"Reallocated from {practitioner.display_name} to {second_practitioner.display_name}"
    )
    assert (handoff.facts["from"], handoff.facts["to"]) == (practitioner.pk, second_practitioner.pk)
    timeline = client.get(waiting_case.get_absolute_url()).content.decode()
    assert escape(handoff.summary) in timeline and "Sam is on leave" in timeline


def test_pressing_allocate_twice_allocates_once(client, manager, practitioner, waiting_case):
    client.force_login(manager)
    first = allocate(client, waiting_case, practitioner)
    second = allocate(client, waiting_case, practitioner)
    assert first.status_code == second.status_code == 302
    assert waiting_case.events.filter(milestone__in=ALLOCATIONS).count() == 1


def test_a_second_manager_choosing_at_the_same_time_is_told_and_does_not_overwrite_the_first(
    client, manager, practitioner, second_practitioner, waiting_case
):
    services.allocate(actor=manager, case_id=waiting_case.pk, worker=second_practitioner, seen_worker=None)
    client.force_login(manager)
    late = allocate(client, waiting_case, practitioner, seen_worker="")
    assert late.status_code == 200
    assert (
        f"allocated to {escape(second_practitioner.display_name)} while you were choosing"
        in late.content.decode()
    )
    waiting_case.refresh_from_db()
    assert waiting_case.allocated_worker == second_practitioner


def test_only_a_worker_of_the_case_s_team_can_be_chosen(client, manager, south_practitioner, waiting_case):
    client.force_login(manager)
    page = client.get(reverse("case_allocate", args=[waiting_case.pk])).content.decode()
    assert escape(south_practitioner.display_name) not in page
    refused = allocate(client, waiting_case, south_practitioner)
    assert refused.status_code == 200
    assert "Select a worker in North locality team" in refused.content.decode()
    with pytest.raises(services.NotInTeam):
        services.allocate(actor=manager, case_id=waiting_case.pk, worker=south_practitioner, seen_worker=None)
    waiting_case.refresh_from_db()
    assert waiting_case.allocated_worker is None
    assert "Select who will work on this case" in allocate(client, waiting_case, None).content.decode()


@pytest.mark.parametrize("who", ["adviser", "practitioner", "citizen", "service_manager"])
def test_only_the_team_manager_allocates(client, request, who, waiting_case, practitioner):
    client.force_login(request.getfixturevalue(who))
    url = reverse("case_allocate", args=[waiting_case.pk])
    assert client.get(url).status_code == 403
    assert allocate(client, waiting_case, practitioner).status_code == 403
    waiting_case.refresh_from_db()
    assert waiting_case.allocated_worker is None


def test_a_manager_of_another_team_cannot_allocate_the_case(client, waiting_case, practitioner):
    south_manager = UserFactory(role=Role.TEAM_MANAGER, team=TeamFactory(name="South locality team"))
    client.force_login(south_manager)
    assert client.get(reverse("case_allocate", args=[waiting_case.pk])).status_code == 403
    assert allocate(client, waiting_case, practitioner).status_code == 403
    with pytest.raises(PermissionDenied):
        services.allocate(actor=south_manager, case_id=waiting_case.pk, worker=practitioner, seen_worker=None)
    waiting_case.refresh_from_db()
    assert waiting_case.allocated_worker is None


def test_a_closed_case_is_not_allocated(client, manager, practitioner, team):
    closed = CaseFactory(team=team, stage="closed")
    closed.closed_at = closed.opened_at
    closed.save()
    client.force_login(manager)
    response = client.get(reverse("case_allocate", args=[closed.pk]))
    assert response.status_code == 302 and response.url == closed.get_absolute_url()
