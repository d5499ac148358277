"""The front door's screens: start a contact, its short steps, check and complete, and the queues."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import get_person_for
from cases.audit import record_access
from cases.forms import PersonForm
from cases.models import AccessEvent
from cases.selectors import likely_duplicates, search_people, with_open_cases
from cases.stages import IllegalMove, Stage
from cases.submissions import AlreadySubmitted
from config.access import holds, requires
from config.pagination import page_of, pagination
from config.requests import posted, safe_next, seen_version, with_query
from contact import equipment, reablement, rules, selectors, services
from contact.forms import NO_DETAILS, AboutForm, ConcernDecisionForm, EquipmentItemForm, OutcomesForm
from contact.models import Channel, Consent, Contact, OutcomeKind, SafeguardingConcern
from contact.prefill import new_person_details
from contact.summary import step_url, summary_cards
from directory import selectors as directory_selectors

CONFLICT = "Someone else saved this contact while you were working on it. Your changes are below: check them and save again."


def _contact(request, pk: int, *, what: str) -> Contact:
    """The contact, audited as a read of the person's record when it is about someone."""
    try:
        contact = selectors.contact_with_everything(pk)
    except Contact.DoesNotExist as missing:
        raise Http404 from missing
    record_access(
        request, action=AccessEvent.Action.VIEW, person=contact.person, case=contact.case, what=what
    )
    return contact


def _steps(contact: Contact, step: str) -> list[tuple[str, str, str]]:
    """The steps down the side: (key, title, address). Adding the person shows only while it is needed, and
    equipment only when equipment was agreed."""
    needed = {
        "person": step == "person",
        "equipment": step == "equipment"
        or any(outcome.kind == OutcomeKind.EQUIPMENT for outcome in contact.outcomes.all()),
    }
    shown = [key for key in STEP_TITLES if needed.get(key, True)]
    return [(key, STEP_TITLES[key], step_url(contact, key)) for key in shown]


def _step_context(request, contact: Contact, step: str, **extra) -> dict:
    return {
        "contact": contact,
        "step": step,
        "steps": _steps(contact, step),
        "holder": services.holder_other_than(contact, request.user, timezone.now()),
        **extra,
    }


@requires("contact.take_call")
@require_http_methods(["GET", "POST"])
def contact_start(request):
    """Start recording a contact, about a person already found or not yet known."""
    person = None
    if person_pk := (request.POST.get("person") or request.GET.get("person")):
        person = get_person_for(
            request, int(person_pk) if person_pk.isdigit() else 0, "change", what="new contact"
        )
    if request.method == "POST":
        contact = services.start_contact(actor=request.user, person=person)
        return redirect("contact_step", pk=contact.pk, step="about")
    return render(request, "contact/start.html", {"person": person})


# The screens of a call: who it is about and why; adding the person, only when they are new to the record;
# what was agreed, with the directory searched on the same page; check and complete.
STEP_TITLES = {
    "about": "Who it is about and why",
    "person": "Add the person",
    "outcomes": "What was agreed",
    "equipment": "Equipment and adaptations",
    "check": "Check and complete",
}
# Earlier addresses of steps now merged into one, kept so links and bookmarks still arrive.
MERGED_STEPS = {"call": "about", "reason": "about", "repeat": "about", "signposting": "outcomes"}


def _draft(request, pk: int, *, what: str) -> Contact:
    contact = _contact(request, pk, what=what)
    if contact.status == Contact.Status.COMPLETED:
        raise Http404
    return contact


@requires("contact.take_call")
@require_http_methods(["GET", "POST"])
def contact_step(request, pk: int, step: str):
    if step in MERGED_STEPS:
        return redirect("contact_step", pk=pk, step=MERGED_STEPS[step])
    if step == "about":
        return _about(request, pk)
    if step == "outcomes":
        return _outcomes(request, pk)
    if step == "equipment":
        return _equipment(request, pk)
    raise Http404


def _step_page(
    request, contact: Contact, step: str, form, save, *, then, template="contact/step.html", **extra
):
    """A step's form: saved when valid and nobody saved the contact since; otherwise the page again, with
    what was typed."""
    version = seen_version(request.POST, contact.version)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(version)
        except services.ContactChanged as changed:
            form.add_error(None, CONFLICT)
            version = changed.current_version
        except services.AlreadyCompleted:
            return redirect(contact)
        else:
            return then(saved)
    context = _step_context(
        request, contact, step, form=form, version=version, title=STEP_TITLES[step], **extra
    )
    return render(request, template, context)


def _found_people(query: str) -> list:
    """People on the record matching the search, each with their open cases and recent contacts."""
    people = list(search_people(query, limit=10)) if query else []
    with_open_cases(people)
    recent = selectors.recent_contacts_of(people, now=timezone.now())
    for person in people:
        person.recent_contacts = recent[person.pk][:2]
    return people


def _about(request, pk: int):
    """Who it is about and why, on one page: only what the record does not already hold is asked."""
    contact = _draft(request, pk, what="contact: who it is about and why")
    person = contact.person
    # A contact not yet about anyone (or the adviser changing who) chooses from a search on the same page; an
    # online form picked up searches at once for the name it gave.
    choosing = person is None or "q" in request.GET
    # The search as last run: sent with the form too, as a search swapped in place leaves the address as it was.
    query = request.POST.get("q", request.GET.get("q", "" if person else contact.submitted_name)).strip()
    found = None
    if choosing:
        found = _found_people(query)
        # Chosen from an earlier search than the one in the address (the search is swapped in place).
        if (chosen := request.POST.get("who", "")).isdigit() and int(chosen) not in {p.pk for p in found}:
            found.append(get_person_for(request, int(chosen), "change", what="contact"))
            with_open_cases(found[-1:])
        selectors.with_earlier_contacts(found, excluding=contact)
    earlier = []
    if person and not choosing:
        earlier = selectors.recent_contacts(person, now=timezone.now(), excluding=contact) or (
            selectors.with_earlier_contacts([person], excluding=contact)[0].has_earlier_contacts
        )
    held = bool(person and not choosing and person.consent_to_share)
    changing_consent = request.GET.get("consent") == "change"
    form = AboutForm(
        posted(request),
        instance=contact,
        found=found,
        query=query,
        ask_consent=not held or changing_consent,
        earlier=earlier,
        phone_on_record=person.phone if person and not choosing else "",
    )

    def save(version):
        fields = form.contact_fields()
        chosen, who = (form.chosen_person, form.cleaned_data["who"]) if choosing else (person, "")
        if chosen is not None and not fields.get("consent") and chosen.consent_to_share:
            fields["consent"] = Consent.GIVEN  # shown from the record, not asked again
        fields |= {"person": chosen, "anonymous": who == NO_DETAILS}
        return services.save_draft(actor=request.user, contact=contact, seen_version=version, fields=fields)

    def then(saved):
        if saved.person_id is None and not saved.anonymous:
            return redirect(with_query(reverse("contact_step_person", args=[saved.pk]), q=query))
        return redirect("contact_step", pk=saved.pk, step="outcomes")

    return _step_page(
        request,
        contact,
        "about",
        form,
        save,
        then=then,
        template="contact/about.html",
        query=query,
        choosing=choosing,
        person_rows=_person_rows(contact, changing_consent) if person and not choosing else [],
    )


def _person_rows(contact: Contact, changing_consent: bool) -> list[dict]:
    """What the record holds about the person, shown so the caller is not asked it again, each with a way to
    change it."""
    person, here = contact.person, reverse("contact_step", args=[contact.pk, "about"])
    edit = with_query(reverse("person_edit", args=[person.pk]), next=here)
    rows = [
        {
            "key": "Name",
            "value": person.full_name,
            "href": with_query(here, q=person.full_name),
            "action": "Someone else",
            "hidden": "is the contact about",
        },
        {"key": "Born", "value": f"{person.date_of_birth:%-d %B %Y}", "href": edit},
        {"key": "Address", "value": ", ".join(person.address_lines), "href": edit},
        {"key": "Phone", "value": person.phone or "Not given", "href": edit},
    ]
    if person.consent_to_share and not changing_consent:
        rows.append(
            {
                "key": "Consent to share",
                "value": person.consent_summary,
                "href": with_query(here, consent="change") + "#id_consent",
            }
        )
    return rows


@requires("contact.take_call")
@require_http_methods(["GET", "POST"])
def contact_person(request, pk: int):
    """Add the person the contact is about, with everything already known filled in: what they sent online,
    the name searched for, and the phone number of a person calling for themselves."""
    contact = _draft(request, pk, what="contact: add the person")
    if contact.person_id or contact.anonymous:
        return redirect("contact_step", pk=contact.pk, step="about")
    form = PersonForm(posted(request), initial=new_person_details(contact, request.GET.get("q", "")))
    version = seen_version(request.POST, contact.version)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["not_a_duplicate"]:
            duplicates = likely_duplicates(form.cleaned_data)
            with_open_cases([match.person for match in duplicates])
        if not duplicates:
            try:
                contact = services.add_person(
                    actor=request.user,
                    contact=contact,
                    seen_version=version,
                    details=form.cleaned_data,
                    once=form.cleaned_data["once"],
                )
            except AlreadySubmitted:
                contact.refresh_from_db()
            except services.ContactChanged as changed:
                form.add_error(None, CONFLICT)
                version = changed.current_version
            except services.AlreadyCompleted:
                return redirect(contact)
            if not form.errors:
                return redirect("contact_step", pk=contact.pk, step="outcomes")
    context = _step_context(
        request,
        contact,
        "person",
        form=form,
        version=version,
        duplicates=duplicates,
        title=STEP_TITLES["person"],
    )
    return render(request, "contact/add_person.html", context)


def _outcomes(request, pk: int):
    """What was agreed, with the directory searched on the same page (a GET search that keeps what was typed;
    htmx swaps only the results) and the services told about kept as they are added."""
    contact = _draft(request, pk, what="contact: outcomes")
    form = OutcomesForm(posted(request), contact=contact)

    def save(version):
        return services.set_outcomes(
            actor=request.user,
            contact=contact,
            seen_version=version,
            notes=form.notes(),
            fields={"reablement_criteria": form.criteria, "summary_by": form.cleaned_data["summary_by"]},
        )

    def then(saved):
        if OutcomeKind.EQUIPMENT in form.cleaned_data["kinds"]:
            return redirect("contact_step", pk=saved.pk, step="equipment")
        return redirect("contact_step_check", pk=saved.pk)

    search = directory_selectors.inline_search(
        request.GET, postcode=contact.person.postcode if contact.person else ""
    )
    if request.htmx and request.htmx.target == "directory-results":
        return render(request, "contact/_directory_results.html", {"contact": contact, "search": search})
    return _step_page(
        request,
        contact,
        "outcomes",
        form,
        save,
        then=then,
        template="contact/outcomes.html",
        search=search,
    )


def _equipment(request, pk: int):
    """The equipment and minor adaptations arranged, each with its cost, and whether it is free."""
    contact = _draft(request, pk, what="contact: equipment")
    form = EquipmentItemForm(request.POST if "add" in request.POST else None)
    if request.method == "POST" and (remove := request.POST.get("remove", "")):
        services.remove_equipment_item(
            actor=request.user, contact=contact, item_id=int(remove) if remove.isdigit() else 0
        )
        return redirect("contact_step", pk=contact.pk, step="equipment")
    if request.method == "POST" and form.is_valid():
        services.add_equipment_item(actor=request.user, contact=contact, **form.cleaned_data)
        return redirect("contact_step", pk=contact.pk, step="equipment")
    limits = selectors.free_support_limits(contact)
    items = list(contact.equipment_items.all())
    context = _step_context(
        request,
        contact,
        "equipment",
        title=STEP_TITLES["equipment"],
        form=form,
        decisions=equipment.decide(items, free_up_to=limits.equipment_free_up_to),
        free_up_to=equipment.pounds_text(limits.equipment_free_up_to),
        next_url=reverse("contact_step_check", kwargs={"pk": contact.pk}),
    )
    return render(request, "contact/equipment.html", context)


@requires("contact.take_call")
@require_http_methods(["GET", "POST"])
def contact_signposting(request, pk: int):
    """Add or remove a directory service the person was told about; then back to the outcomes and the search."""
    contact = _draft(request, pk, what="contact: signposting")
    back = reverse("contact_step", kwargs={"pk": contact.pk, "step": "outcomes"})
    if request.method == "GET":
        return redirect(with_query(back, **request.GET.dict()) if request.GET else back)
    if service_uuid := request.POST.get("add"):
        service = directory_selectors.listed_service_or_none(service_uuid)
        if service is not None:
            services.signpost(actor=request.user, contact=contact, service=service)
    elif remove := request.POST.get("remove", ""):
        services.unsignpost(
            actor=request.user, contact=contact, signpost_id=int(remove) if remove.isdigit() else 0
        )
    return redirect(safe_next(request) or back)


@requires("contact.take_call")
@require_http_methods(["GET", "POST"])
def contact_check(request, pk: int):
    contact = _contact(request, pk, what="contact: check answers")
    if contact.status == Contact.Status.COMPLETED:
        return redirect(contact)
    kinds = {outcome.kind for outcome in contact.outcomes.all()}
    missing = rules.missing_details(contact, kinds)
    if request.method == "POST" and not missing and contact.status == Contact.Status.DRAFT:
        try:
            contact = services.complete(
                actor=request.user,
                contact_id=contact.pk,
                seen_version=seen_version(request.POST, contact.version),
                site_url=request.build_absolute_uri("/"),
            )
        except services.AlreadyCompleted:
            pass
        except services.ContactChanged:
            messages.error(
                request, "Someone else changed this contact just now. Check it again, then complete it."
            )
            return redirect("contact_step_check", pk=contact.pk)
        except IllegalMove as refused:
            messages.error(request, f"{refused}, so the contact was not completed.")
            return redirect("contact_step_check", pk=contact.pk)
        messages.success(request, f"Contact {contact.reference} completed")
        if contact.case_id and (kept_open := _kept_open(contact, kinds)):
            messages.warning(request, kept_open)
        if OutcomeKind.SELF_ASSESSMENT in kinds and contact.case_id:
            # The assessment is the next stage's screen, reached by its URL (stages never import later ones).
            return redirect(reverse("assessment_new", args=[contact.case_id]) + f"?contact={contact.pk}")
        return redirect(contact)
    cards = summary_cards(contact, editable=True)
    case = selectors.case_for_contact(contact, now=timezone.now()) if contact.person else None
    effect = (
        rules.effect_on_case(
            kinds,
            case.stage if case else None,
            selectors.unsettled_on(case, besides=contact) if case else [],
            **_what_it_is(contact),
        )
        if contact.person and kinds
        else ""
    )
    context = _step_context(
        request,
        contact,
        "check",
        missing=[(step_url(contact, step), message) for step, message in missing],
        title=STEP_TITLES["check"],
        cards=cards,
        effect=effect,
    )
    return render(request, "contact/check.html", context)


def _kept_open(contact: Contact, kinds: set[str]) -> str:
    """The notice when the contact resolved the matter but the case had to stay open; empty otherwise (a chase,
    or equipment sent on, never closes the case, so nothing kept it open)."""
    case = contact.case
    case.refresh_from_db(fields=["stage", "closed_at"])
    reasons = selectors.unsettled_on(case, besides=contact)
    closes = rules.stage_after(kinds, case.stage, **_what_it_is(contact)) == Stage.CLOSED
    if not case.is_open or not reasons or not closes:
        return ""
    return f"Case {case.reference} stays open. {' '.join(reasons)}"


def _what_it_is(contact: Contact) -> dict:
    """A chase (failure demand), and whether any equipment is too dear to be free, as the rules take them."""
    return {
        "failure_demand": bool(contact.about_known_matter),
        "sent_on": equipment.any_sent_on(selectors.equipment_decisions(contact)),
    }


@requires("contact.take_call")
@require_POST
def contact_take_over(request, pk: int):
    contact = _draft(request, pk, what="contact: take over")
    services.take_over(actor=request.user, contact_id=contact.pk)
    if contact.status == Contact.Status.SUBMITTED and contact.person_id is None:
        return redirect("contact_step", pk=contact.pk, step="about")
    return redirect("contact_step_check", pk=contact.pk)


@requires("contact.view_contacts")
@require_GET
def contact_detail(request, pk: int):
    contact = _contact(request, pk, what="contact")
    if contact.status != Contact.Status.COMPLETED and holds(request.user, "contact.take_call"):
        return redirect("contact_step_check", pk=contact.pk)
    kinds = {outcome.kind for outcome in contact.outcomes.all()}
    context = {
        "contact": contact,
        "cards": summary_cards(contact, editable=False),
        "assessment_next": holds(request.user, "contact.take_call")
        and bool(kinds & {OutcomeKind.SELF_ASSESSMENT, OutcomeKind.ASSESSMENT}),
    }
    return render(request, "contact/detail.html", context)


QUEUES = {
    "new": "New contacts",
    "safeguarding": "Safeguarding",
    "reablement": "Reablement referrals",
    "assessment": "Waiting for assessment",
}
# How each queue's table caption counts what is in it.
QUEUE_CAPTIONS = {
    "new": "contacts in progress or sent online",
    "safeguarding": "safeguarding concerns waiting for a decision",
    "reablement": "reablement referrals waiting or under way",
    "assessment": "people waiting for an assessment",
}


@requires("contact.view_contacts")
@require_GET
def contact_queues(request, queue: str = "new"):
    if queue not in QUEUES:
        raise Http404
    sort = request.GET.get("sort") if request.GET.get("sort") in selectors.SORTS else "oldest"
    channel = request.GET.get("channel", "") if request.GET.get("channel") in Channel.values else ""
    items = {
        "new": lambda: selectors.new_contacts(sort=sort, channel=channel),
        "safeguarding": lambda: selectors.safeguarding_queue(sort=sort),
        "reablement": lambda: selectors.referrals_queue(kind="reablement", sort=sort),
        "assessment": lambda: selectors.waiting_for_assessment(sort=sort),
    }[queue]()
    record_access(request, action=AccessEvent.Action.VIEW, what=f"front door queue: {QUEUES[queue].lower()}")
    page = page_of(request, items, per_page=25)
    today = timezone.localdate()
    if queue == "reablement":
        for item in page:
            item.free_period = reablement.free_period_text(item.free_until, today) if item.free_until else ""
            item.review_due = item.under_way and reablement.review_due(item.free_until, today)
    context = {
        "queue": queue,
        "queue_label": QUEUES[queue],
        "queue_caption": QUEUE_CAPTIONS[queue],
        "can_decide": holds(request.user, "contact.decide_safeguarding"),
        "can_record": holds(request.user, "contact.take_call"),
        "can_follow_up": holds(request.user, "contact.follow_up_referral"),
        "queues": QUEUES,
        "page": page,
        "pagination": pagination(request, page),
        "sort": sort,
        "sorts": selectors.SORTS,
        "channel": channel,
        "channels": Channel.choices,
        "now": timezone.now(),
        "reablement_ending": selectors.reablement_review_due(today=today).count(),
    }
    return render(request, "contact/queues.html", context)


@requires("contact.decide_safeguarding")
@require_http_methods(["GET", "POST"])
def concern_decision(request, pk: int):
    try:
        concern = SafeguardingConcern.objects.select_related(
            "case__person", "contact", "raised_by", "decided_by"
        ).get(pk=pk)
    except SafeguardingConcern.DoesNotExist as missing:
        raise Http404 from missing
    record_access(request, action=AccessEvent.Action.VIEW, case=concern.case, what="safeguarding concern")
    form = ConcernDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_concern(
                actor=request.user,
                concern_id=concern.pk,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except services.AlreadyCompleted:
            messages.info(request, "Another manager recorded a decision on this concern first")
        else:
            messages.success(request, "Decision recorded")
        return redirect("contact_queue", queue="safeguarding")
    return render(request, "contact/concern.html", {"concern": concern, "form": form})
