"""Suggest a correction to a listing: no sign-in, a short GOV.UK form, a confirmation page."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from config import ratelimit
from config.access import public
from config.requests import posted
from directory import curation, selectors
from directory.editor_forms import SuggestionForm


@public
@require_http_methods(["GET", "POST"])
def suggest(request, service_uuid):
    service = selectors.get_listed_service(service_uuid)
    form = SuggestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if ratelimit.allowance(request, curation.SUGGESTIONS).allowed:
            curation.record_suggestion(service, **form.cleaned_data)
            ratelimit.record(request, curation.SUGGESTIONS)
            return redirect("directory_suggestion_sent", service_uuid=service.uuid)
        form.add_error(None, "You have sent several corrections in the last hour. Try again later.")
    context = {"form": form, "service": service, "title": f"Suggest a correction to {service.name}"}
    return render(request, "directory/suggest.html", context)


@public
@require_GET
def suggestion_sent(request, service_uuid):
    service = selectors.get_listed_service(service_uuid)
    return render(request, "directory/suggestion_sent.html", {"service": service})
