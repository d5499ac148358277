"""Assessments in the situations tests need: started, with domains screened, answered."""

from assessment import selectors, services
from assessment.models import Assessment, Mode


def start(*, actor, case, mode=Mode.VISIT, contact=None) -> Assessment:
    return services.start_assessment(actor=actor, case=case, mode=mode, contact=contact)


def screen(assessment: Assessment, *, actor, needs: dict[str, bool]) -> None:
    """Answer the screening question of the domains named by key."""
    for domain in selectors.structure(assessment.questionnaire):
        if domain.key in needs:
            response = assessment.responses.get(domain=domain)
            services.save_domain(
                actor=actor,
                assessment_id=assessment.pk,
                domain_id=domain.pk,
                seen_version=response.version,
                answers=services.DomainAnswers(has_needs=needs[domain.key]),
            )


def answer_all(assessment: Assessment, *, actor, choose=lambda options: options[-1], needs_in=None) -> None:
    """Screen every domain (needs only in `needs_in`, all when None) and answer every question where there are
    needs with `choose(options)`."""
    for domain in selectors.structure(assessment.questionnaire):
        has_needs = needs_in is None or domain.key in needs_in
        response = assessment.responses.get(domain=domain)
        options = (
            {q.pk: choose(list(q.options.all())).pk for q in domain.questions.all()} if has_needs else {}
        )
        services.save_domain(
            actor=actor,
            assessment_id=assessment.pk,
            domain_id=domain.pk,
            seen_version=response.version,
            answers=services.DomainAnswers(has_needs=has_needs, options=options),
        )


def completed(*, actor, case, needs_in, kind="adult", choose=lambda options: options[-1]) -> Assessment:
    """An assessment with needs only in the areas named, every question there answered, and completed."""
    assessment = services.start_assessment(actor=actor, case=case, mode=Mode.VISIT, kind=kind)
    answer_all(assessment, actor=actor, choose=choose, needs_in=needs_in)
    return services.complete_assessment(actor=actor, assessment_id=assessment.pk)
