"""Every change to the case record goes through these functions: permission, one transaction, a journey event,
letters queued after commit."""

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import submissions
from cases.models import Case, CaseEvent, CaseFlag, Letter, LetterType, Person, Relationship, Team, User
from cases.stages import Stage
from cases.tasks import render_letter_task

PERSON_FIELDS = Person.DETAIL_FIELDS


class EditConflict(Exception):
    """Someone else saved the record after this edit began; `current_version` is the saved one."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


def _require(actor: User, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def _consent_time(person: Person, consent: bool):
    if not consent:
        return None
    return person.consent_recorded_at or timezone.now()


@transaction.atomic
def register_person(
    *, actor: User, details: dict, once: uuid.UUID | None = None, open_case: bool = True
) -> Person:
    """Add a person to the record and, usually, open their first case (which sends the reference letter)."""
    _require(actor, "cases.change_person")
    person = Person(**{field: details[field] for field in PERSON_FIELDS if field in details})
    person.consent_recorded_at = _consent_time(person, person.consent_to_share)
    person.save()
    submissions.claim(once, user=actor, result_url=reverse("person", args=[person.pk]))
    if open_case:
        open_case_for(actor=actor, person=person)
    return person


@transaction.atomic
def update_person(*, actor: User, person_id: int, details: dict, seen_version: int) -> Person:
    """Save changed details, refusing to overwrite a save made since the editor loaded the form."""
    person = Person.objects.select_for_update().get(pk=person_id)
    _require(actor, "cases.change_person", person)
    if person.version != seen_version:
        raise EditConflict(person.version)
    changed = [
        field for field in PERSON_FIELDS if field in details and getattr(person, field) != details[field]
    ]
    for field in changed:
        setattr(person, field, details[field])
    if "consent_to_share" in changed:
        person.consent_recorded_at = _consent_time(person, person.consent_to_share)
        changed.append("consent_recorded_at")
    if changed:
        person.version += 1
        person.save(update_fields=[*changed, "version"])
        note_on_open_cases(
            person, actor=actor, summary="Personal details updated", details={"fields": changed}
        )
    return person


def log_event(
    *, case: Case, actor: User | None, kind: str, summary: str, details: dict | None = None
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, stage=case.stage, kind=kind, actor=actor, summary=summary, details=details or {}
    )


def note_on_open_cases(person: Person, *, actor: User, summary: str, details: dict | None = None) -> None:
    """A change to the person matters to every episode still open, so each case's timeline shows it."""
    for case in person.cases.open():
        log_event(case=case, actor=actor, kind=CaseEvent.Kind.NOTE, summary=summary, details=details)


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
    _require(actor, "cases.change_case")
    case = Case.objects.create(person=person, team=team or actor.team, allocated_worker=worker)
    log_event(case=case, actor=actor, kind=CaseEvent.Kind.OPENED, summary="Case opened")
    if send_letter:
        request_letter(actor=actor, case=case, letter_type=LetterType.CASE_REFERENCE)
    return case


def raise_flag(*, actor: User | None, case: Case, kind: str, note: str = "") -> CaseFlag:
    """Flag the case (once: a flag of that kind already up stays as it is) and say so on its timeline."""
    flag, created = CaseFlag.objects.get_or_create(
        case=case, kind=kind, cleared_at=None, defaults={"note": note, "raised_by": actor}
    )
    if created:
        log_event(
            case=case, actor=actor, kind=CaseEvent.Kind.NOTE, summary=f"Flagged: {flag.get_kind_display()}"
        )
    return flag


def clear_flag(*, actor: User, case: Case, kind: str) -> None:
    cleared = CaseFlag.objects.filter(case=case, kind=kind, cleared_at=None).update(
        cleared_at=timezone.now(), cleared_by=actor
    )
    if cleared:
        label = CaseFlag.Kind(kind).label
        log_event(case=case, actor=actor, kind=CaseEvent.Kind.NOTE, summary=f"Flag cleared: {label}")


class CannotClose(Exception):
    """Something on the case must be settled before it can close; the message says what."""


def reasons_not_to_close(case: Case) -> list[str]:
    """A flag still up (a safeguarding concern nobody has decided on) keeps the case open until it is cleared."""
    return [
        f"{flag.get_kind_display()} raised on {flag.raised_at:%-d %B %Y} must be settled before the case can close."
        for flag in case.flags.filter(cleared_at=None)
    ]


@transaction.atomic
def move_to_stage(*, actor: User | None, case_id: int, stage: Stage, summary: str = "") -> Case:
    case = Case.objects.select_for_update().get(pk=case_id)
    if actor is not None:
        _require(actor, "cases.change_case", case)
    if case.stage == stage:
        return case
    if stage == Stage.CLOSED and (reasons := reasons_not_to_close(case)):
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
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.CLOSED if stage == Stage.CLOSED else CaseEvent.Kind.STAGE_CHANGED,
        summary=summary or f"Moved to {Stage(stage).label.lower()}",
        details={"from": previous, "to": stage},
    )
    return case


@transaction.atomic
def allocate(*, actor: User, case_id: int, worker: User | None) -> Case:
    case = Case.objects.select_for_update().get(pk=case_id)
    _require(actor, "cases.change_case", case)
    if case.allocated_worker_id == (worker.pk if worker else None):
        return case
    case.allocated_worker = worker
    case.save(update_fields=["allocated_worker"])
    summary = f"Allocated to {worker.display_name}" if worker else "Allocation removed"
    log_event(case=case, actor=actor, kind=CaseEvent.Kind.ALLOCATED, summary=summary)
    return case


def request_letter(
    *,
    actor: User | None,
    case: Case,
    letter_type: str,
    once: uuid.UUID | None = None,
    content: dict | None = None,
) -> Letter:
    """Queue a letter; asking again with the same `once` key returns the same letter, never a second one."""
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
    with transaction.atomic():
        letters = Letter.objects.bulk_create(
            Letter(case=case, letter_type=letter_type, requested_by=actor, content=content)
            for letter_type, content in wanted
        )
        for letter in letters:
            _send_to_worker(letter, actor=actor, summary="Letter requested")
    return letters


def _send_to_worker(letter: Letter, *, actor: User | None, summary: str) -> None:
    """Note the request on the timeline and have the worker render the letter once this transaction commits."""
    log_event(
        case=letter.case,
        actor=actor,
        kind=CaseEvent.Kind.LETTER_REQUESTED,
        summary=f"{summary}: {letter.get_letter_type_display()}",
        details={"letter": letter.pk},
    )
    transaction.on_commit(lambda: render_letter_task.delay(letter.pk))


@transaction.atomic
def retry_letter(*, actor: User, case: Case, letter_id: int) -> Letter:
    """Send a letter that failed for good back to the worker, after someone has fixed the cause."""
    _require(actor, "cases.change_case", case)
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
    _require(actor, "cases.change_person", for_person)
    relationship, created = Relationship.objects.get_or_create(
        person=supporter, for_person=for_person, kind=kind, defaults={"notes": notes}
    )
    if not created:
        raise AlreadyRelated
    note_on_open_cases(
        for_person,
        actor=actor,
        summary=f"{relationship.get_kind_display()} added: {supporter.full_name}",
        details={"relationship": relationship.pk},
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
    _require(actor, "cases.change_person", for_person)
    relationship.delete()
    note_on_open_cases(
        for_person,
        actor=actor,
        summary=f"{relationship.get_kind_display()} removed: {relationship.person.full_name}",
    )
