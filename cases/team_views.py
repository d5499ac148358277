"""The team manager's screens on a case of their team: settling what keeps it open."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cases import services
from cases.access import allow, get_case_for
from cases.forms import EnquiryFinishedForm
from cases.models import CaseFlag
from cases.roles import Role
from config.requests import posted


@allow(Role.TEAM_MANAGER)
@require_http_methods(["GET", "POST"])
def enquiry_finish(request, pk: int):
    """Record that the case's section 42 enquiry has finished, and how it ended."""
    case = get_case_for(request, pk, "manage", what="section 42 enquiry")
    enquiry = next((f for f in case.active_flags if f.kind == CaseFlag.Kind.SAFEGUARDING_ENQUIRY), None)
    if enquiry is None:
        messages.info(request, "No section 42 enquiry is open on this case.")
        return redirect(case)
    form = EnquiryFinishedForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.finish_enquiry(actor=request.user, case_id=case.pk, **form.cleaned_data)
        messages.success(request, "Section 42 enquiry recorded as finished")
        return redirect(case)
    return render(request, "cases/enquiry_finish.html", {"case": case, "enquiry": enquiry, "form": form})
