"""The assessment screens for staff: start one (from a contact or a case), the overview with every domain, one
domain at a time on a visit (saved as it changes), the compact form an adviser fills in on the phone, and
completion."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import progress, selectors, services
from assessment.forms import AboutForm, DomainForm
from assessment.models import Assessment, Mode, QuestionnaireKind
from assessment.summary import domain_summary, summaries
from cases.access import get_case_for
from cases.roles import Role
from cases.stages import IllegalMove
from config.access import holds, requires
from config.requests import posted, seen_version
from contact import selectors as contact_selectors
from contact.models import Contact

DOMAIN_CONFLICT = (
    "Someone else saved this section while you were working on it. Their answers and yours are both shown "
    "below: check them, then save what is right."
)


def _mode_for(user) -> str:
    return Mode.PHONE if user.role == Role.ADVISER else Mode.VISIT


def _first_page(assessment: Assessment) -> str:
    if assessment.mode == Mode.PHONE:
        return reverse("assessment_phone", kwargs={"pk": assessment.pk})
    return assessment.get_absolute_url()


@requires("assessment.view_assessment")
@require_GET
def case_assessments(request, case_pk: int):
    """Every assessment on a case, and a way to start one."""
    case = get_case_for(request, case_pk, what="assessments")
    assessments = case.assessments.select_related("questionnaire", "started_by")
    return render(
        request,
        "assessment/case_assessments.html",
        {
            "case": case,
            "assessments": assessments,
            "can_start": holds(request.user, "assessment.assess")
            and case.is_open
            and not any(a.is_in_progress for a in assessments),
        },
    )


@requires("assessment.assess")
@require_http_methods(["GET", "POST"])
def assessment_new(request, case_pk: int):
    """Start the supported self-assessment, showing first what it carries over from the contact."""
    case = get_case_for(request, case_pk, "change", what="start an assessment")
    contact = _contact_named(request, case)
    if in_progress := case.assessments.in_progress().first():
        return redirect(_first_page(in_progress))
    if request.method == "POST":
        mode, kind = request.POST.get("mode", ""), request.POST.get("kind", "")
        try:
            assessment = services.start_assessment(
                actor=request.user,
                case=case,
                mode=mode if mode in Mode.values else _mode_for(request.user),
                contact=contact,
                kind=kind if kind in QuestionnaireKind.values else QuestionnaireKind.ADULT,
            )
        except services.NoQuestionnaire:
            messages.error(
                request, "No questionnaire has been published yet. Ask a council admin to publish one."
            )
            return redirect(case)
        except IllegalMove as refused:
            messages.error(request, f"{refused}, so no assessment was started.")
            return redirect(case)
        return redirect(_first_page(assessment))
    source = selectors.contact_to_build_on(case, contact)
    return render(
        request,
        "assessment/new.html",
        {
            "case": case,
            "person": case.person,
            "contact": source,
            "online": source and selectors.sent_online_with(source),
            "mode": _mode_for(request.user),
            "modes": Mode,
            "kinds": QuestionnaireKind.choices,
        },
    )


def _contact_named(request, case) -> Contact | None:
    wanted = request.POST.get("contact") or request.GET.get("contact", "")
    if not wanted.isdigit():
        return None
    return contact_selectors.contact_on(case, int(wanted))


def _carers(assessment: Assessment):
    return assessment.case.person.supported_by.select_related("person")


def _page_context(request, assessment: Assessment) -> dict:
    """What the overview and the check page show: every domain's progress, and what is carried over."""
    responses, answers = selectors.responses(assessment), selectors.answers(assessment)
    found = selectors.progress_of(assessment, found_responses=responses, found_answers=answers)
    return {
        "summaries": summaries(selectors.structure(assessment.questionnaire), responses, answers),
        "assessment": assessment,
        "case": assessment.case,
        "person": assessment.case.person,
        "progress": found,
        "rows": [(item, responses[item.domain.pk]) for item in found],
        "problems": progress.problems(found),
        "problem_links": [(f"#check-{domain.key}", problem) for domain, problem in progress.problems(found)],
        "explored": [item for item in found if item.has_needs],
        "closed": [item for item in found if item.has_needs is False],
        "total_points": sum(item.points for item in found),
        "can_change": holds(request.user, "assessment.assess", assessment) and assessment.is_in_progress,
        "can_decide": holds(request.user, "assessment.decide_eligibility", assessment),
        "decision": assessment.eligibility,
        "revised_by": Assessment.objects.filter(revision_of=assessment).first(),
        "carers": _carers(assessment),
    }


@requires("assessment.view_assessment")
@require_GET
def assessment_overview(request, pk: int):
    assessment = selectors.get_assessment_for(request, pk, what="assessment overview")
    context = _page_context(request, assessment)
    return render(request, "assessment/overview.html", context)


@requires("assessment.assess")
@require_POST
def assessment_complete(request, pk: int):
    assessment = selectors.get_assessment_for(request, pk, "change", what="assessment: complete")
    try:
        services.complete_assessment(actor=request.user, assessment_id=assessment.pk)
    except services.NotFinished:
        messages.error(request, "There is still something to answer: see the sections marked below.")
        return redirect(assessment)
    messages.success(request, f"Assessment {assessment.reference} completed")
    # The Care Act order: eligibility is decided next, on the same visit, and only eligible needs get a budget.
    if holds(request.user, "assessment.decide_eligibility", assessment):
        return redirect("assessment_eligibility", pk=assessment.pk)
    return redirect(assessment.get_absolute_url() + "#eligibility")


@requires("assessment.assess")
@require_http_methods(["GET", "POST"])
def assessment_about(request, pk: int):
    """What the contact centre was told, shown for the assessor to build on: never asked again."""
    assessment = _in_progress(request, pk, what="assessment: about the person")
    form = AboutForm(
        posted(request),
        initial={field: getattr(assessment, field) for field in ("reason", "what_matters", "risks")},
    )
    version = seen_version(request.POST, assessment.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_about(
                actor=request.user,
                assessment_id=assessment.pk,
                seen_version=version,
                details=form.cleaned_data,
            )
        except services.AboutConflict as conflict:
            form.add_error(
                None, "Someone else saved this section just now. Check what you typed and save again."
            )
            version = conflict.current.version
        else:
            return redirect(_first_page(assessment))
    return render(
        request,
        "assessment/about.html",
        {"assessment": assessment, "person": assessment.case.person, "form": form, "version": version},
    )


def _in_progress(request, pk: int, *, what: str) -> Assessment:
    assessment = selectors.get_assessment_for(request, pk, "change", what=what)
    if not assessment.is_in_progress:
        raise Http404
    return assessment


def _domain(assessment: Assessment, key: str):
    domain = selectors.domain_by_key(assessment, key)
    if domain is None:
        raise Http404
    return domain


def _save(request, assessment: Assessment, form: DomainForm, version: int):
    return services.save_domain(
        actor=request.user,
        assessment_id=assessment.pk,
        domain_id=form.domain.pk,
        seen_version=version,
        answers=form.domain_answers(),
    )


@requires("assessment.assess")
@require_http_methods(["GET", "POST"])
def assessment_domain(request, pk: int, key: str):
    """One domain on one screen, for a visit on a tablet: saved as it changes (htmx) or with the button. A
    save reads nothing it does not need: the saved answers are read only to show the page."""
    assessment = _in_progress(request, pk, what="assessment domain")
    domain = _domain(assessment, key)
    form, conflict = None, None
    if request.method == "POST":
        form, version = DomainForm(domain, request.POST), seen_version(request.POST, -1)
        if form.is_valid():
            try:
                response = _save(request, assessment, form, version)
            except services.DomainConflict as found:
                conflict, version = found.current, found.current.version
            else:
                if request.htmx:
                    context = {"response": response, "version": response.version}
                    return render(request, "assessment/domain.html#saved", context)
                return redirect(_after_domain(assessment, domain, request.POST.get("then")))
    # Showing the page: after bad input or a conflict, or to begin with (the saved answers, or what was sent
    # after the session ended, given back by `posted`).
    response = conflict or selectors.response_for(assessment, domain)
    answers = selectors.answers(assessment)
    if form is None:
        restored = posted(request)
        form = DomainForm(domain, restored, response=response, answers=answers)
        version = seen_version(restored, response.version)
    form.glossary = selectors.glossary(assessment.questionnaire)  # read only now: a save does not need it
    structure = selectors.structure(assessment.questionnaire)
    context = {
        "assessment": assessment,
        "person": assessment.case.person,
        "domain": domain,
        "form": form,
        "version": version,
        "response": response,
        "conflict": conflict,
        "theirs": conflict and domain_summary(domain, conflict, answers),
        "conflict_message": DOMAIN_CONFLICT,
        "position": [d.pk for d in structure].index(domain.pk) + 1,
        "count": len(structure),
        "next_domain": _next_domain(structure, domain),
    }
    template = "assessment/domain.html#domain-form" if request.htmx else "assessment/domain.html"
    response_out = render(request, template, context)
    if request.htmx and request.method == "POST":
        response_out["HX-Retarget"] = "#domain-form"
        response_out["HX-Reswap"] = "outerHTML"
    return response_out


def _next_domain(structure, domain):
    later = [d for d in structure if d.order > domain.order]
    return later[0] if later else None


def _after_domain(assessment: Assessment, domain, then: str | None) -> str:
    if then == "next" and (following := _next_domain(selectors.structure(assessment.questionnaire), domain)):
        return reverse("assessment_domain", kwargs={"pk": assessment.pk, "key": following.key})
    return assessment.get_absolute_url() + f"#domain-{domain.key}"


@requires("assessment.assess")
@require_POST
def assessment_no_needs(request, pk: int, key: str):
    """Close a domain with one tap from the overview: no needs here."""
    assessment = _in_progress(request, pk, what="assessment: no needs")
    domain = _domain(assessment, key)
    try:
        services.save_domain(
            actor=request.user,
            assessment_id=assessment.pk,
            domain_id=domain.pk,
            seen_version=seen_version(request.POST, -1),
            answers=services.DomainAnswers(has_needs=False),
        )
    except services.DomainConflict:
        messages.error(
            request, f"Someone else has just saved {domain.title.lower()}. Check it before closing it."
        )
        return redirect("assessment_domain", pk=assessment.pk, key=domain.key)
    if request.htmx:
        context = _page_context(request, assessment)
        return render(request, "assessment/overview.html#domains", context)
    return redirect(assessment.get_absolute_url() + f"#domain-{domain.key}")


@requires("assessment.assess")
@require_http_methods(["GET", "POST"])
def assessment_phone(request, pk: int):
    """Every domain on one page, for an adviser with the person on the phone: screening questions first, the
    detail revealed only where there are needs."""
    assessment = _in_progress(request, pk, what="assessment on the phone")
    structure = selectors.structure(assessment.questionnaire)
    responses = selectors.responses(assessment)
    glossary = selectors.glossary(assessment.questionnaire)
    answers = selectors.answers(assessment)
    data = posted(request)
    forms = [
        DomainForm(
            domain, data, prefix=domain.key, glossary=glossary, response=responses[domain.pk], answers=answers
        )
        for domain in structure
    ]
    conflicts = []
    if request.method == "POST" and all(form.is_valid() for form in forms):
        changed = [form for form in forms if form.has_changed()]
        saved, clashed = services.save_domains(
            actor=request.user,
            assessment_id=assessment.pk,
            saves={
                form.domain.pk: (
                    seen_version(request.POST, responses[form.domain.pk].version, f"{form.prefix}-version"),
                    form.domain_answers(),
                )
                for form in changed
            },
        )
        responses.update(saved)
        responses.update(clashed)
        if not clashed:
            if request.POST.get("then") == "complete":
                return redirect("assessment_check", pk=assessment.pk)
            messages.success(request, "Saved")
            return redirect("assessment_phone", pk=assessment.pk)
        saved_now = selectors.answers(assessment)
        conflicts = [form for form in changed if form.domain.pk in clashed]
        for form in conflicts:
            form.theirs = domain_summary(form.domain, clashed[form.domain.pk], saved_now)
    for form in forms:
        # Nothing saved (bad input): keep claiming the version the adviser's copy was based on.
        saved = responses[form.domain.pk].version
        form.saved_version = (
            seen_version(request.POST, saved, f"{form.prefix}-version") if form.errors else saved
        )
    return render(
        request,
        "assessment/phone.html",
        {
            "assessment": assessment,
            "person": assessment.case.person,
            "forms": forms,
            "conflict_links": [(f"#{form.prefix}", form.domain.title) for form in conflicts],
            "error_links": [link for form in forms for link in form.error_links()],
            "carers": _carers(assessment),
        },
    )


@requires("assessment.view_assessment")
@require_GET
def assessment_check(request, pk: int):
    """Check the answers before completing: what was explored, what was closed, and anything still missing."""
    assessment = selectors.get_assessment_for(request, pk, what="assessment: check answers")
    return render(request, "assessment/check.html", _page_context(request, assessment))
