"""For someone at a provider or user-led organisation: the people whose plans in place name it ("People you
support"), and for each a page to record their progress towards the outcomes it supports and any change in their
independence, and to ask for a review. Anyone else's person is not found; every read and change is audited."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cases.audit import record_access
from cases.models import AccessEvent, Case
from cases.submissions import AlreadySubmitted, fresh_token
from config.access import requires
from config.requests import posted
from reviews import interim_selectors, progress, progress_forms, selectors

WHAT = "progress towards their outcomes"


def _someone_they_support(request, case_pk: int) -> Case:
    """A case whose plan in place names the user's organisation; any other is not found (and the attempt is in the
    audit trail)."""
    try:
        case = Case.objects.with_overview().get(pk=case_pk)
    except Case.DoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm(progress.PERMISSION, case):
        record_access(request, action=AccessEvent.Action.DENIED, case=case, what=WHAT)
        raise Http404
    action = AccessEvent.Action.VIEW if request.method == "GET" else AccessEvent.Action.CHANGE
    record_access(request, action=action, case=case, what=WHAT)
    return case


@requires("reviews.view_supported_people")
@require_GET
def supported_people(request):
    organisation = request.user.organisation
    return render(
        request,
        "reviews/providers/people.html",
        {
            "organisation": organisation,
            "people": selectors.people_supported_by(organisation) if organisation else [],
            "urgent": interim_selectors.interim_naming(organisation) if organisation else [],
        },
    )


@requires(progress.PERMISSION)
@require_http_methods(["GET", "POST"])
def record_progress(request, case_pk: int):
    """Progress towards each outcome the organisation supports, with a short note, and the person's independence."""
    case = _someone_they_support(request, case_pk)
    support = selectors.their_support(request.user.organisation, case)
    if support is None:
        raise Http404
    name = case.person.known_as
    form = progress_forms.ProgressForm(
        posted(request), outcomes=support.outcomes, name=name, initial={"once": fresh_token()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            progress.record_progress(
                actor=request.user,
                case_id=case.pk,
                outcomes={pk: progress.OutcomeProgress(*said) for pk, said in form.progress().items()},
                independence=data["independence"],
                independence_note=data["independence_note"],
                once=data["once"],
            )
        except AlreadySubmitted as duplicate:
            return redirect(duplicate.result_url)
        except progress.CannotRecord as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Progress recorded. {name}’s worker will see it at their review")
            return redirect("record_progress", case_pk=case.pk)
    return render(
        request,
        "reviews/providers/person.html",
        {"case": case, "person": case.person, "support": support, "form": form},
    )


@requires(progress.PERMISSION)
@require_http_methods(["GET", "POST"])
def ask_for_review(request, case_pk: int):
    """Why the organisation asks for a review; the review is then due at once. Asked already, it says so."""
    case = _someone_they_support(request, case_pk)
    support = selectors.their_support(request.user.organisation, case)
    if support is None:
        raise Http404
    name = case.person.known_as
    if support.asked is not None:
        messages.info(request, _asked_already(support.asked))
        return redirect("record_progress", case_pk=case.pk)
    form = progress_forms.AskForReviewForm(posted(request), name=name)
    if request.method == "POST" and form.is_valid():
        try:
            asked, new = progress.ask_for_review(
                actor=request.user, case_id=case.pk, because=form.cleaned_data["because"]
            )
        except progress.CannotRecord as refusal:
            form.add_error(None, str(refusal))
        else:
            if new:
                messages.success(
                    request,
                    f"You asked for a review of {name}’s support. It is due by {asked.review.due_by:%-d %B %Y}",
                )
            else:
                messages.info(request, _asked_already(asked))
            return redirect("record_progress", case_pk=case.pk)
    return render(
        request,
        "reviews/providers/ask.html",
        {"case": case, "person": case.person, "form": form},
    )


def _asked_already(asked) -> str:
    return (
        f"You asked for a review on {asked.asked_at:%-d %B %Y}. It is due by {asked.review.due_by:%-d %B %Y}"
    )
