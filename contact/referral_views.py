"""A referral made at the front door, followed to its outcome; reablement through its free weeks."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.audit import record_access
from cases.models import AccessEvent
from cases.services import CannotClose
from cases.stages import IllegalMove
from config.access import requires
from config.requests import posted
from contact import reablement, services
from contact.forms import ReablementOutcomeForm, ReablementStartForm, ReferralUpdateForm
from contact.models import Referral


def _referral(request, pk: int) -> Referral:
    try:
        referral = Referral.objects.select_related("case__person", "contact").get(pk=pk)
    except Referral.DoesNotExist as missing:
        raise Http404 from missing
    record_access(request, action=AccessEvent.Action.VIEW, case=referral.case, what="referral")
    return referral


@requires("contact.follow_up_referral")
@require_http_methods(["GET", "POST"])
def referral(request, pk: int):
    """A referral made at the front door, and where it has got to."""
    referral = _referral(request, pk)
    if referral.is_reablement:
        return _reablement(request, referral)
    form = ReferralUpdateForm(
        posted(request), initial={"status": referral.status, "outcome": referral.outcome}
    )
    if request.method == "POST" and form.is_valid():
        services.update_referral(actor=request.user, referral_id=referral.pk, **form.cleaned_data)
        messages.success(request, "Referral updated")
        return redirect("contact_queue", queue="new")
    return render(request, "contact/referral.html", {"referral": referral, "form": form})


def _reablement(request, referral: Referral):
    """Reablement through its free weeks: record the start (or that it did not go ahead), then how it ended,
    which moves the case on."""
    today = timezone.localdate()
    form = None
    if referral.awaiting_start:
        form = ReablementStartForm(posted(request), referral=referral, today=today)
    elif referral.under_way:
        form = ReablementOutcomeForm(posted(request))
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if isinstance(form, ReablementOutcomeForm):
                services.end_reablement(
                    actor=request.user,
                    referral_id=referral.pk,
                    outcome=data["reablement_outcome"],
                    note=data["outcome"].strip(),
                )
            elif data["started"] == "yes":
                services.start_reablement(
                    actor=request.user, referral_id=referral.pk, started_on=data["started_on"]
                )
            else:
                services.decline_reablement(
                    actor=request.user, referral_id=referral.pk, reason=data["declined_reason"].strip()
                )
        except (CannotClose, IllegalMove) as blocked:
            form.add_error("reablement_outcome", str(blocked))
        except services.NotUnderWay:
            messages.info(request, "Someone else has updated this referral: here is where it stands now")
            return redirect("contact_referral", pk=referral.pk)
        else:
            messages.success(request, "Reablement updated")
            return redirect("contact_referral", pk=referral.pk)
    context = {
        "referral": referral,
        "form": form,
        "free_period": reablement.free_period_text(referral.free_until, today) if referral.free_until else "",
        "review_due": referral.under_way and reablement.review_due(referral.free_until, today),
    }
    return render(request, "contact/reablement.html", context)
