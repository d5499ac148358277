"""Ending support from the case: all of it or one service, with why and the last day; and closing the case once the
support has ended and nothing else keeps it open."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.access import get_case_for
from config.access import requires
from config.requests import posted
from reviews import ending_forms, ending_services


@requires(ending_services.PERMISSION)
@require_http_methods(["GET", "POST"])
def end_support(request, case_pk: int):
    case = get_case_for(
        request, case_pk, "view" if request.method == "GET" else "change", what="ending support"
    )
    started = ending_services.support_in_place(case)
    if started is None:
        messages.info(request, "There is no support in place to end")
        return redirect(case)
    ended = ending_services.plan_ending(started)
    if ended is not None:
        return _ended(request, case, ended)
    orders = ending_services.running_orders(started)
    form = ending_forms.EndSupportForm(posted(request), started=started, orders=orders)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if order := form.order:
                ending_services.end_service(
                    actor=request.user,
                    order_id=order.pk,
                    ends_on=data["ends_on"],
                    reason=data["reason"],
                    note=data["note"],
                )
            else:
                result = ending_services.end_plan(
                    actor=request.user,
                    case_id=case.pk,
                    ends_on=data["ends_on"],
                    reason=data["reason"],
                    note=data["note"],
                )
        except ending_services.CannotEnd as refusal:
            form.add_error(None, str(refusal))
        else:
            if order:
                messages.success(
                    request,
                    f"{order.item.description} from {order.provider} ends on {data['ends_on']:%-d %B %Y}. "
                    "The provider is sent a notice",
                )
            else:
                _tell(request, case, result)
            return redirect(case)
    return render(
        request,
        "reviews/end_support.html",
        {"form": form, "case": case, "person": case.person, "started": started, "orders": orders},
    )


def _tell(request, case, result: ending_services.Ended) -> None:
    day = f"{result.ending.ends_on:%-d %B %Y}"
    if result.closed:
        messages.success(request, f"The support ended on {day}, and case {case.reference} is closed")
    elif result.still_open:
        messages.warning(
            request,
            f"The support ended on {day}. Case {case.reference} stays open. {' '.join(result.still_open)}",
        )
    else:
        messages.success(
            request,
            f"The support ends on {day}. Case {case.reference} closes that day, if nothing else on it is open",
        )


def _ended(request, case, ended):
    """The plan's support has ended (or will): say so; once its day has come and the case is still open, say what
    keeps it open and offer to close it."""
    has_ended = ended.ends_on <= timezone.localdate()
    if request.method == "POST" and "close" in request.POST and case.is_open and has_ended:
        still_open = ending_services.close_after_ending(actor=request.user, case_id=case.pk)
        _tell(request, case, ending_services.Ended(ended, closed=not still_open, still_open=still_open))
        return redirect(case)
    still_open = []
    if case.is_open and has_ended:
        still_open = [*case.reasons_not_to_close(), *ending_services.open_here(case)]
    return render(
        request,
        "reviews/support_ended.html",
        {
            "case": case,
            "person": case.person,
            "ended": ended,
            "has_ended": has_ended,
            "still_open": still_open,
        },
    )
