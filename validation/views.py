"""Sign-off for managers: the approvals queue, and one screen per plan with everything the decision needs and the
decision itself (agree, return with reasons, escalate with a note)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import selectors as case_selectors
from cases.access import check_case_permission, get_case_for
from cases.audit import record_access
from cases.models import AccessEvent
from config.access import holds, requires
from config.pagination import page_of, pagination
from config.requests import posted
from support_planning.models import SupportPlan
from validation import delegation, selectors, services
from validation.forms import AGREE, ESCALATE, RETURN, DecisionForm

QUEUE_PAGE = 50
WHAT = "support plan for sign-off"


@requires("validation.sign_off")
@require_GET
def approvals(request):
    """The plans waiting for the manager's decision, the longest waiting first, those past the target marked."""
    items = selectors.queue_for(request.user)
    page = page_of(request, items, QUEUE_PAGE)
    return render(
        request,
        "validation/approvals.html",
        {
            "page": page,
            "pagination": pagination(request, page),
            "overdue": sum(item.overdue for item in items),
            "target_days": items[0].target_days if items else None,
        },
    )


def _plan_for(request, plan_pk: int) -> SupportPlan:
    """The plan with everything in it, once the case's permission and sign-off's are checked; the read audited."""
    try:
        plan = selectors.plan_for_sign_off(plan_pk)
    except SupportPlan.DoesNotExist as missing:
        raise Http404 from missing
    check_case_permission(request, plan.case, "view", what=WHAT)
    if not holds(request.user, services.PERMISSION, plan.case):
        record_access(request, action=AccessEvent.Action.DENIED, case=plan.case, what=WHAT)
        raise PermissionDenied
    record_access(request, action=AccessEvent.Action.VIEW, case=plan.case, what=WHAT)
    return plan


DECIDE = {AGREE: services.agree, RETURN: services.return_for_changes, ESCALATE: services.escalate}
DONE = {AGREE: "agreed", RETURN: "returned to be changed", ESCALATE: "escalated"}


@requires("validation.sign_off")
@require_http_methods(["GET", "POST"])
def plan_sign_off(request, plan_pk: int):
    plan = _plan_for(request, plan_pk)
    context = selectors.sign_off_context(plan)
    waiting = context["waiting"]
    acting = waiting and delegation.acting_level(waiting.route, waiting.level, request.user.role)
    above = acting and delegation.next_above(waiting.route, acting)
    form = DecisionForm(
        posted(request),
        initial={"seen_decisions": len(context["decisions"])},
        escalate_to=above.name if above else None,
        own_plan=request.user.pk in (plan.started_by_id, plan.submitted_by_id),
    )
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        words = form.cleaned_data["reason"]
        site = {} if decision == ESCALATE else {"site_url": request.build_absolute_uri("/")}
        try:
            DECIDE[decision](
                actor=request.user,
                plan_id=plan.pk,
                seen_decisions=form.cleaned_data["seen_decisions"],
                **(
                    {"reasons": words, "category": form.cleaned_data["reason_category"]}
                    if decision == RETURN
                    else {"note": words}
                ),
                **site,
            )
        except services.CannotDecide as refused:
            messages.error(request, str(refused))
            return redirect("plan_sign_off", plan_pk=plan.pk)
        messages.success(request, f"{plan.case.person.full_name}’s support plan is {DONE[decision]}.")
        return redirect("approvals")
    return render(
        request,
        "validation/plan.html",
        {
            **context,
            "form": form,
            "acting": acting,
            "escalate_to": above,
            "panel": case_selectors.panel_on(plan.case),
            "may_refer": plan.is_current and holds(request.user, "validation.refer_to_panel", plan.case),
        },
    )


@requires(services.LETTER_PERMISSION)
@require_POST
def plan_agreed_letter(request, plan_pk: int):
    """The letter of an agreed plan and its personal budget sent again, in large print (from the plan page)."""
    plan = get_object_or_404(SupportPlan, pk=plan_pk)
    get_case_for(request, plan.case_id, "change", what="letter of an agreed plan")
    try:
        services.send_agreed_letter(
            actor=request.user, plan_id=plan.pk, large_print=request.POST.get("large_print") == "yes"
        )
    except services.CannotDecide as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Letter requested. It will appear on the case when it is ready.")
    return redirect("support_plan", case_pk=plan.case_id)
