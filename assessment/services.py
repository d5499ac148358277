"""Every change to an assessment goes through these functions: permission, one transaction, the case record
extended. Each domain has its own version, so two people working on different domains never collide, and two
people saving the same domain never silently overwrite each other."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessment import progress, selectors
from assessment.models import Answer, Assessment, DomainResponse, Mode, Questionnaire, QuestionnaireKind
from cases import services as case_services
from cases.milestones import Milestone
from cases.models import Case, User
from cases.stages import Stage
from config.access import require
from contact import services as contact_services
from contact.models import Contact


class NoQuestionnaire(Exception):
    """No questionnaire of that kind has been published yet."""


class AssessmentClosed(Exception):
    """The assessment is completed: it can be read, not changed."""


class NotFinished(Exception):
    """Something is still unanswered; `problems` says what, domain by domain."""

    def __init__(self, problems: list[tuple[object, str]]):
        super().__init__(problems)
        self.problems = problems


@dataclass
class DomainConflict(Exception):
    """Someone else saved this domain after this edit began: `current` is what they saved."""

    current: DomainResponse

    def __str__(self) -> str:
        return f"domain {self.current.domain_id} is at version {self.current.version}"


@dataclass
class AboutConflict(Exception):
    current: Assessment


AT_THE_FRONT_DOOR = (Stage.CONTACT, Stage.REABLEMENT)


def bring_to_assessment(*, actor: User, case: Case) -> Case:
    """A case still at the front door moves to assessment once an assessment is under way; a reassessment of
    someone already further on leaves their case where it is."""
    if case.stage in AT_THE_FRONT_DOOR:
        moved = case_services.move_to_stage(actor=actor, case_id=case.pk, stage=Stage.ASSESSMENT)
        case.stage, case.stage_changed_at = moved.stage, moved.stage_changed_at
    return case


def _new_assessment(questionnaire: Questionnaire, **fields) -> Assessment:
    """An assessment on `questionnaire` with a blank response for each of its areas (saves then only update)."""
    assessment = Assessment.objects.create(questionnaire=questionnaire, **fields)
    DomainResponse.objects.bulk_create(
        DomainResponse(assessment=assessment, domain=domain) for domain in questionnaire.domains.all()
    )
    return assessment


@transaction.atomic
def start_assessment(
    *,
    actor: User,
    case: Case,
    mode: str,
    contact: Contact | None = None,
    kind: str = QuestionnaireKind.ADULT,
) -> Assessment:
    """Start on the current questionnaire, carrying over what the contact centre was told; a case with an
    assessment already in progress gets that one back (a double click starts one, not two)."""
    require(actor, "assessment.assess")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if existing := case.assessments.in_progress().first():
        return existing
    questionnaire = Questionnaire.objects.current(kind)
    if questionnaire is None:
        raise NoQuestionnaire(kind)
    bring_to_assessment(actor=actor, case=case)
    source = selectors.contact_to_build_on(case, contact)
    if source is not None and (online := selectors.sent_online_with(source)):
        return _attach(online, case=case, actor=actor)
    assessment = _new_assessment(
        questionnaire,
        case=case,
        mode=mode,
        contact=source,
        reason=source.reason if source else "",
        what_matters=source.what_matters if source else "",
        risks=source.risks if source else "",
        started_by=actor,
    )
    summary = f"{questionnaire.get_kind_display()} started ({Mode(mode).label.lower()})"
    case_services.log_event(
        case,
        Milestone.ASSESSMENT_STARTED,
        actor,
        subject=assessment,
        summary=summary,
        assessment=assessment.pk,
        questionnaire=questionnaire.kind,
        questionnaire_version=questionnaire.version,
        mode=mode,
    )
    return assessment


def _attach(assessment: Assessment, *, case: Case, actor: User) -> Assessment:
    """A self-assessment the person sent us online joins their case: built on, never asked again."""
    assessment.case = case
    assessment.save(update_fields=["case"])
    case_services.log_event(
        case,
        Milestone.SELF_ASSESSMENT_ADDED,
        actor,
        subject=assessment,
        summary=f"Self-assessment {assessment.reference}, sent online, added to the case",
        assessment=assessment.pk,
    )
    return assessment


@transaction.atomic
def start_own_assessment(*, actor: User) -> Assessment:
    """A citizen's own self-assessment online, on no case until they choose to send it; one at a time."""
    require(actor, "assessment.self_assess")
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if existing := Assessment.objects.in_progress().filter(owner=actor, case__isnull=True).first():
        return existing
    questionnaire = Questionnaire.objects.current(QuestionnaireKind.ADULT)
    if questionnaire is None:
        raise NoQuestionnaire(QuestionnaireKind.ADULT)
    return _new_assessment(questionnaire, mode=Mode.CITIZEN, owner=actor, started_by=actor)


@transaction.atomic
def send_to_council(*, actor: User, assessment_id: int, details: dict) -> Assessment:
    """The person chooses to send their completed self-assessment to us: the front door receives it as an online
    contact on the advisers' queue (`contact.services.receive_self_assessment`), with the details they gave to
    find or add them (their form's cleaned data), acknowledged by email. Once."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment_id)
    require(actor, "assessment.self_assess", assessment)
    if assessment.submitted_at is not None or assessment.status != Assessment.Status.COMPLETED:
        return assessment
    contact = contact_services.receive_self_assessment(
        sender=actor, reference=assessment.reference, details=details
    )
    assessment.contact, assessment.submitted_at = contact, timezone.now()
    assessment.save(update_fields=["contact", "submitted_at"])
    return assessment


def _open_for_change(actor: User, assessment_id: int) -> Assessment:
    assessment = Assessment.objects.select_related("case").get(pk=assessment_id)
    require(actor, "assessment.change_assessment", assessment)
    if not assessment.is_in_progress:
        raise AssessmentClosed
    return assessment


@transaction.atomic
def save_about(*, actor: User, assessment_id: int, seen_version: int, details: dict) -> Assessment:
    """The reason, what matters and risks, as carried over from the contact and refined with the person."""
    assessment = _open_for_change(actor, assessment_id)
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.version != seen_version:
        raise AboutConflict(locked)
    fields = [field for field in ("reason", "what_matters", "risks") if field in details]
    for field in fields:
        setattr(locked, field, details[field])
    locked.version += 1
    locked.save(update_fields=[*fields, "version"])
    return locked


@dataclass(frozen=True)
class DomainAnswers:
    """What one save of a domain carries; None leaves a part as it was (a partial autosave)."""

    has_needs: bool | None = None
    options: dict | None = None  # question id -> option id, already checked to belong together
    person_words: str | None = None
    practitioner_notes: str | None = None
    carers_views: str | None = None


TEXT_PARTS = ("person_words", "practitioner_notes", "carers_views")


def save_domain(
    *, actor: User, assessment_id: int, domain_id: int, seen_version: int, answers: DomainAnswers
) -> DomainResponse:
    """Save one domain; raise DomainConflict (changing nothing) when someone else saved it since
    `seen_version`."""
    saved, conflicts = save_domains(
        actor=actor, assessment_id=assessment_id, saves={domain_id: (seen_version, answers)}
    )
    if conflicts:
        raise DomainConflict(conflicts[domain_id])
    return saved[domain_id]


@transaction.atomic
def save_domains(
    *, actor: User, assessment_id: int, saves: dict[int, tuple[int, DomainAnswers]]
) -> tuple[dict[int, DomainResponse], dict[int, DomainResponse]]:
    """Save several domains (domain id -> (the version the edit began from, the answers)) in a fixed number of
    queries, however many domains and questions. Returns (saved, conflicts) by domain id: a domain someone else
    saved since its version is left as they saved it, and returned as a conflict for the person to compare."""
    assessment = _open_for_change(actor, assessment_id)
    found = DomainResponse.objects.select_for_update().filter(
        assessment=assessment, domain_id__in=list(saves)
    )
    saved, conflicts, chosen = {}, {}, {}
    now = timezone.now()
    for response in found:
        seen_version, answers = saves[response.domain_id]
        # Your own later save (an autosave still on its way when you pressed the button) is not someone else's.
        if response.version != seen_version and response.updated_by_id != actor.pk:
            conflicts[response.domain_id] = response
            continue
        if answers.has_needs is not None:
            response.has_needs = answers.has_needs
        for part in TEXT_PARTS:
            if (value := getattr(answers, part)) is not None:
                setattr(response, part, value)
        chosen.update(answers.options or {})
        response.version += 1
        response.updated_at, response.updated_by = now, actor
        saved[response.domain_id] = response
    if chosen:
        Answer.objects.bulk_create(
            [
                Answer(assessment=assessment, question_id=question, option_id=option, answered_at=now)
                for question, option in chosen.items()
            ],
            update_conflicts=True,
            unique_fields=["assessment", "question"],
            update_fields=["option", "answered_at"],
        )
    if saved:
        DomainResponse.objects.bulk_update(
            saved.values(), ["has_needs", *TEXT_PARTS, "version", "updated_at", "updated_by"]
        )
    return saved, conflicts


@transaction.atomic
def complete_assessment(*, actor: User, assessment_id: int) -> Assessment:
    """Finish the questionnaire once every domain is screened out or fully answered; a second press is a no-op."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",)).select_related("case").get(pk=assessment_id)
    )
    require(actor, "assessment.change_assessment", assessment)
    if not assessment.is_in_progress:
        return assessment
    found = selectors.progress_of(assessment)
    if missing := progress.problems(found):
        raise NotFinished(missing)
    assessment.status = Assessment.Status.COMPLETED
    assessment.completed_at, assessment.completed_by = timezone.now(), actor
    assessment.save(update_fields=["status", "completed_at", "completed_by"])
    explored = [item.domain.title for item in found if item.has_needs]
    if assessment.case is None:
        return assessment  # a citizen's own: on no case until they send it to us
    case_services.log_event(
        assessment.case,
        Milestone.ASSESSMENT_COMPLETED,
        actor,
        subject=assessment,
        summary=f"{assessment.questionnaire.get_kind_display()} completed: "
        f"needs in {len(explored)} of {len(found)} areas",
        assessment=assessment.pk,
        explored=explored,
        points=progress.points_by_domain(found),
    )
    return assessment


class CannotReassess(Exception):
    """A reassessment cannot start now; the message says why."""


def reassess(*, actor: User, case: Case) -> Assessment:
    """A reassessment when a review finds the person's needs have changed: a revision of the assessment in force,
    started from its answers and the person's words (nothing asked again), as a change after sign-off is."""
    from assessment import signing_off  # it builds on this module, so it is imported when needed

    in_force = selectors.assessment_in_force(case)
    if in_force is None:
        raise CannotReassess("There is no signed-off assessment to start a reassessment from")
    try:
        return signing_off.revise(actor=actor, assessment_id=in_force.pk)
    except signing_off.NotReady as refusal:
        raise CannotReassess(str(refusal)) from refusal
