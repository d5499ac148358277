"""The statutory end of an assessment: the eligibility determination, the practitioner's sign-off (which locks
it and sends the letters), and a revision when something changes afterwards.

Permission, one transaction, a journey event, letters queued after commit, as every service here."""

from django.db import transaction
from django.utils import timezone

from assessment import eligibility, letters, selectors, services
from assessment.models import Answer, Assessment, DomainResponse, EligibilityDecision, OutcomeFinding
from assessment.summary import summaries
from cases import services as case_services
from cases.milestones import Milestone
from cases.models import LetterType, User
from cases.stages import Stage
from config.access import require
from contact import selectors as contact_selectors


class NotReady(Exception):
    """The assessment is not at the point this step needs; the message says what is missing."""


class DecisionChanged(Exception):
    """Someone recorded the decision since this form was opened."""


@transaction.atomic
def record_eligibility(
    *,
    actor: User,
    assessment_id: int,
    seen_version: int,
    findings: dict[str, tuple[list[str], str]],
    needs_from_condition: bool,
    carer_health_at_risk: bool | None,
    wellbeing_impact: bool,
    wellbeing_notes: str = "",
) -> EligibilityDecision:
    """Record the practitioner's findings on each outcome and each condition, and the decision the rules make
    of them. One decision per assessment, changed (never duplicated) until the assessment is signed off."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("case", "questionnaire")
        .get(pk=assessment_id)
    )
    require(actor, "assessment.decide_eligibility", assessment)
    if assessment.status != Assessment.Status.COMPLETED:
        raise NotReady(
            "Only a completed assessment that is not yet signed off can have its eligibility decided"
        )
    decision = EligibilityDecision.objects.filter(assessment=assessment).first()
    if (decision.version if decision else 0) != seen_version:
        raise DecisionChanged
    was_eligible = bool(decision and decision.eligible)
    found = eligibility.decide(
        for_carer=assessment.is_for_a_carer,
        findings={outcome: list(reasons) for outcome, (reasons, _notes) in findings.items()},
        needs_from_condition=needs_from_condition,
        carer_health_at_risk=carer_health_at_risk,
        wellbeing_impact=wellbeing_impact,
    )
    OutcomeFinding.objects.bulk_create(
        [
            OutcomeFinding(assessment=assessment, outcome=outcome, reasons=list(reasons), notes=notes)
            for outcome, (reasons, notes) in findings.items()
        ],
        update_conflicts=True,
        unique_fields=["assessment", "outcome"],
        update_fields=["reasons", "notes"],
    )
    values = {
        "needs_from_condition": needs_from_condition,
        "carer_health_at_risk": carer_health_at_risk if assessment.is_for_a_carer else None,
        "wellbeing_impact": wellbeing_impact,
        "wellbeing_notes": wellbeing_notes,
        "eligible": found.eligible,
        "explanation": found.explanation,
        "decided_at": timezone.now(),
        "decided_by": actor,
    }
    if decision is None:
        decision = EligibilityDecision.objects.create(assessment=assessment, **values)
    else:
        for field, value in values.items():
            setattr(decision, field, value)
        decision.version += 1
        decision.save()
    case_services.log_event(
        assessment.case,
        Milestone.ELIGIBILITY_DECIDED,
        actor,
        subject=decision,
        summary=f"Eligibility decided: {'eligible' if found.eligible else 'not eligible'}",
        assessment=assessment.pk,
        eligible=found.eligible,
        unable_outcomes=list(found.unable_outcomes),
        version=decision.version,
    )
    _follow_the_decision(actor, assessment, eligible=found.eligible, was_eligible=was_eligible)
    return decision


def _follow_the_decision(actor: User, assessment: Assessment, *, eligible: bool, was_eligible: bool) -> None:
    """Eligible needs go straight on to the indicative budget, on the same visit. Needs found not eligible stay
    at assessment until sign-off sends the decision letter and closes the case; a decision changed from
    eligible before sign-off takes the case back from the budget."""
    case = assessment.case
    if eligible and case.stage in (*services.AT_THE_FRONT_DOOR, Stage.ASSESSMENT):
        services.bring_to_assessment(actor=actor, case=case)
        case_services.move_to_stage(
            actor=actor,
            case_id=case.pk,
            stage=Stage.INDICATIVE_BUDGET,
            summary="Eligible: on to the indicative budget",
        )
    elif not eligible and was_eligible and case.stage == Stage.INDICATIVE_BUDGET:
        case_services.move_to_stage(
            actor=actor,
            case_id=case.pk,
            stage=Stage.ASSESSMENT,
            summary="Decision changed to not eligible: no indicative budget",
        )


@transaction.atomic
def sign_off(*, actor: User, assessment_id: int) -> Assessment:
    """Sign the assessment off: it is locked, the person is sent the assessment summary and the decision, and
    the case moves on (eligible: it went on to the indicative budget when the decision was made; not eligible:
    closed, unless something keeps it open). A second press finds it signed off already."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("case", "questionnaire")
        .get(pk=assessment_id)
    )
    require(actor, "assessment.decide_eligibility", assessment)
    if assessment.is_signed_off:
        return assessment
    decision = EligibilityDecision.objects.filter(assessment=assessment).first()
    if assessment.status != Assessment.Status.COMPLETED or decision is None:
        raise NotReady("Decide eligibility before signing the assessment off")
    assessment.status = Assessment.Status.SIGNED_OFF
    assessment.signed_off_at, assessment.signed_off_by = timezone.now(), actor
    assessment.save(update_fields=["status", "signed_off_at", "signed_off_by"])
    case = assessment.case
    structure = selectors.structure(assessment.questionnaire)
    read_back = summaries(structure, selectors.responses(assessment), selectors.answers(assessment))
    unable = eligibility.unable_outcomes({f.outcome: f.reasons for f in assessment.findings.all()})
    case_services.log_event(
        case,
        Milestone.ASSESSMENT_SIGNED_OFF,
        actor,
        subject=assessment,
        summary=f"{assessment.questionnaire.get_kind_display()} signed off",
        assessment=assessment.pk,
        eligible=decision.eligible,
    )
    case_services.request_letters(
        actor=actor,
        case=case,
        wanted=[
            (LetterType.ASSESSMENT_SUMMARY, letters.summary_content(assessment, read_back)),
            (
                LetterType.ELIGIBILITY_DECISION,
                letters.decision_content(
                    assessment,
                    decision,
                    unable_outcomes=unable,
                    signposts=contact_selectors.signposts_given(case),
                ),
            ),
        ],
    )
    _move_case_on(actor, assessment, eligible=decision.eligible)
    return assessment


def _move_case_on(actor: User, assessment: Assessment, *, eligible: bool) -> None:
    case = assessment.case
    if case.stage not in (*services.AT_THE_FRONT_DOOR, Stage.ASSESSMENT):
        return  # a reassessment of someone already further on leaves their case where it is
    if eligible:
        _follow_the_decision(actor, assessment, eligible=True, was_eligible=False)
        return
    # A flag still up keeps the case open; its timeline says why.
    case_services.close_unless_unsettled(
        actor=actor, case_id=case.pk, summary="Not eligible: closed with information and advice"
    )


@transaction.atomic
def revise(*, actor: User, assessment_id: int) -> Assessment:
    """A change after sign-off: a new revision, started from a copy of the signed-off one (same questionnaire
    version, same answers and words), which stays as it was. Asking twice gives the same revision."""
    signed = Assessment.objects.select_for_update(of=("self",)).select_related("case").get(pk=assessment_id)
    require(actor, "assessment.decide_eligibility", signed)
    if existing := Assessment.objects.filter(revision_of=signed).first():
        return existing
    if not signed.is_signed_off:
        raise NotReady("Only a signed-off assessment is revised; this one can still be changed as it is")
    if signed.case.assessments.in_progress().exists():
        raise NotReady("Another assessment on this case is in progress: finish that one first")
    copy = Assessment.objects.create(
        case=signed.case,
        questionnaire_id=signed.questionnaire_id,
        mode=signed.mode,
        contact_id=signed.contact_id,
        reason=signed.reason,
        what_matters=signed.what_matters,
        risks=signed.risks,
        started_by=actor,
        revision=signed.revision + 1,
        revision_of=signed,
    )
    DomainResponse.objects.bulk_create(
        DomainResponse(
            assessment=copy,
            domain_id=response.domain_id,
            has_needs=response.has_needs,
            person_words=response.person_words,
            practitioner_notes=response.practitioner_notes,
            carers_views=response.carers_views,
        )
        for response in signed.responses.all()
    )
    Answer.objects.bulk_create(
        Answer(assessment=copy, question_id=answer.question_id, option_id=answer.option_id)
        for answer in signed.answers.all()
    )
    case_services.log_event(
        signed.case,
        Milestone.ASSESSMENT_REVISION_STARTED,
        actor,
        subject=copy,
        summary=f"Assessment revision {copy.revision} started",
        assessment=copy.pk,
        revision_of=signed.pk,
        revision=copy.revision,
    )
    return copy
