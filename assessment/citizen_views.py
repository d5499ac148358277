"""The self-assessment online, for citizens with an account: one question per page, saved as they go so they can
leave and come back, check their answers, a reference at the end; then keep it for themselves (a self-funder
need not become a council case) or send it to us."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import progress, selectors, services
from assessment.forms import DomainForm
from assessment.models import Assessment
from assessment.summary import summaries
from cases.audit import record_access
from cases.models import AccessEvent
from cases.public_forms import PersonDetailsForm
from config.access import holds, public, requires
from config.forms import error_links
from config.requests import posted


def _own(request, pk: int, *, what: str) -> Assessment:
    """The signed-in citizen's own assessment; anyone else's does not exist, as far as they can tell."""
    assessment = Assessment.objects.select_related("questionnaire").filter(pk=pk, owner=request.user).first()
    if assessment is None:
        raise Http404
    record_access(request, action=AccessEvent.Action.VIEW, what=f"own self-assessment: {what}")
    return assessment


@public
@require_GET
def self_assessment(request):
    """What the self-assessment is, and the way in: start, carry on, or see what you did before."""
    mine = (
        Assessment.objects.filter(owner=request.user).select_related("questionnaire").order_by("-started_at")
        if holds(request.user, "assessment.self_assess")
        else []
    )
    return render(request, "assessment/citizen/start.html", {"mine": mine})


@requires("assessment.self_assess")
@require_POST
def self_assessment_begin(request):
    try:
        assessment = services.start_own_assessment(actor=request.user)
    except services.NoQuestionnaire:
        messages.error(request, "The self-assessment is not available just now. Please call us instead.")
        return redirect("self_assessment")
    return redirect(_resume_url(assessment))


def _pages(assessment: Assessment, responses=None) -> list:
    responses = selectors.responses(assessment) if responses is None else responses
    screening = {domain_id: response.has_needs for domain_id, response in responses.items()}
    return progress.one_question_pages(selectors.structure(assessment.questionnaire), screening)


def _page_url(assessment: Assessment, page) -> str:
    domain, step = page
    return reverse("self_assessment_page", kwargs={"pk": assessment.pk, "key": domain.key, "step": step})


def _resume_url(assessment: Assessment) -> str:
    """The first page not yet answered; the check page when all are."""
    found = selectors.progress_of(assessment)
    for item in found:
        if not item.is_finished:
            return _page_url(assessment, (item.domain, progress.NEEDS_PAGE))
    return reverse("self_assessment_check", kwargs={"pk": assessment.pk})


@requires("assessment.self_assess")
@require_GET
def self_assessment_overview(request, pk: int):
    """Every area and how far you have got: where you come back to."""
    assessment = _own(request, pk, what="overview")
    found = selectors.progress_of(assessment)
    return render(
        request,
        "assessment/citizen/overview.html",
        {"assessment": assessment, "progress": found, "finished": not progress.problems(found)},
    )


def _field_for(step: str, domain):
    if step == progress.NEEDS_PAGE:
        return "has_needs", f"Select yes if you need help with {domain.title.lower()}"
    if step == progress.WORDS_PAGE:
        return "person_words", None
    question = next((q for q in domain.questions.all() if progress.question_page(q) == step), None)
    if question is None:
        raise Http404
    return f"q_{question.key}", "Select the answer that fits you best"


@requires("assessment.self_assess")
@require_http_methods(["GET", "POST"])
def self_assessment_page(request, pk: int, key: str, step: str):
    """One question on its own page; the answer is saved before the next page, so nothing is lost."""
    assessment = _own(request, pk, what="question")
    if not assessment.is_in_progress:
        return redirect("self_assessment_done", pk=assessment.pk)
    domain = selectors.domain_by_key(assessment, key)
    if domain is None:
        raise Http404
    field, required = _field_for(step, domain)
    responses = selectors.responses(assessment)
    response = responses[domain.pk]
    form = DomainForm(
        domain,
        posted(request),
        glossary=selectors.glossary(assessment.questionnaire),
        response=response,
        answers=selectors.answers(assessment),
    )
    if request.method == "POST" and form.is_valid():
        if required and not form.cleaned_data.get(field):
            form.add_error(field, required)
        else:
            saved = services.save_domain(
                actor=request.user,
                assessment_id=assessment.pk,
                domain_id=domain.pk,
                seen_version=response.version,
                answers=form.domain_answers(),
            )
            responses[domain.pk] = saved
            return redirect(_next_url(assessment, responses, (domain, step), request.POST.get("then")))
    pages = _pages(assessment, responses)
    here = next((i for i, (d, s) in enumerate(pages) if d.pk == domain.pk and s == step), None)
    if here is None:
        raise Http404
    structure = selectors.structure(assessment.questionnaire)
    question_row = next((row for row in form.question_rows if row[1].name == field), None)
    return render(
        request,
        "assessment/citizen/question.html",
        {
            "assessment": assessment,
            "domain": domain,
            "form": form,
            "field": form[field],
            "step": step,
            "question_row": question_row,
            "area_number": [d.pk for d in structure].index(domain.pk) + 1,
            "area_count": len(structure),
            "back_url": _page_url(assessment, pages[here - 1])
            if here
            else reverse("self_assessment_overview", args=[pk]),
            "error_links": error_links(form),
        },
    )


def _next_url(assessment: Assessment, responses: dict, page, then: str | None) -> str:
    if then == "later":
        return reverse("self_assessment_overview", kwargs={"pk": assessment.pk})
    pages = _pages(assessment, responses)
    domain, step = page
    here = next(i for i, (d, s) in enumerate(pages) if d.pk == domain.pk and s == step)
    if here + 1 < len(pages):
        return _page_url(assessment, pages[here + 1])
    return reverse("self_assessment_check", kwargs={"pk": assessment.pk})


@requires("assessment.self_assess")
@require_http_methods(["GET", "POST"])
def self_assessment_check(request, pk: int):
    assessment = _own(request, pk, what="check answers")
    if request.method == "POST":
        try:
            services.complete_assessment(actor=request.user, assessment_id=assessment.pk)
        except services.NotFinished:
            messages.error(request, "There is still a question to answer: see the areas marked below.")
            return redirect("self_assessment_overview", pk=assessment.pk)
        return redirect("self_assessment_done", pk=assessment.pk)
    structure = selectors.structure(assessment.questionnaire)
    responses, answers = selectors.responses(assessment), selectors.answers(assessment)
    found = selectors.progress_of(assessment, found_responses=responses, found_answers=answers)
    return render(
        request,
        "assessment/citizen/check.html",
        {
            "assessment": assessment,
            "summaries": summaries(structure, responses, answers),
            "problems": progress.problems(found),
        },
    )


@requires("assessment.self_assess")
@require_GET
def self_assessment_done(request, pk: int):
    """The reference, what the answers say, and the choice: keep it, or send it to us."""
    assessment = _own(request, pk, what="confirmation")
    if assessment.is_in_progress:
        return redirect(_resume_url(assessment))
    structure = selectors.structure(assessment.questionnaire)
    read_back = summaries(structure, selectors.responses(assessment), selectors.answers(assessment))
    return render(
        request,
        "assessment/citizen/done.html",
        {
            "assessment": assessment,
            "explored": [summary for summary in read_back if summary.has_needs],
            "closed": [summary for summary in read_back if summary.has_needs is False],
            "area_count": len(read_back),
        },
    )


@requires("assessment.self_assess")
@require_http_methods(["GET", "POST"])
def self_assessment_send(request, pk: int):
    """Send the finished self-assessment to the council, with the details we need to find or add the person."""
    assessment = _own(request, pk, what="send to the council")
    if assessment.is_in_progress or assessment.submitted_at:
        return redirect("self_assessment_done", pk=assessment.pk)
    form = PersonDetailsForm(
        posted(request),
        about_self=True,
        button="Send it to the council",
        initial={"email": request.user.email},
    )
    if request.method == "POST" and form.is_valid():
        services.send_to_council(actor=request.user, assessment_id=assessment.pk, details=form.cleaned_data)
        messages.success(request, "Sent. We will be in touch within 5 working days.")
        return redirect("self_assessment_done", pk=assessment.pk)
    return render(request, "assessment/citizen/send.html", {"assessment": assessment, "form": form})
