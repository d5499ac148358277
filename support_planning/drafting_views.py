"""The screens on which the person drafts their own support plan (support_planning.drafting): a page to start,
a page per outcome, what matters and what to do if support fails, and a check page that sends the draft to their
worker. They work without JavaScript; what was typed is kept when something is wrong."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import get_case_for
from cases.audit import record_access
from cases.models import AccessEvent
from config.access import requires
from config.requests import seen_version
from support_planning import drafting, drafting_forms, selectors, services
from support_planning.costing import ImpossibleCost
from support_planning.models import Holder, PlanItem, SupportPlan
from support_planning.views import CONFLICT

WHAT = "their own draft support plan"


def for_the_drafter(view):
    """A view of the draft for whoever is drafting it, given the plan with everything in it (the read or change
    audited). The person whose draft has gone to their worker is taken to their plan; anyone else: not found."""

    @wraps(view)
    def wrapped(request, plan_pk: int, **kwargs):
        plan = get_object_or_404(SupportPlan.objects.select_related("case__person"), pk=plan_pk)
        if not request.user.has_perm("support_planning.draft_plan", plan):
            if request.user.has_perm("support_planning.view_own_plan", plan.case):
                messages.info(request, "Your worker has your support plan now")
                return redirect("your_plan", case_pk=plan.case_id)
            if drafting.drafted_it(request.user, plan):
                messages.info(request, f"The council has {plan.case.person.full_name}’s support plan now")
                return redirect("referred_plans")
            raise Http404
        action = AccessEvent.Action.VIEW if request.method == "GET" else AccessEvent.Action.CHANGE
        record_access(request, action=action, case=plan.case, what=WHAT)
        return view(request, selectors.plan_with_everything(plan.pk), **kwargs)

    return wrapped


def _saved(form, save) -> bool:
    """Whether `save` saved; a change made meanwhile, or a refusal, is put on the form instead."""
    try:
        save()
    except services.PlanConflict:
        form.add_error(None, CONFLICT)
    except (ImpossibleCost, services.CannotPlan) as refusal:
        form.add_error(None, str(refusal))
    else:
        return True
    return False


def _page(request, plan: SupportPlan, **extra) -> dict:
    return {
        "plan": plan,
        "case": plan.case,
        "figures": selectors.figures(plan),
        "voice": drafting.voice(plan, request.user),
        **extra,
    }


@requires("support_planning.draft_own_plan")
@require_http_methods(["GET", "POST"])
def draft_start(request, case_pk: int):
    """What the draft starts from (the person's outcomes and budget), and the button that starts it; a draft
    under way is carried on."""
    case = get_case_for(request, case_pk, "follow_own", what=WHAT)
    if request.method == "POST":
        try:
            plan = drafting.start_own_draft(actor=request.user, case_id=case.pk)
        except services.CannotPlan as refusal:
            messages.error(request, str(refusal))
            return redirect("your_plan", case_pk=case.pk)
        return redirect("draft_outcome", plan_pk=plan.pk, number=1)
    plan = selectors.open_plan(case)
    if plan is None and not drafting.offered_online(case):
        messages.info(request, drafting.WITH_THE_WORKER)
        return redirect("your_plan", case_pk=case.pk)
    if plan is not None:
        if plan.is_draft and plan.held_by == Holder.PERSON:
            return redirect("draft_check", plan_pk=plan.pk)
        return redirect("your_plan", case_pk=case.pk)
    return render(request, "support_planning/drafting/start.html", selectors.starting_point(case))


@requires("support_planning.draft_plan")
@require_http_methods(["GET", "POST"])
@for_the_drafter
def draft_outcome(request, plan: SupportPlan, number: int):
    """One outcome: what the person wants to achieve in their words, the ways they have added, and one more."""
    outcomes = list(plan.outcomes.all())
    if not 1 <= number <= len(outcomes):
        raise Http404
    outcome = outcomes[number - 1]
    form = drafting_forms.OutcomePageForm(
        request.POST or None, initial={"version": plan.version, "in_my_words": outcome.in_my_words}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form,
            lambda: drafting.save_outcome_page(
                actor=request.user,
                plan_id=plan.pk,
                seen_version=form.cleaned_data["version"],
                outcome_id=outcome.pk,
                in_my_words=form.cleaned_data["in_my_words"],
                way=form.cleaned_data["way"],
            ),
        )
    ):
        if "another" in request.POST:
            return redirect(reverse("draft_outcome", args=[plan.pk, number]) + "#add")
        if number < len(outcomes):
            return redirect("draft_outcome", plan_pk=plan.pk, number=number + 1)
        return redirect("draft_about", plan_pk=plan.pk)
    return render(
        request,
        "support_planning/drafting/outcome.html",
        _page(
            request,
            plan,
            form=form,
            outcome=outcome,
            number=number,
            count=len(outcomes),
            guidance=selectors.rules_in_force().guidance,
        ),
    )


@requires("support_planning.draft_plan")
@require_http_methods(["GET", "POST"])
@for_the_drafter
def draft_about(request, plan: SupportPlan):
    form = drafting_forms.DraftAboutForm(
        request.POST or None,
        initial={"version": plan.version, "what_matters": plan.what_matters, "contingency": plan.contingency},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form,
            lambda: services.save_about(
                actor=request.user,
                plan_id=plan.pk,
                seen_version=form.cleaned_data["version"],
                details=form.cleaned_data,
            ),
        )
    ):
        return redirect("draft_check", plan_pk=plan.pk)
    return render(request, "support_planning/drafting/about.html", _page(request, plan, form=form))


@requires("support_planning.draft_plan")
@require_http_methods(["GET", "POST"])
@for_the_drafter
def draft_check(request, plan: SupportPlan):
    """The whole draft, each part with a link to change it, and the button that sends it to the worker."""
    if request.method == "POST":
        drafting.send_to_worker(actor=request.user, plan_id=plan.pk)
        voice = drafting.voice(plan, request.user)
        messages.success(request, voice.sent)
        return redirect(voice.leave_to)
    return render(request, "support_planning/drafting/check.html", _page(request, plan))


@requires("support_planning.draft_plan")
@require_POST
@for_the_drafter
def draft_remove_way(request, plan: SupportPlan, item_pk: int):
    """Remove a way an outcome could be met (a button beside it on the outcome's page)."""
    item = get_object_or_404(PlanItem, pk=item_pk, outcome__plan=plan)
    number = [outcome.pk for outcome in plan.outcomes.all()].index(item.outcome_id) + 1
    try:
        services.remove_item(
            actor=request.user, plan_id=plan.pk, seen_version=seen_version(request.POST, -1), item_id=item.pk
        )
    except services.PlanConflict:
        messages.error(request, CONFLICT)
    return redirect("draft_outcome", plan_pk=plan.pk, number=number)


@requires("support_planning.view_referred_plans")
@require_GET
def referred_plans(request):
    """For someone at a provider or user-led organisation: the people whose plans the council asked it to draft
    with them, and those it has sent back."""
    return render(
        request,
        "support_planning/drafting/referred.html",
        {"organisation": request.user.organisation, **selectors.referred_to(request.user.organisation_id)},
    )
