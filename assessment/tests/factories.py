"""Assessments in the situations tests need: started, with domains screened, answered."""

from assessment import demo, selectors, services, signing_off
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


# The eligibility form filled in for an adult unable to achieve two outcomes, with a significant impact on wellbeing.
ELIGIBLE_FORM = {
    "needs_from_condition": "yes",
    "wellbeing_impact": "yes",
    "wellbeing_notes": "Not washing has left her ashamed to see friends",
    "reasons_hygiene": ["without_assistance"],
    "reasons_nutrition": ["takes_longer"],
    "version": 0,
}
NOT_ELIGIBLE_FORM = {**ELIGIBLE_FORM, "reasons_nutrition": []}


def decided(assessment: Assessment, *, actor, eligible: bool = True, sign_off: bool = False) -> Assessment:
    """Record the eligibility decision on a completed assessment (as the demo does: unable to achieve two
    outcomes, or one); signed off too when asked."""
    demo.decide(assessment, actor, eligible=eligible, sign_off=sign_off)
    return Assessment.objects.select_related("case", "decision").get(pk=assessment.pk)


def revised(assessment: Assessment, *, actor) -> Assessment:
    """A revision of a signed-off assessment, started from a copy of it (still in progress)."""
    return signing_off.revise(actor=actor, assessment_id=assessment.pk)


def complete(assessment: Assessment, *, actor) -> Assessment:
    return services.complete_assessment(actor=actor, assessment_id=assessment.pk)
