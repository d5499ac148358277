"""A direct payment return (reviews.monitoring): the person sends one online from their case page, or their worker
records one for them from the case. One form, the same three questions, in the words of whoever answers."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.access import get_case_for
from config.access import requires
from config.requests import posted
from reviews import monitoring_forms, monitoring_services, selectors
from reviews.citizen_views import their_case

NO_DIRECT_PAYMENT = "There is no direct payment running to tell us about"


def _return_page(request, case, *, person: bool, template: str, done):
    today = timezone.localdate()
    agreement = selectors.running_direct_payment(case, today)
    if agreement is None:
        messages.info(request, NO_DIRECT_PAYMENT)
        return redirect(done)
    since = monitoring_services.period_start(agreement, today)
    form = monitoring_forms.ReturnForm(posted(request), since=since, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            monitoring_services.send_return(
                actor=request.user,
                case_id=case.pk,
                told=monitoring_services.Told(
                    balance=form.cleaned_data["balance"],
                    outside_plan=form.cleaned_data["outside_plan"],
                    outside_plan_what=form.cleaned_data["outside_plan_what"],
                ),
            )
        except monitoring_services.CannotSendReturn as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                "Thank you: we have what you told us about your direct payment"
                if person
                else "The direct payment return is recorded",
            )
            return redirect(done)
    paid_in = monitoring_services.paid_between(agreement, since, today)
    context = {"form": form, "case": case, "person": case.person, "agreement": agreement, "since": since}
    return render(request, template, {**context, "paid_in": paid_in, "today": today})


@requires(monitoring_services.PERSON_PERMISSION)
@require_http_methods(["GET", "POST"])
def your_direct_payment(request, case_pk: int):
    """The person's own return, from their case page."""
    case = their_case(request, case_pk)
    return _return_page(
        request,
        case,
        person=True,
        template="reviews/monitoring/yours.html",
        done=reverse("citizen_case", args=[case.pk]),
    )


@requires(monitoring_services.WORKER_PERMISSION)
@require_http_methods(["GET", "POST"])
def record_return(request, case_pk: int):
    """A worker records the return for the person (told on a visit or a call, or read from a statement)."""
    action = "view" if request.method == "GET" else "change"
    case = get_case_for(request, case_pk, action, what="direct payment return")
    return _return_page(
        request, case, person=False, template="reviews/monitoring/record.html", done=case.get_absolute_url()
    )
