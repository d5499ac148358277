"""Screens of the shared case record: home pages by role, people, cases, letters and the audit trail."""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from cases import selectors, services
from cases.access import get_case_for, get_person_for
from cases.audit import record_access
from cases.forms import PersonForm, RelationshipForm
from cases.models import AccessEvent, Letter, LetterType, RelationshipKind
from cases.roles import Role
from cases.stages import Stage
from cases.submissions import AlreadySubmitted, earlier_result, fresh_token, parse_token
from config.access import holds, public, requires, signed_in
from config.pagination import page_of, pagination
from config.requests import safe_next, seen_version, with_query

# Roles whose home page is another role's.
HOME_TEMPLATE = {Role.SERVICE_MANAGER: Role.HEAD_OF_SERVICE}


@public
@require_GET
def home(request):
    user = request.user
    if not user.is_authenticated:
        return render(request, "cases/start.html")
    context = {"role": user.role}
    if user.is_citizen:
        context["cases"] = user.person.cases.with_overview() if user.person else []
    elif holds(user, "cases.view_caseload"):
        context["caseload"] = selectors.caseload_for(user)[:10]
        context["newly_allocated"] = selectors.newly_allocated_to(user)[:10]
        context["plan_decisions"] = selectors.plan_decisions_for(user)[:10]
        context["queue"] = selectors.team_queue(user.team)[:10]
    elif holds(user, "cases.view_team_queue"):
        context["queue"] = selectors.team_queue(user.team)[:10]
    if holds(user, "cases.allocate_case"):
        context["enquiries"] = selectors.open_enquiries_for(user)[:20]
    elif holds(user, "ras.assess_finances"):
        context["queue"] = selectors.cases_at(Stage.INDICATIVE_BUDGET)[:20]
    # A team manager also keeps records, so their caseload and queue come from above.
    if holds(user, "cases.view_team_queue"):
        context["stage_counts"] = selectors.stage_counts()
    return render(request, f"cases/home/{HOME_TEMPLATE.get(user.role, user.role)}.html", context)


@public
@require_GET
def signed_out(request):
    return render(request, "registration/signed_out.html")


@signed_in
@require_POST
def keep_alive(request):
    """Called by the session-timeout warning's 'Stay signed in' button; saving the session extends it."""
    request.session["kept_alive"] = True
    if request.htmx or request.headers.get("Accept") == "application/json":
        return JsonResponse({"ok": True})
    return redirect(request.POST.get("next") or "home")


@public
@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@public
@require_GET
def baseline(request):
    """The bare page benchmarks compare against: the base template and nothing else."""
    return render(request, "baseline.html")


@requires("cases.find_person")
@require_GET
def person_search(request):
    # Postgres text holds no NUL characters; nobody types one, but a pasted or crafted query can carry one.
    query = request.GET.get("q", "").replace("\x00", "").strip()
    found = selectors.find_people(query) if query else None
    if found:
        selectors.with_open_cases(found.people)
        record_access(
            request,
            action=AccessEvent.Action.VIEW,
            what=f"search for ‘{query}’ ({len(found.matches)}{'+' if found.more else ''} found)",
        )
    return render(request, "cases/person_search.html", {"query": query, "found": found})


@requires("cases.change_person")
@require_http_methods(["GET", "POST"])
def person_new(request):
    form = PersonForm(request.POST or None)
    duplicates = []
    if request.method == "POST":
        if first := earlier_result(request.POST.get("once")):
            return redirect(first)
        if form.is_valid():
            # Find before you create: people who may be this person are shown until the adviser says
            # none of them is.
            if not form.cleaned_data["not_a_duplicate"]:
                duplicates = selectors.likely_duplicates(form.cleaned_data)
            if duplicates:
                selectors.with_open_cases([match.person for match in duplicates])
                record_access(
                    request,
                    action=AccessEvent.Action.VIEW,
                    what=f"people who may be the person being added ({len(duplicates)} shown)",
                )
            else:
                try:
                    person = services.register_person(
                        actor=request.user, details=form.cleaned_data, once=form.cleaned_data["once"]
                    )
                except AlreadySubmitted as duplicate:
                    return redirect(duplicate.result_url)
                messages.success(
                    request,
                    f"{person.full_name} added. Their case is open and a letter with the case "
                    "reference is being prepared.",
                )
                # Added part-way through something else, such as recording a contact: go back to it.
                if after := safe_next(request):
                    return redirect(with_query(after, added=person.pk))
                return redirect(person)
    return render(
        request,
        "cases/person_form.html",
        {"form": form, "title": "Add a person", "duplicates": duplicates, "next": safe_next(request) or ""},
    )


@requires("cases.view_person")
@require_GET
def person_detail(request, pk: int):
    person = get_person_for(request, pk)
    return render(
        request,
        "cases/person_detail.html",
        {
            "person": person,
            "cases": person.cases.with_overview(),
            "supports": person.supports.select_related("for_person"),
            "supported_by": person.supported_by.select_related("person"),
        },
    )


@requires("cases.change_person")
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = get_person_for(request, pk, "change", what="person details form")
    form = PersonForm(request.POST or None, instance=person)
    # The version the editor started from; a save on top of someone else's newer one is refused.
    version = seen_version(request.POST, person.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                actor=request.user, person_id=person.pk, details=form.cleaned_data, seen_version=version
            )
        except services.EditConflict as conflict:
            form.add_error(
                None,
                "Someone else changed these details while you were editing. Your changes are below: check "
                "them against the saved record and save again.",
            )
            version = conflict.current_version
        else:
            messages.success(request, "Details saved")
            # Changed part-way through something else, such as recording a contact: go back to it.
            return redirect(safe_next(request) or person)
    return render(
        request,
        "cases/person_form.html",
        {
            "form": form,
            "title": f"Change {person.full_name}'s details",
            "person": person,
            "version": version,
            "next": safe_next(request) or "",
        },
    )


@requires("cases.change_person")
@require_http_methods(["GET", "POST"])
def relationship_new(request, pk: int):
    person = get_person_for(request, pk, "change", what="relationships form")
    query = (request.POST.get("q") or request.GET.get("q", "")).strip()
    form = RelationshipForm(request.POST or None, for_person=person, query=query)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_relationship(
                actor=request.user,
                for_person=person,
                supporter=form.cleaned_data["supporter"],
                kind=form.cleaned_data["kind"],
                notes=form.cleaned_data["notes"],
            )
        except services.AlreadyRelated:
            messages.info(request, "That was already on the record.")
        else:
            supporter, kind = form.cleaned_data["supporter"], RelationshipKind(form.cleaned_data["kind"])
            messages.success(request, f"{supporter.full_name} added as {kind.label.lower()}")
        return redirect(person)
    form.show_found_people()
    return render(request, "cases/relationship_form.html", {"person": person, "form": form, "query": query})


@requires("cases.change_person")
@require_POST
def relationship_remove(request, pk: int, relationship_pk: int):
    person = get_person_for(request, pk, "change", what="relationship removal")
    services.remove_relationship(actor=request.user, for_person=person, relationship_id=relationship_pk)
    messages.success(request, "Removed from the record")
    return redirect(person)


@requires("cases.view_case")
@require_GET
def case_detail(request, pk: int):
    case = get_case_for(request, pk)
    if holds(request.user, "cases.follow_own_case", case):
        # Their own page shows the later stages' decisions, which the case record does not read.
        return redirect("citizen_case", pk=case.pk)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "person": case.person,
            "timeline": selectors.timeline(case),
            "agreed_budget": selectors.agreed_budget(case),
            "interim_support": selectors.interim_support_on(case),
            "today": timezone.localdate(),
            "can_allocate": holds(request.user, "cases.allocate_case", case),
            "can_settle": holds(request.user, "cases.settle_case", case),
            "can_assess_finances": holds(request.user, "ras.assess_finances", case),
            "once": fresh_token(),
            **selectors.letters_context(case),
        },
    )


@requires("cases.view_case")
@require_GET
def letter_download(request, pk: int, letter_pk: int):
    case = get_case_for(request, pk, what="letter")
    letter = selectors.ready_letter(case, letter_pk)
    record_access(request, action=AccessEvent.Action.DOWNLOAD, case=case, what=f"letter {letter.filename}")
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.filename}"'
    return response


@requires("cases.change_case")
@require_POST
def letter_request(request, pk: int):
    case = get_case_for(request, pk, "change", what="letter request")
    letter_type = request.POST.get("letter_type", LetterType.CASE_REFERENCE)
    if letter_type not in LetterType.values:
        raise Http404
    services.request_letter(
        actor=request.user, case=case, letter_type=letter_type, once=parse_token(request.POST.get("once"))
    )
    messages.success(request, "Letter requested. It will appear below when it is ready.")
    return redirect(case)


@requires("cases.change_case")
@require_POST
def letter_retry(request, pk: int, letter_pk: int):
    case = get_case_for(request, pk, "change", what="letter retry")
    try:
        services.retry_letter(actor=request.user, case=case, letter_id=letter_pk)
    except Letter.DoesNotExist as missing:
        raise Http404 from missing
    messages.success(request, "We are preparing the letter again. It will appear below when it is ready.")
    return redirect(case)


@requires("cases.view_case")
@require_GET
@vary_on_headers("HX-Request")
def letters_fragment(request, pk: int):
    """The letters table on its own, polled by htmx while a letter is being prepared. Opened as a page (a
    bookmark, a link copied from the poll), it is the case page at its letters."""
    case = get_case_for(request, pk, what="letters")
    if not request.htmx:
        return redirect(f"{case.get_absolute_url()}#letters")
    return render(
        request, "cases/case_detail.html#letters", {"case": case, **selectors.letters_context(case)}
    )


@requires("cases.view_caseload")
@require_GET
def caseload(request):
    page = page_of(request, selectors.caseload_for(request.user))
    return render(
        request,
        "cases/caseload.html",
        {
            "cases": page,
            "pagination": pagination(request, page),
            "newly_allocated": selectors.newly_allocated_to(request.user)[:10],
            "plan_decisions": selectors.plan_decisions_for(request.user)[:10],
        },
    )


@requires("cases.view_team_queue")
@require_GET
def team_queue(request):
    page = page_of(request, selectors.team_queue(request.user.team))
    return render(
        request,
        "cases/team_queue.html",
        {
            "cases": page,
            "pagination": pagination(request, page),
            "team": request.user.team,
            "can_allocate": holds(request.user, "cases.allocate_case"),
        },
    )


@requires("cases.audit_person")
@require_GET
def audit_search(request):
    query = request.GET.get("q", "").strip()
    people = selectors.search_people(query) if query else []
    return render(request, "cases/audit_search.html", {"query": query, "people": people})


@requires("cases.audit_person")
@require_GET
def person_audit(request, pk: int):
    person = get_person_for(request, pk, "audit", what="audit trail")
    return render(
        request,
        "cases/person_audit.html",
        {
            "person": person,
            "reads": selectors.access_events_for(person)[:500],
            "changes": selectors.row_changes_for(person)[:500],
        },
    )
