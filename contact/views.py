"""The front door's screens: start a contact, its short steps, check and complete, and the queues."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import allow, get_person_for
from cases.audit import record_access
from cases.models import AccessEvent
from cases.roles import MANAGERS, RECORD_KEEPERS
from cases.selectors import search_people, with_open_cases
from config.pagination import page_of, pagination
from config.requests import posted, safe_next, seen_version
from contact import equipment, reablement, rules, selectors, services
from contact import signposting as directory_results
from contact.forms import (
    CallForm,
    ConcernDecisionForm,
    EquipmentItemForm,
    OutcomesForm,
    ReasonForm,
    RepeatForm,
)
from contact.models import Channel, Contact, OutcomeKind, SafeguardingConcern
from contact.summary import summary_cards

FRONT_DOOR = RECORD_KEEPERS
QUEUE_VIEWERS = RECORD_KEEPERS | MANAGERS

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


def _step_context(request, contact: Contact, step: str, **extra) -> dict:
    return {
        "contact": contact,
        "step": step,
        "steps": STEP_TITLES,
        "holder": services.holder_other_than(contact, request.user, timezone.now()),
        **extra,
    }


@allow(FRONT_DOOR)
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
        return redirect("contact_step", pk=contact.pk, step="call")
    return render(request, "contact/start.html", {"person": person})


STEP_FORMS = {"call": CallForm, "reason": ReasonForm, "repeat": RepeatForm}
STEP_TITLES = {
    "call": "The call",
    "person": "Who it is about",
    "reason": "Why they got in touch",
    "repeat": "Have they been in touch about this before?",
    "outcomes": "What came of it",
    "equipment": "Equipment and adaptations",
    "signposting": "Services from the directory",
    "check": "Check and complete",
}
NEXT_STEP = {"call": "person", "person": "reason", "reason": "repeat", "repeat": "outcomes"}


def _draft(request, pk: int, *, what: str) -> Contact:
    contact = _contact(request, pk, what=what)
    if contact.status == Contact.Status.COMPLETED:
        raise Http404
    return contact


def _after(contact: Contact, step: str):
    if step == "call" and (contact.person_id or contact.anonymous):
        return redirect("contact_step", pk=contact.pk, step="reason")
    if step == "reason" and contact.person_id is None:
        return redirect("contact_step", pk=contact.pk, step="outcomes")
    return redirect("contact_step", pk=contact.pk, step=NEXT_STEP[step])


@allow(FRONT_DOOR)
@require_http_methods(["GET", "POST"])
def contact_step(request, pk: int, step: str):
    if step == "outcomes":
        return _outcomes(request, pk)
    if step == "equipment":
        return _equipment(request, pk)
    if step not in STEP_FORMS:
        raise Http404
    contact = _draft(request, pk, what=f"contact: {STEP_TITLES[step].lower()}")
    extra = {}
    if step == "repeat":
        extra["recent"] = (
            selectors.recent_contacts(contact.person, now=timezone.now(), excluding=contact)
            if contact.person
            else []
        )
    form = STEP_FORMS[step](posted(request), instance=contact, **extra)

    def save(version):
        return services.save_draft(
            actor=request.user, contact=contact, seen_version=version, fields=form.cleaned_data
        )

    return _step_page(request, contact, step, form, save, then=lambda saved: _after(saved, step), **extra)


def _step_page(request, contact: Contact, step: str, form, save, *, then, **extra):
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
    return render(request, "contact/step.html", context)


def _outcomes(request, pk: int):
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
        return redirect(_after_equipment(form.cleaned_data["kinds"], saved))

    return _step_page(request, contact, "outcomes", form, save, then=then)


def _after_equipment(kinds, contact: Contact) -> str:
    step = "signposting" if OutcomeKind.ADVICE in kinds else "check"
    return reverse("contact_step_" + step, kwargs={"pk": contact.pk})


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
        next_url=_after_equipment({outcome.kind for outcome in contact.outcomes.all()}, contact),
    )
    return render(request, "contact/equipment.html", context)


@allow(FRONT_DOOR)
@require_http_methods(["GET", "POST"])
def contact_person(request, pk: int):
    """Who the contact is about: find them first, so nobody is added twice; or no one, for advice only."""
    contact = _draft(request, pk, what="contact: who it is about")
    query = request.GET.get("q", contact.submitted_name).strip()
    choice = request.POST.get("person", "")
    if request.method == "POST" and not (choice == "none" or choice.isdigit()):
        messages.error(request, "Choose the person the contact is about, or that the caller gives no details")
    elif request.method == "POST":
        person = (
            None
            if choice == "none"
            else get_person_for(request, int(choice) if choice.isdigit() else 0, "change", what="contact")
        )
        try:
            contact = services.set_person(
                actor=request.user,
                contact=contact,
                seen_version=seen_version(request.POST, contact.version),
                person=person,
            )
        except services.ContactChanged:
            messages.error(request, CONFLICT)
        except services.AlreadyCompleted:
            return redirect(contact)
        else:
            return _after(contact, "person")
    people = list(search_people(query, limit=20)) if query else []
    if (added := request.GET.get("added", "")).isdigit():
        people = [get_person_for(request, int(added), "change", what="contact: person just added")]
    with_open_cases(people)
    recent = selectors.recent_contacts_of(people, now=timezone.now())
    for person in people:
        person.recent_contacts = recent[person.pk][:3]
    context = _step_context(
        request, contact, "person", query=query, people=people, title=STEP_TITLES["person"]
    )
    return render(request, "contact/person.html", context)


@allow(FRONT_DOOR)
@require_http_methods(["GET", "POST"])
def contact_signposting(request, pk: int):
    """Search the directory while the caller is on the line, and note the services they were told about."""
    contact = _draft(request, pk, what="contact: signposting")
    if request.method == "POST":
        if service_uuid := request.POST.get("add"):
            service = directory_results.service(service_uuid)
            if service is not None:
                services.signpost(actor=request.user, contact=contact, service=service)
        elif remove := request.POST.get("remove", ""):
            services.unsignpost(
                actor=request.user, contact=contact, signpost_id=int(remove) if remove.isdigit() else 0
            )
        return redirect(safe_next(request) or reverse("contact_step_signposting", kwargs={"pk": contact.pk}))
    search = directory_results.search(request.GET, postcode=contact.person.postcode if contact.person else "")
    template = "contact/_directory_results.html" if request.htmx else "contact/signposting.html"
    context = _step_context(request, contact, "signposting", title=STEP_TITLES["signposting"], search=search)
    return render(request, template, context)


@allow(FRONT_DOOR)
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
        messages.success(request, f"Contact {contact.reference} completed")
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
            failure_demand=bool(contact.about_known_matter),
            sent_on=not all(decision.free for decision in selectors.equipment_decisions(contact)),
        )
        if contact.person and kinds
        else ""
    )
    context = _step_context(
        request, contact, "check", missing=missing, title=STEP_TITLES["check"], cards=cards, effect=effect
    )
    return render(request, "contact/check.html", context)


@allow(FRONT_DOOR)
@require_POST
def contact_take_over(request, pk: int):
    contact = _draft(request, pk, what="contact: take over")
    services.take_over(actor=request.user, contact_id=contact.pk)
    if contact.status == Contact.Status.SUBMITTED and contact.person_id is None:
        return redirect("contact_step_person", pk=contact.pk)
    return redirect("contact_step_check", pk=contact.pk)


@allow(QUEUE_VIEWERS)
@require_GET
def contact_detail(request, pk: int):
    contact = _contact(request, pk, what="contact")
    if contact.status != Contact.Status.COMPLETED and request.user.role in FRONT_DOOR:
        return redirect("contact_step_check", pk=contact.pk)
    kinds = {outcome.kind for outcome in contact.outcomes.all()}
    context = {
        "contact": contact,
        "cards": summary_cards(contact, editable=False),
        "assessment_next": request.user.role in FRONT_DOOR
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


@allow(QUEUE_VIEWERS)
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
        "managers": MANAGERS,
        "can_record": request.user.role in FRONT_DOOR,
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


@allow(MANAGERS)
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
