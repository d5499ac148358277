"""Reads for the assessment screens, each a fixed number of queries whatever the size of the questionnaire."""

from django.db.models import Prefetch
from django.http import Http404

from assessment import letters, outcomes, progress
from assessment.models import (
    Answer,
    Assessment,
    Domain,
    DomainResponse,
    EligibilityDecision,
    Question,
    Questionnaire,
)
from cases.access import ACTION_TO_AUDIT, check_case_permission
from cases.audit import record_access
from contact import selectors as contact_selectors

# Published questionnaires never change, so their structure is read once per process.
_published_structure: dict[int, list[Domain]] = {}


def structure(questionnaire: Questionnaire) -> list[Domain]:
    """The domains in order, each with its questions and their options."""
    if questionnaire.pk in _published_structure:
        return _published_structure[questionnaire.pk]
    domains = list(
        questionnaire.domains.prefetch_related(
            Prefetch("questions", queryset=Question.objects.prefetch_related("options"))
        )
    )
    if questionnaire.is_published:
        _published_structure[questionnaire.pk] = domains
    return domains


def glossary(questionnaire: Questionnaire) -> list:
    return list(questionnaire.glossary.all())


def assessment_in_force(case) -> Assessment | None:
    """The case's latest signed-off assessment with its eligibility decision: the one the person was told of in
    writing, and the one every later stage goes by. An assessment still in progress, or decided but not yet
    signed off (a revision under way, say), changes nothing until it is signed off."""
    return (
        Assessment.objects.filter(case=case, status=Assessment.Status.SIGNED_OFF, decision__isnull=False)
        .select_related("decision", "questionnaire")
        .order_by("-signed_off_at", "-pk")
        .first()
    )


def decision_in_force(case) -> EligibilityDecision | None:
    """The eligibility decision later stages go by (the budget, the financial assessment, the plan): that of
    `assessment_in_force`, or None while no assessment on the case has been signed off."""
    assessment = assessment_in_force(case)
    return assessment.decision if assessment else None


def assessment_with_case(pk: int) -> Assessment:
    return Assessment.objects.select_related(
        "case__person", "case__team", "questionnaire", "contact", "revision_of", "decision"
    ).get(pk=pk)


def responses(assessment: Assessment) -> dict[int, DomainResponse]:
    """Each domain's response, by domain id."""
    responses = DomainResponse.objects.filter(assessment=assessment).select_related("updated_by")
    return {response.domain_id: response for response in responses}


def response_for(assessment: Assessment, domain: Domain) -> DomainResponse:
    return DomainResponse.objects.select_related("updated_by").get(assessment=assessment, domain=domain)


def answers(assessment: Assessment) -> dict[int, object]:
    """The chosen option for each answered question, by question id."""
    return {
        answer.question_id: answer.option
        for answer in Answer.objects.filter(assessment=assessment).select_related("option")
    }


def progress_of(
    assessment: Assessment, found_responses: dict | None = None, found_answers: dict | None = None
) -> list[progress.DomainProgress]:
    found_responses = responses(assessment) if found_responses is None else found_responses
    found_answers = answers(assessment) if found_answers is None else found_answers
    screening = {domain_id: response.has_needs for domain_id, response in found_responses.items()}
    return progress.assessment_progress(structure(assessment.questionnaire), screening, found_answers)


def contact_to_build_on(case, contact=None):
    """The contact whose notes an assessment starts from: the one given, else the case's latest completed."""
    if contact is not None:
        return contact
    return contact_selectors.latest_completed(case)


def sent_online_with(contact) -> Assessment | None:
    """A self-assessment the person finished online and sent us with this contact, not yet on a case."""
    return Assessment.objects.filter(contact=contact, case__isnull=True, submitted_at__isnull=False).first()


def domain_by_key(assessment: Assessment, key: str) -> Domain | None:
    return next((domain for domain in structure(assessment.questionnaire) if domain.key == key), None)


def decisions_on(case) -> list[Assessment]:
    """The case's signed-off assessments with their eligibility decision (`decision`), newest first: every
    decision made about the person on this case, with `told`: the decision as their letter tells it."""
    decided = list(
        Assessment.objects.filter(case=case, status=Assessment.Status.SIGNED_OFF, decision__isnull=False)
        .select_related("decision", "questionnaire")
        .prefetch_related("findings")
        .order_by("-signed_off_at", "-pk")
    )
    for assessment in decided:
        assessment.told = letters.decision_told_to_the_person(assessment)
    return decided


def get_assessment_for(request, pk: int, action: str = "view", *, what: str = "assessment") -> Assessment:
    """The one way an assessment on a case is loaded for a request, by any stage: the case's permission checked,
    the read or change audited on the person's record; 404 for a citizen's own self-assessment not sent to us."""
    try:
        assessment = assessment_with_case(pk)
    except Assessment.DoesNotExist as missing:
        raise Http404 from missing
    case = assessment.case
    if case is None:
        raise Http404
    check_case_permission(request, case, action, what=what)
    record_access(request, action=ACTION_TO_AUDIT[action], case=case, what=what)
    return assessment


def outcome_label(key: str) -> str:
    """A Care Act outcome's words (assessment.outcomes), for the later stages that show it."""
    return outcomes.outcome_label(key)


def needs_found(assessment: Assessment) -> list[DomainResponse]:
    """The areas of life where the assessment found needs, in the questionnaire's order, each with its domain and
    the person's own words: the assessment in brief, for whoever decides on what follows from it (sign-off)."""
    return list(
        DomainResponse.objects.filter(assessment=assessment, has_needs=True)
        .select_related("domain")
        .order_by("domain__order")
    )
