"""Brokerage's pages: asking for help to find a provider (the worker, from an agreed plan or at a review; the
person online when they pay the full cost), the brokerage queue, a request with the directory searched on the
same page, a provider approached and its offer, and the offer chosen."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import get_case_for
from cases.audit import record_access
from cases.models import AccessEvent
from config.access import requires
from config.pagination import page_of, pagination
from config.requests import posted
from directory import selectors as directory_selectors
from reviews import brokerage, brokerage_forms, brokerage_selectors
from reviews import brokerage_services as services
from reviews.brokerage_models import BrokerageApproach
from support_planning import selectors as plan_selectors
from support_planning.models import SupportPlan

WHAT = "brokerage"


def _asked(request, form, *, plan: SupportPlan):
    """A valid ask sent to the service; the page to go to next, or None with the refusal on the form."""
    data = form.cleaned_data
    try:
        asked = services.ask(
            actor=request.user,
            plan_id=plan.pk,
            item_id=data["item"],
            needed_from=data["needed_from"],
            what_matters=data["what_matters"],
        )
    except services.CannotBroker as refusal:
        form.add_error(None, str(refusal))
        return None
    return asked


@requires(services.PERMISSION)
@require_http_methods(["GET", "POST"])
def brokerage_ask(request, plan_pk: int):
    """The worker asks for help to find a provider for an item of an agreed plan: before its support starts, or
    (the plan in place) at a review."""
    plan = get_object_or_404(SupportPlan, pk=plan_pk, status=SupportPlan.Status.AGREED)
    case = get_case_for(request, plan.case_id, "view" if request.method == "GET" else "change", what=WHAT)
    items = services.items_to_broker(plan)
    waiting = [item for item in items if item.open_request]
    free = [item for item in items if not item.open_request]
    form = brokerage_forms.AskForm(
        posted(request), items=free, label="Which support needs a provider?", submit="Ask for help"
    )
    if request.method == "POST" and form.is_valid() and (asked := _asked(request, form, plan=plan)):
        messages.success(request, "Asked. The request is on the brokerage queue")
        return redirect("brokerage_request", pk=asked.pk)
    return render(
        request,
        "reviews/brokerage/ask.html",
        {"form": form, "plan": plan, "case": case, "person": case.person, "waiting": waiting, "free": free},
    )


@requires(services.PERMISSION)
@require_GET
def brokerage_queue(request):
    """The requests waiting for a provider, oldest first, a page at a time: what is needed, where, from when, for
    how much."""
    page = page_of(request, brokerage_selectors.queue())
    return render(
        request,
        "reviews/brokerage/queue.html",
        {
            "requests": page.object_list,
            "pagination": pagination(request, page),
            "total": page.paginator.count,
        },
    )


def _request_for(request, pk: int, action: str):
    found = brokerage_selectors.request_for_broker(pk)
    get_case_for(request, found.case_id, action, what=WHAT)
    return found


@requires(services.PERMISSION)
@require_GET
def brokerage_request(request, pk: int):
    """One request: what is needed (the item, its outcome and the plan's others, hours, area, budget), the
    providers approached and their offers to choose from, and the directory searched near the person."""
    found = _request_for(request, pk, "view")
    if request.htmx and "postcode" in request.GET:
        return render(request, "reviews/brokerage/_directory_results.html", _request_context(request, found))
    return render(request, "reviews/brokerage/request.html", _request_context(request, found))


def _request_context(request, found, **refusal) -> dict:
    search = directory_selectors.inline_search(request.GET, postcode=found.case.person.postcode)
    return {
        "found": found,
        "search": search,
        "case": found.case,
        "person": found.case.person,
        "still_wanted": found.status == found.Status.OPEN and found.plan.status == SupportPlan.Status.AGREED,
        **refusal,
    }


@requires(services.PERMISSION)
@require_http_methods(["GET", "POST"])
def brokerage_approach(request, pk: int, approach_pk: int | None = None):
    """A provider approached (found in the directory, or named), and what it said: an offer with its start, hours
    and hourly rate, that it cannot take it on, or nothing yet."""
    found = _request_for(request, pk, "view" if request.method == "GET" else "change")
    approach = get_object_or_404(BrokerageApproach, pk=approach_pk, request=found) if approach_pk else None
    if found.status != found.Status.OPEN or found.plan.status != SupportPlan.Status.AGREED:
        chosen = f"A provider was chosen already: {found.chosen.provider}" if found.chosen_id else None
        messages.info(request, chosen or brokerage.REPLACED)
        return redirect("brokerage_request", pk=found.pk)
    initial = {}
    if approach:
        fields = (
            "provider",
            "service_id",
            "service_name",
            "answer",
            "starts_on",
            "held_until",
            "hours",
            "rate",
        )
        initial = {name: getattr(approach, name) for name in (*fields, "note")}
    elif service := directory_selectors.listed_service_or_none(request.GET.get("service", "")):
        initial = {
            "provider": service.organization.name,
            "service_id": str(service.uuid),
            "service_name": service.name,
        }
    form = brokerage_forms.ApproachForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record(
                actor=request.user,
                request_id=found.pk,
                approach_id=approach.pk if approach else None,
                answer=services.Answer(
                    provider=data["provider"],
                    answer=data["answer"],
                    starts_on=data.get("starts_on"),
                    held_until=data.get("held_until"),
                    hours=data.get("hours"),
                    rate=data.get("rate"),
                    note=data["note"],
                    service_id=data["service_id"],
                    service_name=data["service_name"],
                ),
            )
        except services.CannotBroker as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Saved what {data['provider']} said")
            return redirect("brokerage_request", pk=found.pk)
    return render(
        request,
        "reviews/brokerage/approach.html",
        {"form": form, "found": found, "approach": approach, "case": found.case},
    )


@requires(services.PERMISSION)
@require_POST
def brokerage_choose(request, pk: int, approach_pk: int):
    """Choose an offer: it becomes the provider, hours and rate of the item on the plan. Refused, the request's
    page says why beside the offer."""
    found = _request_for(request, pk, "change")
    try:
        services.choose(actor=request.user, request_id=found.pk, approach_id=approach_pk)
    except services.CannotBroker as refusal:
        context = _request_context(request, found, refused=str(refusal), refused_offer=approach_pk)
        return render(request, "reviews/brokerage/request.html", context)
    messages.success(request, "Chosen. The provider, hours and rate are on the plan")
    return redirect("brokerage_request", pk=found.pk)


@requires(services.PERSON_PERMISSION)
@require_http_methods(["GET", "POST"])
def your_brokerage(request, case_pk: int):
    """The person's own case: the help they asked for to find a provider, and what was found; someone who pays
    the full cost of their care asks for it here."""
    case = get_case_for(request, case_pk, "follow_own", what="their own brokerage")
    plan = plan_selectors.agreed_plan(case)
    can_ask = services.person_may_ask(case, plan)
    free = [item for item in services.items_to_broker(plan) if not item.open_request] if can_ask else []
    form = brokerage_forms.AskForm(
        posted(request), items=free, label="Which support do you want help with?", submit="Ask for help"
    )
    if request.method == "POST":
        record_access(request, action=AccessEvent.Action.CHANGE, case=case, what="their own brokerage")
        if free and form.is_valid() and _asked(request, form, plan=plan):
            messages.success(request, "Thank you. We will find providers and tell you what they offer")
            return redirect("your_brokerage", case_pk=case.pk)
    return render(
        request,
        "reviews/brokerage/yours.html",
        {
            "form": form,
            "case": case,
            "can_ask": bool(free),
            "asked": brokerage_selectors.requests_on(case),
        },
    )
