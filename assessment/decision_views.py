"""The statutory end of an assessment: decide eligibility, sign off, revise after sign-off and see what a
revision changed."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import eligibility, selectors, signing_off
from assessment.changes import changes_between
from assessment.decision_forms import EligibilityForm, initial_from
from assessment.models import Assessment, EligibilityDecision
from assessment.outcomes import ADULT_OUTCOMES, CARER_OUTCOMES
from assessment.summary import summaries
from cases.stages import IllegalMove
from config.access import requires
from config.requests import posted, seen_version


def _outcomes_in_order(assessment: Assessment, read_back) -> tuple[list[tuple[str, str]], dict[str, list]]:
    """Every outcome for this kind of assessment, those the answers point to first; and, for each of those,
    the areas (with the person's words) that point to it."""
    all_outcomes = CARER_OUTCOMES if assessment.is_for_a_carer else ADULT_OUTCOMES
    with_needs = [summary for summary in read_back if summary.has_needs]
    suggested = eligibility.suggested_outcomes([summary.domain for summary in with_needs])
    evidence = {key: [s for s in with_needs if key in s.domain.outcomes] for key in suggested}
    ordered = [key for key in suggested if key in all_outcomes] + [
        k for k in all_outcomes if k not in suggested
    ]
    return [(key, all_outcomes[key]) for key in ordered], evidence


def _after_the_decision(assessment: Assessment, decision: EligibilityDecision) -> HttpResponseRedirect:
    """Eligible needs go straight on to the indicative budget, worked out at once: the next stage's "work out"
    URL (reached by name, never by import) is asked with this same POST (a 307 keeps the method), records the
    figure and shows its page, so deciding is still one tap. Otherwise back to the assessment, to sign it off and
    send the decision letter."""
    if decision.eligible and not assessment.is_for_a_carer:
        onward = HttpResponseRedirect(
            reverse("work_out_indicative_budget", kwargs={"assessment_pk": assessment.pk})
        )
        onward.status_code = 307
        return onward
    return redirect(assessment.get_absolute_url() + "#eligibility")


@requires("assessment.decide_eligibility")
@require_http_methods(["GET", "POST"])
def assessment_eligibility(request, pk: int):
    assessment = selectors.get_assessment_for(request, pk, "change", what="assessment: eligibility")
    if assessment.status != Assessment.Status.COMPLETED:
        raise Http404
    read_back = summaries(
        selectors.structure(assessment.questionnaire),
        selectors.responses(assessment),
        selectors.answers(assessment),
    )
    outcomes, evidence = _outcomes_in_order(assessment, read_back)
    decision = EligibilityDecision.objects.filter(assessment=assessment).first()
    form = EligibilityForm(
        posted(request),
        outcomes=outcomes,
        for_carer=assessment.is_for_a_carer,
        initial=initial_from(decision, assessment.findings.all()),
    )
    version = seen_version(request.POST, decision.version if decision else 0)
    if request.method == "POST" and form.is_valid():
        try:
            decision = signing_off.record_eligibility(
                actor=request.user,
                assessment_id=assessment.pk,
                seen_version=version,
                findings=form.findings(),
                needs_from_condition=form.cleaned_data["needs_from_condition"],
                carer_health_at_risk=form.cleaned_data.get("carer_health_at_risk"),
                wellbeing_impact=form.cleaned_data["wellbeing_impact"],
                wellbeing_notes=form.cleaned_data["wellbeing_notes"],
            )
        except signing_off.DecisionChanged:
            form.add_error(
                None, "Someone else recorded the decision just now. Check it below, then save again."
            )
            version = EligibilityDecision.objects.get(assessment=assessment).version
        except IllegalMove as refused:
            form.add_error(None, f"{refused}. Nothing was saved.")
        else:
            return _after_the_decision(assessment, decision)
    rows = [
        (key, label, reasons, notes, evidence.get(key, []))
        for key, label, reasons, notes in form.outcome_rows
    ]
    return render(
        request,
        "assessment/eligibility.html",
        {
            "assessment": assessment,
            "person": assessment.case.person,
            "form": form,
            "rows": rows,
            "version": version,
            "error_links": [("#eligibility-form", error) for error in form.non_field_errors()]
            + form.error_links(),
        },
    )


@requires("assessment.decide_eligibility")
@require_POST
def assessment_sign_off(request, pk: int):
    assessment = selectors.get_assessment_for(request, pk, "change", what="assessment: sign off")
    try:
        signing_off.sign_off(actor=request.user, assessment_id=assessment.pk)
    except (signing_off.NotReady, IllegalMove) as not_ready:
        messages.error(request, str(not_ready))
    else:
        messages.success(
            request, f"Assessment {assessment.reference} signed off. The letters are being prepared."
        )
    return redirect(assessment)


@requires("assessment.decide_eligibility")
@require_POST
def assessment_revise(request, pk: int):
    assessment = selectors.get_assessment_for(request, pk, "change", what="assessment: revise")
    try:
        revision = signing_off.revise(actor=request.user, assessment_id=assessment.pk)
    except (signing_off.NotReady, IllegalMove) as not_ready:
        messages.error(request, str(not_ready))
        return redirect(assessment)
    return redirect(revision)


@requires("assessment.view_assessment")
@require_GET
def assessment_changes(request, pk: int):
    """What this revision changed from the one before it."""
    assessment = selectors.get_assessment_for(request, pk, what="assessment: changes")
    if assessment.revision_of_id is None:
        raise Http404
    earlier = assessment.revision_of
    structure = selectors.structure(assessment.questionnaire)
    before = summaries(structure, selectors.responses(earlier), selectors.answers(earlier))
    after = summaries(structure, selectors.responses(assessment), selectors.answers(assessment))
    return render(
        request,
        "assessment/changes.html",
        {
            "assessment": assessment,
            "earlier": earlier,
            "person": assessment.case.person,
            "changes": changes_between(before, after),
        },
    )
