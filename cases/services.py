"""Every change to the case record goes through these functions: permission, one transaction, a journey event,
letters queued after commit."""

import uuid
from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import submissions
from cases.journey import log_event, new_event
from cases.milestones import Milestone, milestone_for_move
from cases.models import Case, CaseEvent, CaseFlag, Letter, LetterType, Person, Relationship, Team, User
from cases.roles import CASEHOLDERS
from cases.stages import Stage, check_move
from cases.tasks import render_letter_task, tell_worker_task
from config.access import require

PERSON_FIELDS = Person.DETAIL_FIELDS


class EditConflict(Exception):
    """Someone else saved the record after this edit began; `current_version` is the saved one."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


def _consent_time(person: Person, consent: bool):
    if not consent:
        return None
    return person.consent_recorded_at or timezone.now()


@transaction.atomic
def register_person(
    *, actor: User, details: dict, once: uuid.UUID | None = None, open_case: bool = True
) -> Person:
    """Add a person to the record and, usually, open their first case (which sends the reference letter)."""
    require(actor, "cases.change_person")
    person = Person(**{field: details[field] for field in PERSON_FIELDS if field in details})
    person.consent_recorded_at = _consent_time(person, person.consent_to_share)
    person.consent_recorded_by = actor if person.consent_to_share else None
    person.save()
    submissions.claim(once, user=actor, result_url=reverse("person", args=[person.pk]))
    if open_case:
        open_case_for(actor=actor, person=person)
    return person


@transaction.atomic
def update_person(*, actor: User, person_id: int, details: dict, seen_version: int) -> Person:
    """Save changed details, refusing to overwrite a save made since the editor loaded the form."""
    person = Person.objects.select_for_update().get(pk=person_id)
    require(actor, "cases.change_person", person)
    if person.version != seen_version:
        raise EditConflict(person.version)
    changed = [
        field for field in PERSON_FIELDS if field in details and getattr(person, field) != details[field]
    ]
    for field in changed:
        setattr(person, field, details[field])
    if "consent_to_share" in changed:
        person.consent_recorded_at = _consent_time(person, person.consent_to_share)
        person.consent_recorded_by = actor if person.consent_to_share else None
        changed += ["consent_recorded_at", "consent_recorded_by"]
    if changed:
        person.version += 1
        person.save(update_fields=[*changed, "version"])
        note_on_open_cases(
            person, Milestone.DETAILS_UPDATED, actor=actor, summary="Personal details updated", fields=changed
        )
    return person


def note_on_open_cases(
    person: Person, milestone: Milestone, *, actor: User, summary: str, subject=None, **facts
) -> None:
    """A change to the person matters to every episode still open, so each case's timeline shows it."""
    for case in person.cases.open():
        log_event(case, milestone, actor, subject=subject, summary=summary, **facts)


@transaction.atomic
def open_case_for(
    *,
    actor: User,
    person: Person,
    team: Team | None = None,
    worker: User | None = None,
    send_letter: bool = True,
) -> Case:
    """A new episode for the person. `send_letter=False` when another letter will give the reference anyway."""
    require(actor, "cases.change_case")
    case = Case.objects.create(person=person, team=team or actor.team, allocated_worker=worker)
    log_event(case, Milestone.CASE_OPENED, actor, summary="Case opened", team=case.team_id)
    if send_letter:
        request_letter(actor=actor, case=case, letter_type=LetterType.CASE_REFERENCE)
    return case


# What raising each kind of flag means on the journey.
FLAG_RAISED = {
    CaseFlag.Kind.SAFEGUARDING: Milestone.SAFEGUARDING_RAISED,
    CaseFlag.Kind.SAFEGUARDING_ENQUIRY: Milestone.ENQUIRY_STARTED,
}


def raise_flag(*, actor: User | None, case: Case, kind: str, note: str = "") -> CaseFlag:
    """Flag the case (once: a flag of that kind already up stays as it is) and say so on its timeline."""
    flag, created = CaseFlag.objects.get_or_create(
        case=case, kind=kind, cleared_at=None, defaults={"note": note, "raised_by": actor}
    )
    if created:
        log_event(
            case,
            FLAG_RAISED[CaseFlag.Kind(kind)],
            actor,
            subject=flag,
            summary=f"Flagged: {flag.get_kind_display()}",
            flag=kind,
        )
    return flag


def clear_flag(*, actor: User, case: Case, kind: str) -> None:
    cleared = CaseFlag.objects.filter(case=case, kind=kind, cleared_at=None).update(
        cleared_at=timezone.now(), cleared_by=actor
    )
    if cleared:
        label = CaseFlag.Kind(kind).label
        log_event(case, Milestone.FLAG_CLEARED, actor, summary=f"Flag cleared: {label}", flag=kind)


class CannotClose(Exception):
    """Something on the case must be settled before it can close; the message says what."""


@transaction.atomic
def move_to_stage(
    *,
    actor: User | None,
    case_id: int,
    stage: Stage,
    summary: str = "",
    milestone: Milestone | None = None,
    permission: str = "cases.change_case",
) -> Case:
    """Move the case along the journey (cases.stages.MOVES); a move to where it is already does nothing, and a
    move the journey does not allow raises cases.stages.IllegalMove, changing nothing. The move is logged as
    `milestone` (one of cases.milestones.STAGE_MOVES), by default the one milestone_for_move names. The actor
    must hold `permission` on the case: a later stage's service moves the case under its own (a head of service
    agreeing a plan at sign-off changes nothing else on a case)."""
    case = Case.objects.select_for_update().get(pk=case_id)
    if actor is not None:
        require(actor, permission, case)
    if case.stage == stage:
        return case
    check_move(case.stage, stage)
    if stage == Stage.CLOSED and (reasons := case.reasons_not_to_close()):
        raise CannotClose(" ".join(reasons))
    previous = case.stage
    case.stage = stage
    case.stage_changed_at = timezone.now()
    fields = ["stage", "stage_changed_at"]
    if stage == Stage.CLOSED or previous == Stage.CLOSED:
        # Leaving "closed" reopens the episode: it is on the open lists again.
        case.closed_at = case.stage_changed_at if stage == Stage.CLOSED else None
        fields.append("closed_at")
    case.save(update_fields=fields)
    log_event(
        case,
        milestone or milestone_for_move(previous, stage),
        actor,
        summary=summary or f"Moved to {Stage(stage).label.lower()}",
        **{"from": previous, "to": stage},
    )
    return case


@transaction.atomic
def close_unless_unsettled(
    *,
    actor: User | None,
    case_id: int,
    summary: str,
    also: Sequence[str] = (),
    milestone: Milestone = Milestone.CASE_CLOSED,
) -> list[str]:
    """Close the case when nothing on it is left to settle (Case.reasons_not_to_close, and `also`: what a
    stage holds on the case, such as a referral still open). Otherwise it stays open, its timeline says why, and
    the reasons are returned for the screen to say so too."""
    case = Case.objects.select_for_update().get(pk=case_id)
    if actor is not None:
        require(actor, "cases.change_case", case)
    if not (reasons := [*case.reasons_not_to_close(), *also]):
        move_to_stage(actor=actor, case_id=case.pk, stage=Stage.CLOSED, summary=summary, milestone=milestone)
        return []
    log_event(case, Milestone.KEPT_OPEN, actor, summary=f"Stays open: {' '.join(reasons)}", kept_open=reasons)
    return reasons


@transaction.atomic
def finish_enquiry(*, actor: User, case_id: int, outcome: str, note: str) -> CaseFlag | None:
    """The team manager (of the case's team, or the manager who started the enquiry) records that the case's
    section 42 enquiry has finished, and how; the case may then close. None when no enquiry is open (finished
    already, perhaps by a second press of the button)."""
    case = Case.objects.select_for_update().get(pk=case_id)
    require(actor, "cases.settle_case", case)
    flag = case.flags.filter(kind=CaseFlag.Kind.SAFEGUARDING_ENQUIRY, cleared_at=None).first()
    if flag is None:
        return None
    flag.cleared_at, flag.cleared_by = timezone.now(), actor
    flag.outcome, flag.outcome_note = outcome, note
    flag.save(update_fields=["cleared_at", "cleared_by", "outcome", "outcome_note"])
    log_event(
        case,
        Milestone.ENQUIRY_FINISHED,
        actor,
        subject=flag,
        summary=f"Section 42 enquiry finished: {flag.get_outcome_display().lower()}",
        flag=flag.pk,
        outcome=outcome,
    )
    return flag


class NotInTeam(Exception):
    """The worker chosen does not hold a caseload in the case's team."""


class AllocationChanged(Exception):
    """Someone allocated the case after this manager began choosing; `current` is who has it now."""

    def __init__(self, current: User | None):
        super().__init__(current)
        self.current = current


@transaction.atomic
def allocate(
    *, actor: User, case_id: int, worker: User, seen_worker: int | None, note: str = "", site_url: str = ""
) -> Case:
    """The team manager gives the case to a worker of its team, or hands it on to another; the worker is told.

    `seen_worker` is the worker the manager saw on the case when they chose (None: nobody). If the case has
    been allocated since, AllocationChanged, so two managers choosing at once never overwrite each other
    unawares; asking again for the worker who already has it (a second press of the button) changes nothing.
    """
    case = Case.objects.select_for_update(of=("self",)).select_related("allocated_worker").get(pk=case_id)
    require(actor, "cases.allocate_case", case)
    if case.allocated_worker_id == worker.pk:
        return case
    if case.allocated_worker_id != seen_worker:
        raise AllocationChanged(case.allocated_worker)
    if worker.team_id != case.team_id or worker.role not in CASEHOLDERS or not worker.is_active:
        raise NotInTeam
    previous = case.allocated_worker
    case.allocated_worker, case.allocated_at = worker, timezone.now()
    case.save(update_fields=["allocated_worker", "allocated_at"])
    summary = (
        f"Reallocated from {previous.display_name} to {worker.display_name}"
        if previous
        else f"Allocated to {worker.display_name}"
    )
    log_event(
        case,
        Milestone.REALLOCATED if previous else Milestone.ALLOCATED,
        actor,
        summary=summary,
        **{
            "from": previous.pk if previous else None,
            "to": worker.pk,
            "from_name": previous.display_name if previous else "",
            "to_name": worker.display_name,
            "team": case.team_id,
            "note": note,
        },
    )
    if worker.email:
        transaction.on_commit(lambda: tell_worker_task.delay(case.pk, site_url))
    return case


def letter_key(about: str) -> uuid.UUID:
    """The key of a letter that goes only once, made from what it is `about` ("review-outcome/12"): the same words
    always make the same key, so a letter asked for again (a double click, a retried task, a new release) is the
    letter already sent."""
    return uuid.uuid5(uuid.NAMESPACE_URL, about)


def request_letter(
    *,
    actor: User | None,
    case: Case,
    letter_type: str,
    once: uuid.UUID | None = None,
    about: str | None = None,
    content: dict | None = None,
) -> Letter:
    """Queue a letter; asking again with the same `once` key, or about the same thing (`about`, see `letter_key`),
    returns the same letter, never a second one."""
    if about is not None:
        if once is not None:
            raise ValueError("A letter's key is given or made from what it is about, not both")
        once = letter_key(about)
    with transaction.atomic():
        letter, created = Letter.objects.get_or_create(
            case=case,
            idempotency_key=once or uuid.uuid4(),
            defaults={"letter_type": letter_type, "requested_by": actor, "content": content or {}},
        )
        if created:
            _send_to_worker(letter, actor=actor, summary="Letter requested")
    return letter


def request_letters(*, actor: User | None, case: Case, wanted: list[tuple[str, dict]]) -> list[Letter]:
    """Several letters at once, each with its content; the caller makes the request happen once (it holds the
    lock on whatever the letters are about)."""
    return queue_letters(
        actor=actor,
        letters=[
            Letter(case=case, letter_type=letter_type, content=content) for letter_type, content in wanted
        ],
    )


def queue_letters(*, actor: User | None, letters: Sequence[Letter]) -> list[Letter]:
    """Many letters at once, on one case or many, each given its case (loaded), type and content, and an
    `idempotency_key` when it must go only once: saved in one statement, each noted on its case's timeline in
    another, and sent to the worker once the transaction commits. The caller makes the request happen once (it
    holds the lock on whatever the letters are about). A broker that cannot be reached then leaves the letters
    queued, for `requeue_stalled_letters` to send again, rather than undo what was committed."""
    if not letters:
        return []
    with transaction.atomic():
        for letter in letters:
            letter.requested_by = actor
        made = Letter.objects.bulk_create(letters)
        CaseEvent.objects.bulk_create(
            new_event(
                letter.case,
                Milestone.LETTER_REQUESTED,
                actor,
                subject=letter,
                summary=f"Letter requested: {letter.get_letter_type_display()}",
                letter=letter.pk,
                letter_type=letter.letter_type,
            )
            for letter in made
        )
        ids = [letter.pk for letter in made]
        transaction.on_commit(lambda: _render_each(ids), robust=True)
    return made


def _render_each(letter_ids: list[int]) -> None:
    for letter_id in letter_ids:
        render_letter_task.delay(letter_id)


def _send_to_worker(letter: Letter, *, actor: User | None, summary: str) -> None:
    """Note the request on the timeline and have the worker render the letter once this transaction commits."""
    log_event(
        letter.case,
        Milestone.LETTER_REQUESTED,
        actor,
        subject=letter,
        summary=f"{summary}: {letter.get_letter_type_display()}",
        letter=letter.pk,
        letter_type=letter.letter_type,
    )
    transaction.on_commit(lambda: render_letter_task.delay(letter.pk))


@transaction.atomic
def retry_letter(*, actor: User, case: Case, letter_id: int) -> Letter:
    """Send a letter that failed for good back to the worker, after someone has fixed the cause."""
    require(actor, "cases.change_case", case)
    letter = Letter.objects.select_for_update().get(pk=letter_id, case=case)
    if letter.status != Letter.Status.FAILED:
        return letter
    letter.status, letter.attempts, letter.error = Letter.Status.QUEUED, 0, ""
    letter.save(update_fields=["status", "attempts", "error"])
    _send_to_worker(letter, actor=actor, summary="Letter requested again")
    return letter


class AlreadyRelated(Exception):
    """That relationship is already on the record."""


@transaction.atomic
def add_relationship(
    *, actor: User, for_person: Person, supporter: Person, kind: str, notes: str = ""
) -> Relationship:
    """Record that `supporter` is `for_person`'s carer, representative, appointee or attorney."""
    require(actor, "cases.change_person", for_person)
    relationship, created = Relationship.objects.get_or_create(
        person=supporter, for_person=for_person, kind=kind, defaults={"notes": notes}
    )
    if not created:
        raise AlreadyRelated
    note_on_open_cases(
        for_person,
        Milestone.RELATIONSHIP_ADDED,
        actor=actor,
        subject=relationship,
        summary=f"{relationship.get_kind_display()} added: {supporter.full_name}",
        relationship=relationship.pk,
        kind=kind,
    )
    return relationship


@transaction.atomic
def remove_relationship(*, actor: User, for_person: Person, relationship_id: int) -> None:
    relationship = (
        Relationship.objects.select_related("person")
        .filter(pk=relationship_id, for_person=for_person)
        .first()
    )
    if relationship is None:
        return  # removed already, perhaps by a double click
    require(actor, "cases.change_person", for_person)
    relationship.delete()
    note_on_open_cases(
        for_person,
        Milestone.RELATIONSHIP_REMOVED,
        actor=actor,
        summary=f"{relationship.get_kind_display()} removed: {relationship.person.full_name}",
        relationship=relationship_id,
        kind=relationship.kind,
    )
