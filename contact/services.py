"""Every change to a contact goes through these functions: permission, one transaction, the case record
extended, letters and notices sent after commit."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cases import services as case_services
from cases.milestones import Milestone
from cases.models import Case, CaseFlag, LetterType, Person, User
from cases.stages import Stage
from config.access import require
from contact import equipment, letters, notices, reablement, rules, selectors, tasks
from contact.models import (
    REFERRAL_KINDS,
    CallerKind,
    Channel,
    Consent,
    Contact,
    EquipmentItem,
    FreeSupportLimits,
    Outcome,
    OutcomeKind,
    ReablementOutcome,
    Referral,
    SafeguardingConcern,
    Signposting,
)
from contact.public_journey import cleaned_for_session

# Someone else's hold on a draft lapses after this long without a save: they have moved on.
HOLD_LAPSES_AFTER = timezone.timedelta(minutes=30)


class ContactChanged(Exception):
    """Someone saved the contact after this edit began."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


class AlreadyCompleted(Exception):
    """The contact was completed (perhaps by a second press of the button); nothing more to do."""


@transaction.atomic
def start_contact(*, actor: User, person: Person | None = None, anonymous: bool = False) -> Contact:
    require(actor, "contact.take_call")
    return Contact.objects.create(
        person=person,
        anonymous=anonymous and person is None,
        taken_by=actor,
        held_by=actor,
        held_at=timezone.now(),
    )


def holder_other_than(contact: Contact, actor: User, now) -> User | None:
    """Who else has this draft open, if anyone has saved it recently."""
    if contact.held_by_id in (None, actor.pk) or contact.held_at is None:
        return None
    return contact.held_by if now - contact.held_at < HOLD_LAPSES_AFTER else None


@transaction.atomic
def take_over(*, actor: User, contact_id: int) -> Contact:
    """This adviser now has the draft: anyone else who opens it sees so."""
    require(actor, "contact.take_call")
    Contact.objects.filter(pk=contact_id).update(held_by=actor, held_at=timezone.now())
    # A form sent online becomes this adviser's draft when they pick it up.
    Contact.objects.filter(pk=contact_id, status=Contact.Status.SUBMITTED).update(
        status=Contact.Status.DRAFT, taken_by=actor, version=F("version") + 1
    )
    return Contact.objects.get(pk=contact_id)


def _claim(contact_id: int, seen_version: int, actor: User) -> None:
    claimed = Contact.objects.filter(pk=contact_id, version=seen_version, status=Contact.Status.DRAFT).update(
        version=F("version") + 1, held_by=actor, held_at=timezone.now(), updated_at=timezone.now()
    )
    if not claimed:
        current = Contact.objects.values("version", "status").get(pk=contact_id)
        if current["status"] != Contact.Status.DRAFT:
            raise AlreadyCompleted
        raise ContactChanged(current["version"])


@transaction.atomic
def save_draft(*, actor: User, contact: Contact, seen_version: int, fields: dict) -> Contact:
    """Save one step of the draft. A draft saved by someone else since this adviser opened it is refused."""
    require(actor, "contact.take_call")
    _claim(contact.pk, seen_version, actor)
    Contact.objects.filter(pk=contact.pk).update(**fields)
    for field, value in fields.items():
        setattr(contact, field, value)
    contact.version, contact.held_by = seen_version + 1, actor
    return contact


@transaction.atomic
def set_person(*, actor: User, contact: Contact, seen_version: int, person: Person | None) -> Contact:
    """Who the contact is about; None makes it an anonymous, advice-only contact."""
    fields = {"person": person, "anonymous": person is None}
    return save_draft(actor=actor, contact=contact, seen_version=seen_version, fields=fields)


@transaction.atomic
def add_person(*, actor: User, contact: Contact, seen_version: int, details: dict, once=None) -> Contact:
    """Add the person the contact is about to the record and make the contact theirs; their case is opened
    when the contact is completed, with what came of it."""
    person = case_services.register_person(actor=actor, details=details, once=once, open_case=False)
    return set_person(actor=actor, contact=contact, seen_version=seen_version, person=person)


@transaction.atomic
def set_outcomes(
    *, actor: User, contact: Contact, seen_version: int, notes: dict[str, str], fields: dict | None = None
) -> Contact:
    """The outcomes chosen (kind -> note), with the step's other answers; outcomes no longer chosen go."""
    contact = save_draft(actor=actor, contact=contact, seen_version=seen_version, fields=fields or {})
    chosen_before = {outcome.kind: outcome for outcome in contact.outcomes.all()}
    contact.outcomes.exclude(kind__in=notes).delete()
    changed = []
    for kind, outcome in chosen_before.items():
        if kind in notes and outcome.note != notes[kind]:
            outcome.note = notes[kind]
            changed.append(outcome)
    Outcome.objects.bulk_update(changed, ["note"])
    Outcome.objects.bulk_create(
        Outcome(contact=contact, kind=kind, note=note)
        for kind, note in notes.items()
        if kind not in chosen_before
    )
    if OutcomeKind.ADVICE not in notes:
        contact.signposts.all().delete()
    if OutcomeKind.EQUIPMENT not in notes:
        contact.equipment_items.all().delete()
    return contact


def add_equipment_item(*, actor: User, contact: Contact, description: str, kind: str, cost) -> EquipmentItem:
    """Note a piece of equipment or a minor adaptation arranged for the person, with its cost."""
    require(actor, "contact.take_call")
    return EquipmentItem.objects.create(contact=contact, description=description, kind=kind, cost=cost)


@transaction.atomic
def receive_self_assessment(*, sender: User, reference: str, details: dict) -> Contact:
    """A self-assessment a citizen finished online and sent us arrives as an online contact on the advisers'
    queue, with the details they gave to find or add them (`details`: the sender's form, cleaned), and is
    acknowledged by email after commit. The assessment app keeps the answers; this is the front door's record
    that it came in, which the assessment is then linked to."""
    require(sender, "contact.send_self_assessment")
    details = cleaned_for_session(details)
    contact = Contact.objects.create(
        status=Contact.Status.SUBMITTED,
        channel=Channel.ONLINE,
        caller_kind=CallerKind.PERSON,
        caller_email=sender.email,
        caller_phone=details.get("phone", ""),
        reason=f"Sent their online self-assessment {reference} and would like us to look at it. "
        + details.get("message", ""),
        submitted_details={**details, "email": sender.email, "assessment": reference},
    )
    transaction.on_commit(lambda: tasks.acknowledge_submission_task.delay(contact.pk))
    return contact


def remove_equipment_item(*, actor: User, contact: Contact, item_id: int) -> None:
    require(actor, "contact.take_call")
    contact.equipment_items.filter(pk=item_id).delete()


def signpost(*, actor: User, contact: Contact, service) -> Signposting:
    """Note a directory service the person was told about, as the directory describes it now."""
    require(actor, "contact.take_call")
    phone = next(iter(service.phones.all()), None)
    location = next(iter(service.locations.all()), None)
    return Signposting.objects.get_or_create(
        contact=contact,
        service_uuid=service.uuid,
        defaults={
            "name": service.name,
            "organisation": service.organization.name,
            "phone": phone.number if phone else "",
            "email": service.email or service.organization.email,
            "url": service.url or service.organization.url,
            "address": ", ".join(location.address_lines) if location else "",
        },
    )[0]


def unsignpost(*, actor: User, contact: Contact, signpost_id: int) -> None:
    require(actor, "contact.take_call")
    contact.signposts.filter(pk=signpost_id).delete()


@transaction.atomic
def complete(*, actor: User, contact_id: int, seen_version: int, site_url: str = "") -> Contact:
    """Finish the contact and write what came of it onto the case record, once."""
    require(actor, "contact.take_call")
    contact = Contact.objects.select_for_update(of=("self",)).select_related("person").get(pk=contact_id)
    if contact.status != Contact.Status.DRAFT:
        raise AlreadyCompleted
    if contact.version != seen_version:
        raise ContactChanged(contact.version)
    outcomes = {outcome.kind: outcome for outcome in contact.outcomes.all()}
    kinds = set(outcomes)
    if rules.missing_details(contact, kinds) or rules.outcome_problems(
        kinds, anonymous=contact.person_id is None
    ):
        raise ValueError("The contact is not ready to complete")
    contact.status, contact.held_by = Contact.Status.COMPLETED, None
    contact.version += 1
    if contact.person_id:
        _record_on_person(contact, actor)
        contact.case = _case_for(contact, actor)
        _link_to_chased(contact)
        _record_on_case(contact, outcomes, actor, site_url)
    # Completed after what it did to the case, so measures of the next step start from here.
    contact.completed_at = timezone.now()
    contact.save()
    if contact.case and contact.summary_by == "letter":
        case_services.request_letter(
            actor=actor,
            case=contact.case,
            letter_type=LetterType.CONTACT_SUMMARY,
            content=letters.summary_content(contact),
        )
    if contact.summary_by == "email" and notices.summary_address(contact):
        transaction.on_commit(lambda: tasks.email_summary_task.delay(contact.pk))
    return contact


def _record_on_person(contact: Contact, actor: User) -> None:
    """What the call told us about the person goes on their record, where the next contact finds it instead of
    asking again: consent to share as given or refused now, and the phone number of a person calling for
    themselves when the record has none."""
    person = contact.person
    details = {}
    if contact.consent in {Consent.GIVEN, Consent.REFUSED}:
        details["consent_to_share"] = contact.consent == Consent.GIVEN
    if contact.caller_kind == CallerKind.PERSON and contact.caller_phone and not person.phone:
        details["phone"] = contact.caller_phone
    if details:
        contact.person = case_services.update_person(
            actor=actor,
            person_id=person.pk,
            details=details,
            seen_version=Person.objects.values_list("version", flat=True).get(pk=person.pk),
        )


def _case_for(contact: Contact, actor: User) -> Case:
    """The case the contact is about (see `selectors.case_for_contact`), or a new one for this episode."""
    case = selectors.case_for_contact(contact, now=timezone.now())
    # The summary letter carries the case reference; without one, the usual reference letter goes.
    return case or case_services.open_case_for(
        actor=actor, person=contact.person, send_letter=contact.summary_by != "letter"
    )


def _link_to_chased(contact: Contact) -> None:
    """A contact about something we already knew of is linked to the earlier contact it chases: the one the
    adviser chose, or else the latest on the same case."""
    if contact.about_known_matter and contact.repeat_of_id is None:
        contact.repeat_of = (
            contact.case.contacts.completed().exclude(pk=contact.pk).order_by("-completed_at", "-pk").first()
        )


def _record_on_case(contact: Contact, outcomes: dict[str, Outcome], actor: User, site_url: str) -> None:
    case, kinds = contact.case, set(outcomes)
    failure_demand = bool(contact.about_known_matter)
    labels = ", ".join(outcome.get_kind_display().lower() for outcome in outcomes.values())
    recorded = f"Contact {contact.reference} recorded"
    if failure_demand and contact.repeat_of:
        again = f"again about {contact.repeat_of.reference}: {contact.get_failure_reason_display().lower()}"
        recorded = f"Contact {contact.reference} ({again}) recorded"
    case_services.log_event(
        case,
        Milestone.CONTACT_RECEIVED,
        actor,
        subject=contact,
        summary=f"{recorded}: {labels}",
        contact=contact.pk,
        channel=contact.channel,
        outcomes=sorted(kinds),
        reason=contact.reason,
        repeat_of=contact.repeat_of_id,
        failure_reason=contact.failure_reason,
    )
    for kind in sorted(kinds & REFERRAL_KINDS):
        criteria = contact.reablement_criteria if kind == OutcomeKind.REABLEMENT else {}
        referral = Referral.objects.create(contact=contact, case=case, kind=kind, criteria=criteria)
        case_services.log_event(
            case,
            Milestone.REFERRAL_MADE,
            actor,
            subject=referral,
            summary=f"Referral made: {referral.get_kind_display()}",
            referral=referral.pk,
            kind=kind,
            contact=contact.pk,
        )
    sent_on = OutcomeKind.EQUIPMENT in kinds and _record_equipment(contact, actor)
    if OutcomeKind.SAFEGUARDING in kinds:
        concern = SafeguardingConcern.objects.create(
            contact=contact, case=case, concern=outcomes[OutcomeKind.SAFEGUARDING].note, raised_by=actor
        )
        case_services.raise_flag(
            actor=actor, case=case, kind=CaseFlag.Kind.SAFEGUARDING, note="waiting for a manager's decision"
        )
        transaction.on_commit(lambda: tasks.tell_managers_task.delay(concern.pk, site_url))
    stage = rules.stage_after(kinds, case.stage, failure_demand=failure_demand, sent_on=sent_on)
    if stage == Stage.CLOSED:
        # Resolved, but the case stays open while something on it is unsettled (an undecided concern, an earlier
        # referral still open).
        case_services.close_unless_unsettled(
            actor=actor,
            case_id=case.pk,
            summary="Resolved at first contact",
            also=selectors.open_referrals_on(case, besides=contact),
            milestone=Milestone.RESOLVED_AT_FIRST_CONTACT,
        )
    elif stage is not None:
        summary = ""
        if case.stage == Stage.CLOSED:
            summary = f"Reopened by contact {contact.reference} and moved to {stage.label.lower()}"
        case_services.move_to_stage(actor=actor, case_id=case.pk, stage=stage, summary=summary)


def _record_equipment(contact: Contact, actor: User) -> bool:
    """Each item and where it goes (free, the financial assessment, a disabled facilities grant), on the case's
    timeline with the limit that decided it, for whoever arranges the dearer ones. True when any is sent on."""
    decisions = selectors.equipment_decisions(contact)
    free_up_to = decisions[0].free_up_to if decisions else ""
    case_services.log_event(
        contact.case,
        Milestone.EQUIPMENT_DECIDED,
        actor,
        subject=contact,
        summary=f"Equipment: {equipment.summary(decisions)}",
        contact=contact.pk,
        free_up_to=str(free_up_to),
        items=[
            {
                "description": decision.item.description,
                "kind": decision.item.kind,
                "cost": str(decision.item.cost),
                "route": decision.route.value,
            }
            for decision in decisions
        ],
    )
    return equipment.any_sent_on(decisions)


@transaction.atomic
def decide_concern(*, actor: User, concern_id: int, decision: str, reason: str) -> SafeguardingConcern:
    """A manager's decision on a concern, recorded once; until then the case cannot be closed."""
    require(actor, "contact.decide_safeguarding")
    concern = SafeguardingConcern.objects.select_for_update().select_related("case").get(pk=concern_id)
    if concern.decision:
        raise AlreadyCompleted
    concern.decision, concern.decision_reason = decision, reason
    concern.decided_by, concern.decided_at = actor, timezone.now()
    concern.save()
    if not concern.case.safeguarding_concerns.filter(decision="").exists():
        case_services.clear_flag(actor=actor, case=concern.case, kind=CaseFlag.Kind.SAFEGUARDING)
    if decision == SafeguardingConcern.Decision.ENQUIRY:
        # The enquiry keeps the case open until the team manager records how it ended.
        case_services.raise_flag(
            actor=actor,
            case=concern.case,
            kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY,
            note="the team manager records its outcome when it has finished",
        )
    case_services.log_event(
        concern.case,
        Milestone.SAFEGUARDING_DECIDED,
        actor,
        subject=concern,
        summary=f"Safeguarding decision: {concern.get_decision_display().lower()}",
        concern=concern.pk,
        decision=decision,
    )
    return concern


@transaction.atomic
def update_referral(*, actor: User, referral_id: int, status: str, outcome: str) -> Referral:
    """Where a referral has got to; each change is noted on the case's timeline."""
    require(actor, "contact.follow_up_referral")
    referral = Referral.objects.select_for_update().select_related("case").get(pk=referral_id)
    if (referral.status, referral.outcome) == (status, outcome):
        return referral
    referral.status, referral.outcome, referral.status_changed_at = status, outcome, timezone.now()
    referral.save()
    summary = f"{referral.get_kind_display()}: {referral.get_status_display().lower()}"
    _log_on_case(referral, actor, Milestone.REFERRAL_DECIDED, summary, status=status)
    return referral


class NotUnderWay(Exception):
    """The reablement has not started, or has already ended."""


def _reablement_referral(actor: User, referral_id: int) -> Referral:
    require(actor, "contact.follow_up_referral")
    referral = Referral.objects.select_for_update().select_related("case").get(pk=referral_id)
    if not referral.is_reablement:
        raise NotUnderWay
    return referral


def _log_on_case(referral: Referral, actor: User, milestone: Milestone, summary: str, **facts) -> None:
    case_services.log_event(
        referral.case,
        milestone,
        actor,
        subject=referral,
        summary=summary,
        referral=referral.pk,
        kind=referral.kind,
        **facts,
    )


@transaction.atomic
def start_reablement(*, actor: User, referral_id: int, started_on) -> Referral:
    """Reablement began: its free period runs from that day, for the weeks in force then."""
    referral = _reablement_referral(actor, referral_id)
    if not referral.awaiting_start:
        raise NotUnderWay
    weeks = FreeSupportLimits.objects.in_force(started_on).reablement_free_weeks
    referral.status, referral.status_changed_at = Referral.Status.ACCEPTED, timezone.now()
    referral.started_on, referral.free_until = started_on, reablement.free_until(started_on, weeks)
    referral.save(update_fields=["status", "status_changed_at", "started_on", "free_until"])
    _log_on_case(
        referral,
        actor,
        Milestone.REABLEMENT_STARTED,
        f"Reablement started on {started_on:%-d %B %Y}: free until {referral.free_until:%-d %B %Y}",
        started_on=started_on.isoformat(),
        free_until=referral.free_until.isoformat(),
    )
    return referral


@transaction.atomic
def decline_reablement(*, actor: User, referral_id: int, reason: str) -> Referral:
    """The reablement did not go ahead: the case goes back to the front door to decide what next."""
    referral = _reablement_referral(actor, referral_id)
    if not referral.awaiting_start:
        raise NotUnderWay
    referral.status, referral.status_changed_at, referral.outcome = (
        Referral.Status.DECLINED,
        timezone.now(),
        reason,
    )
    referral.save(update_fields=["status", "status_changed_at", "outcome"])
    if referral.case.stage == Stage.REABLEMENT:
        case_services.move_to_stage(
            actor=actor,
            case_id=referral.case_id,
            stage=Stage.CONTACT,
            summary=f"Reablement did not go ahead: {reason}",
        )
    else:
        _log_on_case(
            referral,
            actor,
            Milestone.REFERRAL_DECIDED,
            f"Reablement did not go ahead: {reason}",
            status="declined",
        )
    return referral


@transaction.atomic
def end_reablement(*, actor: User, referral_id: int, outcome: str, note: str = "") -> Referral:
    """Record how reablement ended, on the referral and the case; the outcome moves the case on (closed, or to
    assessment) when it is still at reablement. A case that cannot close yet (a concern undecided) raises
    `cases.services.CannotClose` and nothing is saved."""
    referral = _reablement_referral(actor, referral_id)
    if not referral.under_way:
        raise NotUnderWay
    referral.status, referral.status_changed_at = Referral.Status.COMPLETED, timezone.now()
    referral.reablement_outcome, referral.outcome = outcome, note
    referral.save(update_fields=["status", "status_changed_at", "reablement_outcome", "outcome"])
    summary = f"Reablement ended: {ReablementOutcome(outcome).label.lower()}"
    if referral.case.stage == Stage.REABLEMENT:
        case_services.move_to_stage(
            actor=actor, case_id=referral.case_id, stage=reablement.stage_after(outcome), summary=summary
        )
    else:
        _log_on_case(referral, actor, Milestone.REABLEMENT_ENDED, summary, outcome=outcome)
    return referral
