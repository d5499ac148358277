"""An adviser records contacts while the caller is on the line: every step saved as a draft, the outcomes
written onto the case record, and a safeguarding concern on the managers' queue at once."""

import pytest
from django.core import mail
from django.urls import reverse

from cases.milestones import Milestone
from cases.models import Letter
from cases.services import CannotClose, move_to_stage
from cases.stages import Stage
from contact import notices
from contact.models import Contact, Referral, SafeguardingConcern
from contact.rules import REABLEMENT_CRITERIA
from directory.tests.factories import ServiceFactory, district

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_phone(client, adviser):
    client.force_login(adviser)
    return client


def start(client, person=None) -> Contact:
    client.post(reverse("contact_start"), {"person": person.pk} if person else {})
    return Contact.objects.latest("pk")


def step(client, contact, name, data):
    contact.refresh_from_db()
    return client.post(reverse("contact_step", args=[contact.pk, name]), {"version": contact.version, **data})


CALL_FROM_DAUGHTER = {
    "channel": "phone",
    "caller_kind": "family",
    "caller_name": "Ann Ellis",
    "caller_relationship": "Daughter",
    "reason": "Mum is struggling to get out since her fall",
    "what_matters": "Seeing her friends at the lunch club",
    "route_of_access": "community",
    "immediate_risk": "no",
    "consent": "given",
}


def about(client, contact, **extra):
    """Who it is about and why: a daughter calling about her mother, on one page."""
    return step(client, contact, "about", CALL_FROM_DAUGHTER | extra)


def outcomes(client, contact, kinds, **extra):
    return step(client, contact, "outcomes", {"kinds": kinds, "summary_by": "letter", **extra})


def complete(client, contact):
    contact.refresh_from_db()
    return client.post(reverse("contact_step_check", args=[contact.pk]), {"version": contact.version})


def test_an_advice_call_ends_with_services_signposted_and_a_summary_letter(on_the_phone, someone):
    district("NR1")
    lunch = ServiceFactory(name="Riverside Lunch Club", at="NR1", categories=["lunch-clubs"])
    contact = start(on_the_phone, someone)
    assert about(on_the_phone, contact).url == reverse("contact_step", args=[contact.pk, "outcomes"])
    outcomes_page = reverse("contact_step", args=[contact.pk, "outcomes"])
    found = on_the_phone.get(outcomes_page, {"q": "lunch", "postcode": "NR1"})
    assert "Riverside Lunch Club" in found.text and 'value="lunch"' in found.text  # the search is kept
    add = reverse("contact_step_signposting", args=[contact.pk])
    back = found.request["PATH_INFO"] + "?q=lunch&postcode=NR1"
    assert on_the_phone.post(add, {"add": str(lunch.uuid), "next": back}).url == back
    on_the_phone.post(add, {"add": str(lunch.uuid)})  # pressed twice
    assert "advice" in on_the_phone.get(outcomes_page).context["form"].initial["kinds"]
    assert outcomes(on_the_phone, contact, ["advice"]).url == reverse("contact_step_check", args=[contact.pk])
    check = on_the_phone.get(reverse("contact_step_check", args=[contact.pk])).content.decode()
    assert "Mum is struggling to get out since her fall" in check
    assert "Riverside Lunch Club" in check
    completed = complete(on_the_phone, contact)
    assert completed.url == contact.get_absolute_url()
    contact.refresh_from_db()
    assert contact.status == "completed" and contact.signposts.count() == 1
    case = contact.case
    assert case.person == someone and case.stage == Stage.CLOSED  # resolved at the first point of contact
    assert list(Letter.objects.filter(case=case).values_list("letter_type", flat=True)) == ["contact_summary"]
    assert case.events.filter(summary__startswith=f"Contact {contact.reference} recorded").exists()
    assert case.events.filter(
        milestone=Milestone.RESOLVED_AT_FIRST_CONTACT, summary="Resolved at first contact"
    ).exists()


def test_completing_twice_records_one_contact_and_one_set_of_outcomes(on_the_phone, someone):
    contact = start(on_the_phone, someone)
    about(on_the_phone, contact)
    outcomes(on_the_phone, contact, ["assessment"], note_other="Needs help washing")
    stale_version = Contact.objects.get(pk=contact.pk).version
    first = on_the_phone.post(reverse("contact_step_check", args=[contact.pk]), {"version": stale_version})
    second = on_the_phone.post(reverse("contact_step_check", args=[contact.pk]), {"version": stale_version})
    assert first.url == second.url == contact.get_absolute_url()
    assert Referral.objects.filter(contact=contact).count() == 1
    assert Contact.objects.get(pk=contact.pk).case.stage == Stage.ASSESSMENT


def test_a_safeguarding_concern_is_on_the_queue_at_once_and_managers_are_told(
    on_the_phone, client, someone, manager
):
    manager.email = "manager@northbrook.example.gov.uk"
    manager.save()
    contact = start(on_the_phone, someone)
    about(
        on_the_phone, contact, immediate_risk="yes", risks="Bruises on her arms; the new carer shouts at her"
    )
    missing = outcomes(on_the_phone, contact, ["safeguarding"])
    assert "Describe the safeguarding concern" in missing.content.decode()
    outcomes(on_the_phone, contact, ["safeguarding"], note_safeguarding="Daughter saw bruises; carer shouts")
    complete(on_the_phone, contact)
    concern = SafeguardingConcern.objects.get(contact=contact)
    assert concern.case.stage == Stage.CONTACT and concern.decision == ""
    client.force_login(manager)
    queue = client.get(reverse("contact_queue", args=["safeguarding"])).content.decode()
    assert someone.full_name in queue
    assert notices.tell_managers_of_concern(concern.pk) == 1
    assert mail.outbox[-1].to == ["manager@northbrook.example.gov.uk"]
    assert someone.family_name not in mail.outbox[-1].body  # a link, not the person's details
    with pytest.raises(CannotClose):
        move_to_stage(actor=manager, case_id=concern.case_id, stage=Stage.CLOSED)
    client.post(
        reverse("safeguarding_concern", args=[concern.pk]),
        {"decision": "enquiry", "reason": "Section 42 criteria met"},
    )
    concern.refresh_from_db()
    assert concern.decided_by == manager and concern.decision == "enquiry"
    assert (
        someone.full_name not in client.get(reverse("contact_queue", args=["safeguarding"])).content.decode()
    )
    with pytest.raises(CannotClose):  # until the team manager records the section 42 enquiry's outcome
        move_to_stage(actor=manager, case_id=concern.case_id, stage=Stage.CLOSED)


def test_an_anonymous_caller_gets_advice_and_nothing_goes_on_anyones_record(on_the_phone):
    contact = start(on_the_phone)
    anonymous = CALL_FROM_DAUGHTER | {"who": "none", "caller_kind": "person", "consent": ""}
    assert step(on_the_phone, contact, "about", anonymous).url == reverse(
        "contact_step", args=[contact.pk, "outcomes"]
    )
    contact.refresh_from_db()
    assert contact.anonymous and contact.person is None
    refused = step(on_the_phone, contact, "outcomes", {"kinds": ["reablement"], "summary_by": "none"})
    assert "Select a valid choice" in refused.content.decode()
    step(on_the_phone, contact, "outcomes", {"kinds": ["advice"], "summary_by": "none"})
    complete(on_the_phone, contact)
    contact.refresh_from_db()
    assert contact.status == "completed" and contact.case is None


def test_a_reablement_referral_needs_every_criterion_and_is_tracked(on_the_phone, someone):
    contact = start(on_the_phone, someone)
    about(on_the_phone, contact)
    short = outcomes(on_the_phone, contact, ["reablement"], criteria=["adult"])
    assert "The person must meet every reablement criterion" in short.content.decode()
    every = {"criteria": list(REABLEMENT_CRITERIA)}
    outcomes(on_the_phone, contact, ["reablement"], **every)
    complete(on_the_phone, contact)
    referral = Referral.objects.get(contact=contact)
    assert referral.kind == "reablement" and referral.status == "made"
    assert referral.criteria == dict.fromkeys(REABLEMENT_CRITERIA, True)
    assert referral.case.stage == Stage.REABLEMENT
    queue = on_the_phone.get(reverse("contact_queue", args=["reablement"])).content.decode()
    assert someone.full_name in queue


def test_a_second_contact_within_four_weeks_is_suggested_as_a_repeat(on_the_phone, someone):
    first = start(on_the_phone, someone)
    about(on_the_phone, first)
    outcomes(on_the_phone, first, ["assessment"])
    complete(on_the_phone, first)
    again = start(on_the_phone, someone)
    response = on_the_phone.get(reverse("contact_step", args=[again.pk, "about"]))
    assert first.reference in response.text
    assert "recent-contacts" in response.text  # the adviser is told, and answers themselves
    chasing = "Nobody has rung us back about the assessment"
    unanswered = about(on_the_phone, again, reason=chasing)
    assert "Select yes if this is about something we already know of" in unanswered.text
    missing_reason = about(on_the_phone, again, reason=chasing, about_known_matter="yes")
    assert "Select why they had to get in touch again" in missing_reason.text
    about(on_the_phone, again, about_known_matter="yes", failure_reason="chasing", repeat_of=first.pk)
    again.refresh_from_db()
    assert (again.failure_reason, again.repeat_of) == ("chasing", first)


def test_a_draft_is_kept_and_a_second_adviser_sees_who_has_it(on_the_phone, client, someone, manager):
    contact = start(on_the_phone, someone)
    about(on_the_phone, contact)
    client.force_login(manager)
    check = client.get(reverse("contact_step_check", args=[contact.pk])).content.decode()
    assert "has this contact open" in check
    assert "Ann Ellis" in check
    conflict = client.post(
        reverse("contact_step", args=[contact.pk, "about"]),
        CALL_FROM_DAUGHTER | {"version": 1, "reason": "Typed from an old copy"},
    )
    page = conflict.content.decode()
    assert "Someone else saved this contact" in page and "Typed from an old copy" in page


def test_bad_input_on_a_step_keeps_what_was_typed(on_the_phone, someone):
    contact = start(on_the_phone, someone)
    response = step(
        on_the_phone,
        contact,
        "about",
        CALL_FROM_DAUGHTER | {"caller_kind": "professional", "caller_name": "Dr Shah"},
    )
    page = response.content.decode()
    assert "Select the caller&#x27;s profession" in page
    assert "Enter the caller&#x27;s organisation" in page
    assert 'value="Dr Shah"' in page
    assert Contact.objects.get(pk=contact.pk).caller_name == ""


def test_finding_the_person_shows_their_open_case_and_recent_contacts(on_the_phone, someone, someones_case):
    earlier = start(on_the_phone, someone)
    about(on_the_phone, earlier, reason="Asked about day centres")
    contact = start(on_the_phone)
    page = on_the_phone.get(reverse("contact_step", args=[contact.pk, "about"]), {"q": someone.family_name})
    text = page.content.decode()
    assert someones_case.reference in text
    assert earlier.reference in text and "Asked about day centres" in text


IRENE = {
    "given_name": "Irene",
    "family_name": "Walker",
    "date_of_birth_0": "9",
    "date_of_birth_1": "7",
    "date_of_birth_2": "1936",
    "address_line_1": "12 Orchard Close",
    "town": "Norwich",
    "postcode": "NR7 0AA",
}


def test_a_new_person_is_added_on_the_way_with_the_name_searched_for_and_their_own_phone_filled_in(
    on_the_phone,
):
    contact = start(on_the_phone)
    about_page = reverse("contact_step", args=[contact.pk, "about"]) + "?q=Irene+Walker"
    contact.refresh_from_db()
    caller_is_the_person = CALL_FROM_DAUGHTER | {
        "caller_kind": "person",
        "caller_name": "",
        "caller_phone": "01632 960123",
        "who": "new",
        "version": contact.version,
    }
    to_add = on_the_phone.post(about_page, caller_is_the_person)
    assert to_add.url.startswith(reverse("contact_step_person", args=[contact.pk]))
    form = on_the_phone.get(to_add.url).context["form"]
    assert (form.initial["given_name"], form.initial["family_name"]) == ("Irene", "Walker")
    assert form.initial["phone"] == "01632 960123" and form.initial["consent_to_share"] is True
    contact.refresh_from_db()
    added = on_the_phone.post(
        to_add.url,
        IRENE
        | {
            "once": form.initial["once"],
            "phone": "01632 960123",
            "consent_to_share": "on",
            "version": contact.version,
        },
    )
    assert added.url == reverse("contact_step", args=[contact.pk, "outcomes"])
    contact.refresh_from_db()
    assert contact.person.full_name == "Irene Walker" and contact.person.phone == "01632 960123"
    assert contact.person.consent_recorded_by is not None


def test_going_back_after_adding_a_person_never_leaves_the_site(on_the_phone):
    form = on_the_phone.get(reverse("person_new")).context["form"]
    added = on_the_phone.post(
        f"{reverse('person_new')}?next=https://evil.example.com/",
        IRENE | {"once": form.initial["once"]},
    )
    assert added.url.startswith("/people/")


def test_a_referral_is_followed_to_its_outcome(on_the_phone, someone):
    contact = start(on_the_phone, someone)
    about(on_the_phone, contact)
    outcomes(on_the_phone, contact, ["ot"])
    complete(on_the_phone, contact)
    referral = Referral.objects.get(contact=contact)
    url = reverse("contact_referral", args=[referral.pk])
    missing = on_the_phone.post(url, {"status": "completed"})
    assert "Enter the outcome, or why it was declined" in missing.content.decode()
    on_the_phone.post(url, {"status": "completed", "outcome": "Bath lift fitted after the home visit"})
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("completed", "Bath lift fitted after the home visit")
    assert referral.case.events.filter(summary="Occupational therapy referral: completed").exists()


def test_a_case_with_a_safeguarding_concern_is_flagged_until_a_manager_decides(
    on_the_phone, client, someone, manager
):
    contact = start(on_the_phone, someone)
    about(on_the_phone, contact, immediate_risk="yes")
    outcomes(on_the_phone, contact, ["safeguarding"], note_safeguarding="Bruises on both arms")
    complete(on_the_phone, contact)
    case = Contact.objects.get(pk=contact.pk).case
    case_page = on_the_phone.get(case.get_absolute_url()).content.decode()
    assert 'id="flag-safeguarding"' in case_page and "Safeguarding concern raised" in case_page
    concern = SafeguardingConcern.objects.get(contact=contact)
    client.force_login(manager)
    client.post(
        reverse("safeguarding_concern", args=[concern.pk]), {"decision": "no_action", "reason": "Explained"}
    )
    assert 'id="flag-safeguarding"' not in on_the_phone.get(case.get_absolute_url()).content.decode()


def test_advice_to_someone_being_assessed_leaves_their_case_where_it_is(on_the_phone, someone, someones_case):
    move_to_stage(actor=None, case_id=someones_case.pk, stage=Stage.ASSESSMENT)
    contact = start(on_the_phone, someone)
    about(on_the_phone, contact, reason="When is the assessment?")
    outcomes(on_the_phone, contact, ["advice"], summary_by="none")
    check = on_the_phone.get(reverse("contact_step_check", args=[contact.pk])).content.decode()
    assert "Their case stays at assessment" in check
    complete(on_the_phone, contact)
    someones_case.refresh_from_db()
    assert someones_case.stage == Stage.ASSESSMENT
    assert Contact.objects.get(pk=contact.pk).case == someones_case


def test_the_notes_on_the_outcomes_are_kept_once(on_the_phone, someone):
    contact = start(on_the_phone, someone)
    outcomes(
        on_the_phone, contact, ["advice", "equipment", "telecare"], note_other="Grab rail and a pendant alarm"
    )
    notes = dict(contact.outcomes.values_list("kind", "note"))
    assert list(notes.values()).count("Grab rail and a pendant alarm") == 1
    check = on_the_phone.get(reverse("contact_step_check", args=[contact.pk])).content.decode()
    assert check.count("Grab rail and a pendant alarm") == 1


def test_the_summary_email_never_mentions_a_safeguarding_concern(on_the_phone, someone):
    contact = start(on_the_phone, someone)
    about(on_the_phone, contact, caller_name="Ann", caller_email="ann@example.com")
    outcomes(
        on_the_phone,
        contact,
        ["advice", "safeguarding"],
        note_safeguarding="Son takes her pension",
        summary_by="email",
    )
    complete(on_the_phone, contact)
    assert notices.email_summary(contact.pk)
    body = mail.outbox[-1].body
    assert "Information and advice" in body
    assert "afeguarding" not in body and "pension" not in body


def test_adding_a_service_never_sends_the_adviser_off_the_site(on_the_phone, someone):
    district("NR1")
    service = ServiceFactory(at="NR1")
    contact = start(on_the_phone, someone)
    url = reverse("contact_step_signposting", args=[contact.pk])
    response = on_the_phone.post(url, {"add": str(service.uuid), "next": "https://evil.example.com/"})
    assert response.url == reverse("contact_step", args=[contact.pk, "outcomes"])


def advice_call(client, person, *, chasing: Contact | None = None, kinds=("advice",)) -> Contact:
    """A call completed with `kinds`; `chasing` is the earlier contact a chase is about (None: not a chase)."""
    contact = start(client, person)
    repeat = {"about_known_matter": "no"}
    if chasing:
        repeat = {"about_known_matter": "yes", "failure_reason": "chasing", "repeat_of": chasing.pk}
    about(
        client,
        contact,
        reason="Has anything happened about it?" if chasing else "Lonely since her fall",
        **repeat,
    )
    outcomes(client, contact, list(kinds), summary_by="none")
    complete(client, contact)
    return Contact.objects.select_related("case").get(pk=contact.pk)


def next_week(client, adviser, time_machine) -> None:
    time_machine.move_to("2026-11-23 10:00Z", tick=False)
    client.force_login(adviser)  # a week on, the adviser has signed in again


def test_a_chase_lands_on_the_matter_it_chases_and_opens_no_new_episode(
    on_the_phone, adviser, someone, time_machine
):
    time_machine.move_to("2026-11-16 10:00Z", tick=False)
    first = advice_call(on_the_phone, someone)
    assert first.case.stage == Stage.CLOSED  # resolved at first contact
    next_week(on_the_phone, adviser, time_machine)
    chase = advice_call(on_the_phone, someone, chasing=first)

    assert chase.case == first.case
    assert someone.cases.count() == 1
    assert chase.repeat_of == first
    chase.case.refresh_from_db()
    assert chase.case.stage == Stage.CLOSED
    event = chase.case.events.about(chase).get(milestone=Milestone.CONTACT_RECEIVED)
    assert event.summary == (
        f"Contact {chase.reference} (again about {first.reference}: chasing progress) recorded: "
        "information and advice, with signposting"
    )
    assert not chase.case.events.filter(
        summary="Resolved at first contact", occurred_at__gte=chase.started_at
    )


def test_a_chase_on_an_open_case_is_linked_to_its_last_contact_and_never_closes_it(
    on_the_phone, adviser, someone, time_machine
):
    time_machine.move_to("2026-11-16 10:00Z", tick=False)
    first = advice_call(on_the_phone, someone, kinds=["ot"])
    assert first.case.stage == Stage.CONTACT  # waiting for the occupational therapist
    next_week(on_the_phone, adviser, time_machine)
    chase = start(on_the_phone, someone)
    about(
        on_the_phone,
        chase,
        reason="Nobody has come about the bath",
        about_known_matter="yes",
        failure_reason="chasing",
    )
    outcomes(on_the_phone, chase, ["advice"], summary_by="none")
    check = on_the_phone.get(reverse("contact_step_check", args=[chase.pk])).content.decode()
    assert "Their case stays at initial contact" in check
    completed = on_the_phone.get(complete(on_the_phone, chase).url)
    assert "stays open" not in completed.content.decode()  # nothing kept it open: a chase never closes
    chase.refresh_from_db()

    assert (chase.case, chase.repeat_of) == (first.case, first)
    chase.case.refresh_from_db()
    assert chase.case.stage == Stage.CONTACT


def test_a_chase_that_needs_an_assessment_reopens_the_closed_matter(
    on_the_phone, adviser, someone, time_machine
):
    time_machine.move_to("2026-11-16 10:00Z", tick=False)
    first = advice_call(on_the_phone, someone)
    next_week(on_the_phone, adviser, time_machine)
    chase = advice_call(on_the_phone, someone, chasing=first, kinds=["assessment"])

    case = someone.cases.get()
    assert chase.case == case
    assert (case.stage, case.closed_at) == (Stage.ASSESSMENT, None)
    assert case.events.filter(
        summary=f"Reopened by contact {chase.reference} and moved to assessment"
    ).exists()


def test_an_advice_call_never_closes_a_case_with_a_referral_still_open(
    on_the_phone, adviser, someone, time_machine
):
    time_machine.move_to("2026-11-16 10:00Z", tick=False)
    first = advice_call(on_the_phone, someone, kinds=["ot"])
    assert first.case.stage == Stage.CONTACT  # waiting for the occupational therapist
    next_week(on_the_phone, adviser, time_machine)
    # A new matter, not a chase: advice about lunch clubs.
    later = start(on_the_phone, someone)
    about(on_the_phone, later, reason="Asking about lunch clubs", about_known_matter="no")
    outcomes(on_the_phone, later, ["advice"], summary_by="none")
    check = on_the_phone.get(reverse("contact_step_check", args=[later.pk])).content.decode()
    assert "will then be closed" not in check
    assert "Their case stays open" in check
    assert "The occupational therapy referral made on 16 November 2026 is still open." in check

    shown = on_the_phone.get(complete(on_the_phone, later).url).content.decode()
    first.case.refresh_from_db()
    assert first.case.is_open and first.case.stage == Stage.CONTACT
    assert f"Case {first.case.reference} stays open" in shown
    assert first.case.events.filter(
        summary__startswith="Stays open: The occupational therapy referral"
    ).exists()
