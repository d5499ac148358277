"""A case closes only when nothing on it is left to settle: the check page says so before the adviser completes
a contact, completing keeps the case open with a notice saying why, and a section 42 enquiry keeps it open until
the team manager records how it ended."""

import pytest
from django.urls import reverse

from cases.milestones import Milestone
from cases.models import CaseFlag
from cases.roles import Role
from cases.services import CannotClose, close_unless_unsettled, move_to_stage, raise_flag
from cases.stages import Stage
from cases.tests.factories import CaseFactory, TeamFactory, UserFactory
from contact.models import Contact, SafeguardingConcern
from contact.tests.test_recording_a_contact import about, complete, outcomes, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_phone(client, adviser):
    client.force_login(adviser)
    return client


def record_contact(client, person, kinds, **notes) -> Contact:
    contact = start(client, person)
    about(client, contact, about_known_matter="no")
    outcomes(client, contact, kinds, **notes)
    return contact


@pytest.fixture
def open_concern(on_the_phone, someone, someones_case) -> SafeguardingConcern:
    """A concern raised on the person's case, which belongs to the North locality team."""
    contact = record_contact(
        on_the_phone, someone, ["safeguarding"], note_safeguarding="Neighbour saw bruises on her arms"
    )
    complete(on_the_phone, contact)
    return SafeguardingConcern.objects.get(contact=contact)


def decide(client, manager, concern, decision):
    client.force_login(manager)
    client.post(
        reverse("safeguarding_concern", args=[concern.pk]), {"decision": decision, "reason": "Criteria met"}
    )


@pytest.mark.parametrize("kind", ["advice", "nfa"])
def test_a_resolving_contact_on_a_case_with_an_undecided_concern_keeps_it_open_and_says_why_beforehand(
    on_the_phone, someone, open_concern, kind
):
    contact = record_contact(on_the_phone, someone, [kind], note_nfa="Her daughter is moving in")
    check = on_the_phone.get(reverse("contact_step_check", args=[contact.pk])).content.decode()
    assert "will then be closed" not in check
    assert "stays open" in check
    assert "safeguarding concern" in check and "waiting for a manager" in check

    completed = complete(on_the_phone, contact)
    assert completed.status_code == 302
    case = open_concern.case
    case.refresh_from_db()
    assert case.is_open and case.stage == Stage.CONTACT
    shown = on_the_phone.get(completed.url).content.decode()
    assert f"Case {case.reference} stays open" in shown and "waiting for a manager" in shown
    kept = case.events.get(milestone=Milestone.KEPT_OPEN, summary__startswith="Stays open")
    assert "waiting for a manager" in kept.summary


def test_the_check_page_still_says_a_case_with_nothing_to_settle_will_close(on_the_phone, someone):
    contact = record_contact(on_the_phone, someone, ["advice"])
    check = on_the_phone.get(reverse("contact_step_check", args=[contact.pk])).content.decode()
    assert "It will then be closed: resolved at the first contact." in check


def test_a_section_42_enquiry_keeps_the_case_open_until_the_team_manager_records_its_outcome(
    client, adviser, manager, someone, open_concern
):
    decide(client, manager, open_concern, "enquiry")
    case = open_concern.case
    [why] = case.reasons_not_to_close()
    assert why.startswith("A section 42 safeguarding enquiry is open (started ")

    client.force_login(adviser)
    contact = record_contact(client, someone, ["advice"])
    check = client.get(reverse("contact_step_check", args=[contact.pk])).content.decode()
    assert "stays open" in check and "section 42" in check
    complete(client, contact)
    case.refresh_from_db()
    assert case.is_open

    client.force_login(manager)
    enquiries = client.get(reverse("home")).content.decode()
    assert "Section 42 enquiries open" in enquiries and case.reference in enquiries
    page = client.get(case.get_absolute_url()).content.decode()
    finish_url = reverse("safeguarding_enquiry_finish", args=[case.pk])
    assert finish_url in page
    refused = client.post(finish_url, {})
    assert "Select how the enquiry ended" in refused.content.decode()
    assert "Enter what the enquiry found and what was done" in refused.content.decode()
    done = client.post(finish_url, {"outcome": "risk_reduced", "note": "Carer replaced; daily visits"})
    assert done.url == case.get_absolute_url()
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY)
    assert (flag.cleared_by, flag.outcome, flag.outcome_note) == (
        manager,
        "risk_reduced",
        "Carer replaced; daily visits",
    )
    event = case.events.get(summary__startswith="Section 42 enquiry finished")
    assert event.facts == {"flag": flag.pk, "outcome": "risk_reduced"}
    assert event.summary == "Section 42 enquiry finished: risk reduced"
    assert case.reasons_not_to_close() == []
    assert "Section 42 enquiries open" not in client.get(reverse("home")).content.decode()
    assert client.post(finish_url, {"outcome": "risk_removed", "note": "again"}).status_code == 302
    assert CaseFlag.objects.filter(case=case, kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY).count() == 1

    client.force_login(adviser)
    contact = record_contact(client, someone, ["advice"])
    complete(client, contact)
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED


@pytest.mark.parametrize("decision", ["other_action", "no_action"])
def test_a_decision_other_than_an_enquiry_lets_the_case_close(client, manager, open_concern, decision):
    decide(client, manager, open_concern, decision)
    assert open_concern.case.reasons_not_to_close() == []


def test_an_enquiry_is_recorded_as_finished_only_by_a_team_manager_of_the_case_s_team(
    client, adviser, practitioner, manager, citizen, open_concern
):
    decide(client, manager, open_concern, "enquiry")
    url = reverse("safeguarding_enquiry_finish", args=[open_concern.case_id])
    other_team_manager = UserFactory(role=Role.TEAM_MANAGER, team=TeamFactory(name="South locality team"))
    for who, status in [(adviser, 403), (practitioner, 403), (other_team_manager, 403), (citizen, 403)]:
        client.force_login(who)
        assert client.get(url).status_code == status
        assert client.post(url, {"outcome": "no_risk", "note": "x"}).status_code == status
    assert open_concern.case.reasons_not_to_close() != []


def test_a_case_with_no_enquiry_open_has_nothing_to_finish(client, manager, team):
    case = CaseFactory(team=team)
    client.force_login(manager)
    response = client.get(reverse("safeguarding_enquiry_finish", args=[case.pk]))
    assert response.status_code == 302 and response.url == case.get_absolute_url()


def test_any_closing_that_finds_a_flag_up_leaves_the_case_open_and_its_timeline_says_why(
    practitioner, someones_case
):
    raise_flag(actor=practitioner, case=someones_case, kind=CaseFlag.Kind.SAFEGUARDING)
    reasons = close_unless_unsettled(
        actor=practitioner,
        case_id=someones_case.pk,
        summary="Not eligible: closed with information and advice",
    )
    someones_case.refresh_from_db()
    assert someones_case.is_open and reasons == someones_case.reasons_not_to_close()
    assert someones_case.events.filter(summary__startswith="Stays open: A safeguarding concern").exists()
    with pytest.raises(CannotClose):
        move_to_stage(actor=practitioner, case_id=someones_case.pk, stage=Stage.CLOSED)


def test_the_manager_who_started_an_enquiry_on_a_front_door_case_records_its_outcome(
    client, adviser, manager, someone
):
    """A case still with the contact centre's team has no locality team manager; whoever decided on the enquiry
    sees it through."""
    client.force_login(adviser)
    contact = record_contact(client, someone, ["safeguarding"], note_safeguarding="Bruises on her arms")
    complete(client, contact)
    concern = SafeguardingConcern.objects.get(contact=contact)
    assert concern.case.team == adviser.team
    decide(client, manager, concern, "enquiry")
    assert concern.case.reference in client.get(reverse("home")).content.decode()
    url = reverse("safeguarding_enquiry_finish", args=[concern.case_id])
    assert url in client.get(concern.case.get_absolute_url()).content.decode()
    client.post(url, {"outcome": "no_risk", "note": "Bruises from a fall; GP confirmed"})
    assert concern.case.reasons_not_to_close() == []
