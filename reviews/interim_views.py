"""Urgent interim support from the case: start it, see it, extend it with a reason or end it early; and the managers'
figures of how much of it there is, how much runs past its end, and how much the plan carries on unchanged."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cases.access import get_case_for
from cases.submissions import AlreadySubmitted, fresh_token
from config.access import requires
from config.requests import posted
from reviews import interim, interim_figures, interim_forms, interim_services
from reviews.interim_models import InterimSupport
from reviews.interim_selectors import directory_providers


@requires(interim_services.PERMISSION)
@require_http_methods(["GET", "POST"])
def interim_new(request, case_pk: int):
    case = get_case_for(
        request, case_pk, "view" if request.method == "GET" else "change", what="urgent support"
    )
    if case.stage in interim_services.TOO_LATE:
        messages.info(request, "Urgent support is for before the plan’s support starts")
        return redirect(case)
    form = interim_forms.InterimForm(posted(request), initial={"once": fresh_token()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            support = interim_services.start_interim(
                actor=request.user,
                case_id=case.pk,
                urgent=interim_services.Urgent(
                    data["provider"], data["what"], data["weekly"], data["starts_on"], data["ends_on"]
                ),
                once=data.get("once"),
            )
        except AlreadySubmitted as earlier:
            return redirect(earlier.result_url)
        except interim_services.CannotArrange as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, f"Urgent support from {support.provider} recorded, until {support.ends_on:%-d %B %Y}"
            )
            return redirect(case)
    return render(
        request,
        "reviews/interim/new.html",
        {
            "form": form,
            "case": case,
            "person": case.person,
            "providers": directory_providers(),
            "weeks": interim.weeks_allowed(),
        },
    )


def _support(request, pk: int) -> tuple[InterimSupport, object]:
    support = get_object_or_404(InterimSupport, pk=pk)
    case = get_case_for(
        request, support.case_id, "view" if request.method == "GET" else "change", what="urgent support"
    )
    return support, case


@requires(interim_services.PERMISSION)
@require_http_methods(["GET", "POST"])
def interim_support(request, pk: int):
    """The urgent support, and extending it with a reason."""
    support, case = _support(request, pk)
    form = interim_forms.ExtendForm(posted(request), support=support)
    if request.method == "POST" and support.is_running and form.is_valid():
        try:
            interim_services.extend_interim(
                actor=request.user,
                interim_id=support.pk,
                ends_on=form.cleaned_data["ends_on"],
                because=form.cleaned_data["because"],
            )
        except interim_services.CannotArrange as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, f"The urgent support now runs to {form.cleaned_data['ends_on']:%-d %B %Y}"
            )
            return redirect(case)
    return _page(request, "reviews/interim/support.html", form, support, case)


@requires(interim_services.PERMISSION)
@require_http_methods(["GET", "POST"])
def interim_end(request, pk: int):
    """Ending urgent support before the plan's support replaces it."""
    support, case = _support(request, pk)
    if not support.is_running:
        return redirect("interim_support", pk=support.pk)
    form = interim_forms.EndInterimForm(posted(request), support=support)
    if request.method == "POST" and form.is_valid():
        try:
            interim_services.end_interim(
                actor=request.user,
                interim_id=support.pk,
                ended_on=form.cleaned_data["ended_on"],
                because=form.cleaned_data["because"],
            )
        except interim_services.CannotArrange as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The urgent support from {support.provider} has ended")
            return redirect(case)
    return _page(request, "reviews/interim/end.html", form, support, case)


def _page(request, template: str, form, support, case):
    return render(
        request,
        template,
        {
            "form": form,
            "support": support,
            "case": case,
            "person": case.person,
            "past_its_end": support.is_past_its_end(timezone.localdate()),
        },
    )


@requires("reviews.view_interim_figures")
@require_GET
def figures(request):
    today = timezone.localdate()
    found = interim_figures.figures(today=today)
    return render(
        request,
        "reviews/interim/figures.html",
        {"figures": found, "headlines": interim_figures.headlines(found), "weeks": interim.weeks_allowed()},
    )
