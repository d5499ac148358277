"""The team manager's screens on a case of their team: who works on it, and settling what keeps it open."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cases import services
from cases.access import get_case_for
from cases.forms import AllocationForm, EnquiryFinishedForm
from cases.models import CaseFlag
from config.access import requires
from config.requests import posted


@requires("cases.settle_case")
@require_http_methods(["GET", "POST"])
def enquiry_finish(request, pk: int):
    """Record that the case's section 42 enquiry has finished, and how it ended."""
    case = get_case_for(request, pk, "settle", what="section 42 enquiry")
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


@requires("cases.allocate_case")
@require_http_methods(["GET", "POST"])
def case_allocate(request, pk: int):
    """Allocate the case to a worker of its team, or reallocate it to another."""
    case = get_case_for(request, pk, "allocate", what="allocation")
    if not case.is_open:
        messages.info(request, "This case is closed, so it is not allocated.")
        return redirect(case)
    seen = {"seen_worker": case.allocated_worker_id or ""}
    form = AllocationForm(posted(request), case=case, initial=seen)
    if request.method == "POST" and form.is_valid():
        worker = form.cleaned_data["worker"]
        try:
            services.allocate(
                actor=request.user,
                case_id=case.pk,
                worker=worker,
                seen_worker=form.cleaned_data["seen_worker"],
                note=form.cleaned_data["note"],
                site_url=request.build_absolute_uri("/"),
            )
        except services.AllocationChanged as changed:
            who = changed.current.display_name if changed.current else "nobody"
            messages.warning(
                request,
                f"This case was allocated to {who} while you were choosing. Choose again if it should go "
                "to someone else.",
            )
            case.allocated_worker = changed.current
            form = AllocationForm(
                case=case, initial={"seen_worker": changed.current.pk if changed.current else ""}
            )
        except services.NotInTeam:
            form.add_error("worker", form.fields["worker"].error_messages["invalid_choice"])
        else:
            messages.success(request, f"Case {case.reference} allocated to {worker.display_name}")
            return redirect(case)
    return render(request, "cases/allocate.html", {"case": case, "form": form})
