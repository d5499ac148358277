"""The support plan's screens: the plan page (started from the case in one press, with the running total against
the indicative budget), a page per change, and the check page that sends it for sign-off. Every change goes
through support_planning.services; a change someone else made meanwhile is shown, and what was typed kept."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import selectors as case_selectors
from cases.access import get_case_for
from config.access import holds, requires
from config.requests import posted, seen_version
from directory import selectors as directory_selectors
from support_planning import carer_forms, drafting, drafting_forms, forms, selectors, services, versions
from support_planning.costing import ImpossibleCost
from support_planning.models import ComplexReferral, Holder, PlanItem, PlanOutcome, PlanRisk, SupportPlan

CONFLICT = (
    "Someone else changed the plan while you were editing it. Check the plan, then make your change again."
)


AGREED_AT_ONCE = "The changes are agreed: the person is sent a letter with their personal budget"


def _checked(request, plan_pk: int, action: str = "change") -> SupportPlan:
    """The plan, once the case it is on may be seen or changed by this user (and the read or change audited)."""
    plan = get_object_or_404(SupportPlan, pk=plan_pk)
    get_case_for(request, plan.case_id, action, what="support plan")
    return plan


def _plan_for(request, plan_pk: int, action: str = "change") -> SupportPlan:
    """The checked plan with its outcomes, items and risks."""
    return selectors.plan_with_everything(_checked(request, plan_pk, action).pk)


def _plan_page(plan: SupportPlan) -> str:
    return reverse("support_plan", args=[plan.case_id])


@requires("support_planning.view_plan")
@require_http_methods(["GET", "POST"])
def support_plan(request, case_pk: int):
    """The case's plan; when there is none, what it will start from and the button that starts it."""
    case = get_case_for(
        request, case_pk, "view" if request.method == "GET" else "change", what="support plan"
    )
    if request.method == "POST":
        try:
            services.start_plan(actor=request.user, case_id=case.pk)
        except services.CannotPlan as refusal:
            messages.error(request, str(refusal))
        return redirect("support_plan", case_pk=case.pk)
    plan = selectors.open_plan(case) or selectors.latest_plan(case)
    if plan is None:
        return render(request, "support_planning/start.html", selectors.starting_point(case))
    plan = selectors.plan_with_everything(plan.pk)
    return render(
        request,
        "support_planning/plan.html",
        {
            "case": case,
            "person": case.person,
            "plan": plan,
            "figures": selectors.figures(plan),
            # The risk enablement panel is validation's, above this stage: read from the journey log, reached by
            # URL name.
            "panel": case_selectors.panel_on(case),
            "may_refer": plan.is_current and holds(request.user, "validation.refer_to_panel", case),
            "out_of_date": plan.is_draft and selectors.budget_out_of_date(plan),
            "can_hand_over": plan.open_to_the_worker and bool(drafting.drafters_for(plan)),
            "agreed_budget": case_selectors.agreed_budget(case, plan_id=plan.pk)
            if plan.status == SupportPlan.Status.AGREED
            else None,
            "returned": selectors.return_it_came_from(plan) if plan.is_draft else None,
        },
    )


def _edit(
    request,
    plan_pk: int,
    form_class,
    *,
    title: str,
    initial: dict,
    save,
    form_kwargs=None,
    template="support_planning/edit.html",
    extra=None,
):
    """One change to the plan: the form, filled with what is there; saved through `save(plan, data)`; a
    conflict or a cost no plan could have shown beside the form with what was typed kept."""
    plan = _plan_for(request, plan_pk)
    if not plan.is_draft:
        messages.error(
            request, "This version of the plan has been sent for sign-off and can no longer be changed"
        )
        return redirect(_plan_page(plan))
    if not plan.with_the_worker:
        messages.error(request, services.held_elsewhere(plan))
        return redirect(_plan_page(plan))
    form = form_class(
        request.POST or None, initial={"version": plan.version, **initial}, **(form_kwargs or {})
    )
    if request.method == "POST" and form.is_valid():
        try:
            save(plan, form.cleaned_data)
        except services.PlanConflict:
            form.add_error(None, CONFLICT)
        except (ImpossibleCost, services.CannotPlan) as refused:
            form.add_error(None, str(refused))
        else:
            return redirect(_plan_page(plan))
    context = {"form": form, "title": title, "plan": plan, "case": plan.case, "person": plan.case.person}
    return render(request, template, context | (extra(plan) if extra else {}))


@requires("support_planning.plan")
@require_http_methods(["GET", "POST"])
def plan_about(request, plan_pk: int):
    plan = get_object_or_404(SupportPlan, pk=plan_pk)
    return _edit(
        request,
        plan_pk,
        forms.AboutForm,
        title="What matters, and if support fails",
        initial={"what_matters": plan.what_matters, "contingency": plan.contingency},
        save=lambda plan, data: services.save_about(
            actor=request.user, plan_id=plan.pk, seen_version=data["version"], details=data
        ),
    )


@requires("support_planning.plan")
@require_http_methods(["GET", "POST"])
def plan_outcome(request, plan_pk: int, outcome_pk: int | None = None):
    outcome = get_object_or_404(PlanOutcome, pk=outcome_pk, plan_id=plan_pk) if outcome_pk else None

    def save(plan, data):
        if outcome:
            return services.save_outcome(
                actor=request.user,
                plan_id=plan.pk,
                seen_version=data["version"],
                outcome_id=outcome.pk,
                in_my_words=data["in_my_words"],
            )
        return services.add_outcome(
            actor=request.user, plan_id=plan.pk, seen_version=data["version"], in_my_words=data["in_my_words"]
        )

    return _edit(
        request,
        plan_pk,
        forms.OutcomeForm,
        title="Change what the person wants to achieve" if outcome else "Add an outcome",
        initial={"in_my_words": outcome.in_my_words if outcome else ""},
        save=save,
    )


@requires("support_planning.plan")
@require_http_methods(["GET", "POST"])
def plan_item(request, plan_pk: int, outcome_pk: int, item_pk: int | None = None):
    """How an outcome will be met, with the directory searched on the same page: choosing a service fills in its
    name, provider, Open Referral UK id and cost options, so nothing is copied by hand."""
    outcome = get_object_or_404(
        PlanOutcome.objects.select_related("plan__case"), pk=outcome_pk, plan_id=plan_pk
    )
    item = get_object_or_404(PlanItem, pk=item_pk, outcome__plan_id=plan_pk) if item_pk else None
    form_class, carer = carer_forms.item_form_for(outcome.plan)
    initial = {field: getattr(item, field) for field in services.ITEM_FIELDS} if item else {}
    chosen = (
        directory_selectors.listed_service_or_none(request.GET["service"])
        if "service" in request.GET
        else None
    )
    if chosen:
        initial |= {
            "kind": initial.get("kind") or PlanItem.Kind.COMMUNITY,
            "description": chosen.name,
            "service_id": str(chosen.uuid),
            "service_name": chosen.name,
            "provider": chosen.organization.name,
            "cost_option": "",
        }

    def directory(plan):
        search = directory_selectors.inline_search(request.GET, postcode=plan.case.person.postcode)
        return {
            "search": search,
            "outcome": outcome,
            "chosen": chosen,
            "guidance": selectors.rules_in_force().guidance,
        }

    if request.htmx and request.method == "GET" and "service" not in request.GET:
        plan = _plan_for(request, plan_pk, "view")
        return render(request, "support_planning/_directory_results.html", {"plan": plan, **directory(plan)})
    return _edit(
        request,
        plan_pk,
        form_class,
        title=f"{'Change how' if item else 'How'} this will be met",
        initial=initial,
        form_kwargs={
            "cost_options": [str(option) for option in chosen.cost_options.all()] if chosen else [],
            **carer,
        },
        template="support_planning/item.html",
        extra=directory,
        save=lambda plan, data: services.save_item(
            actor=request.user,
            plan_id=plan.pk,
            seen_version=data["version"],
            outcome_id=outcome.pk,
            details=data,
            item_id=item.pk if item else None,
        ),
    )


@requires("support_planning.plan")
@require_http_methods(["GET", "POST"])
def plan_risk(request, plan_pk: int, risk_pk: int | None = None):
    risk = get_object_or_404(PlanRisk, pk=risk_pk, plan_id=plan_pk) if risk_pk else None
    initial = (
        {name: getattr(risk, name) for name in ("in_my_words", "how_reduced", "for_panel")} if risk else {}
    )
    return _edit(
        request,
        plan_pk,
        forms.RiskForm,
        title="Change a risk" if risk else "Add a risk",
        initial=initial,
        save=lambda plan, data: services.save_risk(
            actor=request.user,
            plan_id=plan.pk,
            seen_version=data["version"],
            details=data,
            risk_id=risk.pk if risk else None,
        ),
    )


@requires("support_planning.plan")
@require_http_methods(["GET", "POST"])
def plan_money(request, plan_pk: int):
    plan = get_object_or_404(SupportPlan, pk=plan_pk)
    fields = ("direct_payment_recipient", "direct_payment_recipient_name", "direct_payment_frequency")
    return _edit(
        request,
        plan_pk,
        forms.MoneyForm,
        title="The direct payment",
        initial={name: getattr(plan, name) for name in fields},
        save=lambda plan, data: services.save_money(
            actor=request.user, plan_id=plan.pk, seen_version=data["version"], details=data
        ),
    )


@requires("support_planning.plan")
@require_POST
def plan_remove(request, plan_pk: int, what: str, pk: int):
    """Remove an item or a risk (a button beside it on the plan page)."""
    plan = _checked(request, plan_pk)
    remove = services.remove_item if what == "item" else services.remove_risk
    key = "item_id" if what == "item" else "risk_id"
    try:
        remove(
            actor=request.user,
            plan_id=plan.pk,
            seen_version=seen_version(request.POST, -1),
            **{key: pk},
        )
    except services.PlanConflict:
        messages.error(request, CONFLICT)
    except services.CannotPlan as refusal:
        messages.error(request, str(refusal))
    return redirect(_plan_page(plan))


@requires("support_planning.plan")
@require_http_methods(["GET", "POST"])
def plan_submit(request, plan_pk: int, decide: services.Decide | None = None):
    """Check the plan and send it for sign-off; a plan beyond the tolerance asks for the reason first. `decide`
    (given by the URL configuration) may decide it as it is sent."""
    plan = _plan_for(request, plan_pk)
    figures = selectors.figures(plan)
    needs_reason = bool(figures.gap and figures.gap.beyond_tolerance)
    form = forms.SubmitForm(
        request.POST or None,
        initial={"version": plan.version, "gap_reason": plan.gap_reason},
        needs_reason=needs_reason,
    )
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.submit(
                actor=request.user,
                plan_id=plan.pk,
                seen_version=form.cleaned_data["version"],
                gap_reason=form.cleaned_data.get("gap_reason", ""),
                decide=decide,
                site_url=request.build_absolute_uri("/"),
            )
        except services.PlanConflict:
            form.add_error(None, CONFLICT)
        except services.CannotPlan as refusal:
            form.add_error(None, str(refusal))
        else:
            if not sent.already:
                messages.success(
                    request, AGREED_AT_ONCE if sent.decided else "The plan has been sent for sign-off"
                )
            return redirect(_plan_page(plan))
    return render(
        request,
        "support_planning/submit.html",
        {"plan": plan, "case": plan.case, "person": plan.case.person, "figures": figures, "form": form},
    )


@requires("support_planning.plan")
@require_http_methods(["GET", "POST"])
def plan_hand_over(request, plan_pk: int):
    """Ask someone else to draft the plan (the person online, or a provider or user-led organisation with them),
    or take back a draft someone else holds."""
    plan = _checked(request, plan_pk, "view" if request.method == "GET" else "change")
    if request.POST.get("to") == Holder.WORKER:
        try:
            drafting.hand_over(actor=request.user, plan_id=plan.pk, to=Holder.WORKER)
        except services.CannotPlan as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "You have the draft back")
        return redirect(_plan_page(plan))
    form = drafting_forms.HandOverForm(posted(request), choices=drafting.drafters_for(plan))
    if request.method == "POST" and form.is_valid():
        to, organisation_id = drafting.chosen_drafter(form.cleaned_data["to"])
        try:
            plan = drafting.hand_over(
                actor=request.user, plan_id=plan.pk, to=to, organisation_id=organisation_id
            )
        except services.CannotPlan as refusal:
            form.add_error("to", str(refusal))
        else:
            messages.success(request, f"{plan.drafter_name} can draft the plan online now")
            return redirect(_plan_page(plan))
    return render(
        request,
        "support_planning/hand_over.html",
        {"form": form, "plan": plan, "case": plan.case, "person": plan.case.person},
    )


@requires("support_planning.plan")
@require_POST
def plan_letter(request, plan_pk: int):
    """The plan sent to the person in writing, in standard or large print."""
    plan = _checked(request, plan_pk)
    try:
        services.send_plan_letter(
            actor=request.user, plan_id=plan.pk, large_print=request.POST.get("large_print") == "yes"
        )
    except services.CannotPlan as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "The plan letter is being prepared")
    return redirect(_plan_page(plan))


@requires("support_planning.view_own_plan")
@require_http_methods(["GET", "POST"])
def your_plan(request, case_pk: int):
    """The person's own plan on their own case, and their answer: they agree, or say what they would change."""
    case = get_case_for(request, case_pk, "view", what="their own support plan")
    plan = selectors.plan_for_the_person(case)
    form = forms.AnswerForm(request.POST or None)
    if plan is not None and request.method == "POST" and form.is_valid():
        try:
            services.answer_as_the_person(
                actor=request.user,
                plan_id=plan.pk,
                agrees=form.cleaned_data["agrees"],
                would_change=form.cleaned_data.get("would_change", ""),
            )
        except services.CannotPlan as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Thank you. Your answer has been sent to your worker")
            return redirect("your_plan", case_pk=case.pk)
    return render(
        request,
        "support_planning/your_plan.html",
        {
            "case": case,
            "plan": plan,
            "figures": selectors.figures(plan) if plan else None,
            "form": form,
            "draft": selectors.draft_of(case),
            "offered_drafting": drafting.offered_online(case),
        },
    )


@requires("support_planning.plan")
@require_POST
def plan_new_version(request, plan_pk: int):
    """Withdraw a plan sent for sign-off, or take one returned, to change it as a new version."""
    plan = _checked(request, plan_pk)
    try:
        services.new_version(actor=request.user, plan_id=plan.pk)
    except services.CannotPlan as refusal:
        messages.error(request, str(refusal))
    return redirect(_plan_page(plan))


@requires("support_planning.view_plan")
@require_GET
def plan_compare(request, plan_pk: int):
    """A version beside the one before it, outcome by outcome and item by item."""
    newer = _checked(request, plan_pk, "view")
    if newer.previous_id is None:
        return redirect(_plan_page(newer))
    older, newer = selectors.plans_with_everything(newer.previous_id, newer.pk)
    return render(
        request,
        "support_planning/compare.html",
        {
            "case": newer.case,
            "person": newer.case.person,
            "older": older,
            "newer": newer,
            "rows": versions.compare(older, newer),
            "totals": (selectors.totals_of(older), selectors.totals_of(newer)),
        },
    )


@requires("support_planning.plan")
@require_POST
def plan_refer(request, plan_pk: int):
    """Refer the plan to the complex support planning team."""
    plan = _checked(request, plan_pk)
    try:
        referral = services.refer_to_complex_team(
            actor=request.user, plan_id=plan.pk, note=request.POST.get("note", "")[:2000]
        )
    except services.CannotPlan as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"The plan is on the queue of {referral.team.name}")
    return redirect(_plan_page(plan))


@requires("support_planning.plan_complex")
@require_http_methods(["GET", "POST"])
def complex_queue(request):
    """The complex support planning team's queue: plans referred to it, oldest first, each picked up in one press."""
    if request.method == "POST":
        chosen = request.POST.get("referral", "")
        referral = get_object_or_404(ComplexReferral, pk=int(chosen) if chosen.isdigit() else 0)
        try:
            services.pick_up_complex_referral(actor=request.user, referral_id=referral.pk)
        except services.CannotPlan as refusal:
            messages.error(request, str(refusal))
            return redirect("complex_queue")
        return redirect(_plan_page(referral.plan))
    team = request.user.team
    return render(
        request,
        "support_planning/complex_queue.html",
        {"team": team, "referrals": selectors.complex_queue(team)},
    )
