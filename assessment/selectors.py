"""Reads for the assessment screens, each a fixed number of queries whatever the size of the questionnaire."""

from django.db.models import Prefetch

from assessment import letters, progress
from assessment.models import (
    Answer,
    Assessment,
    Domain,
    DomainResponse,
    EligibilityDecision,
    Question,
    Questionnaire,
)
from contact.models import Contact

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


def latest_decision(case) -> EligibilityDecision | None:
    """The eligibility decision on the case's most recent decided assessment: what later stages (the budget,
    the financial assessment) go by."""
    return (
        EligibilityDecision.objects.filter(assessment__case=case)
        .order_by("-assessment__started_at", "-decided_at")
        .first()
    )


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
    return case.contacts.filter(status=Contact.Status.COMPLETED).order_by("-completed_at").first()


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
