"""Directory editors' pages: find listings that need attention, correct them, check them, act on suggestions."""

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.access import requires
from config.pagination import page_of, pagination
from config.requests import posted, seen_version
from directory import curation
from directory.editor_forms import (
    ListingFilterForm,
    LocationForm,
    OpeningTimesForm,
    PhonesForm,
    ResolveSuggestionForm,
    ServiceDetailsForm,
)
from directory.models import Service, Suggestion

CONFLICT = (
    "Someone else changed this listing while you were editing it. Your changes are below: check them against "
    "the listing and save again."
)


@requires("directory.curate")
@require_GET
def listings(request):
    today = timezone.localdate()
    form = ListingFilterForm(request.GET or None)
    text, view = form.wanted()
    page = page_of(request, curation.listings_for_editors(text=text, view=view, today=today), per_page=25)
    context = {
        "form": form,
        "page": page,
        "pagination": pagination(request, page),
        "view": view,
        "today": today,
    }
    return render(request, "directory/manage/listings.html", context | curation.editors_summary(today))


def _listing(service_uuid) -> Service:
    try:
        return curation.listing_for_editor(service_uuid)
    except Service.DoesNotExist as missing:
        raise Http404 from missing


@requires("directory.curate")
@require_GET
def listing(request, service_uuid):
    service = _listing(service_uuid)
    context = {
        "service": service,
        "due_for_review": service.is_due_for_review(timezone.localdate()),
        "suggestions": curation.suggestions_to_do(service),
    }
    return render(request, "directory/manage/listing.html", context)


@requires("directory.curate")
@require_http_methods(["GET", "POST"])
def listing_new(request):
    form = ServiceDetailsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        service = curation.create_service(
            listing_uuid=form.cleaned_data["listing_uuid"],
            details=form.details(),
            organization_name=form.cleaned_data["organization_name"],
            terms=form.cleaned_data["terms"],
        )
        messages.success(request, f"{service.name} added to the directory")
        return redirect("directory_manage_service", service_uuid=service.uuid)
    return render(
        request,
        "directory/manage/form.html",
        {"form": form, "title": "Add a service", "back_url": reverse("directory_manage")},
    )


def _edit(request, service: Service, form, save: Callable[[int], None], *, title: str, done: str):
    """One part of a listing: save it when the form is valid and nobody saved the listing meanwhile."""
    version = seen_version(request.POST, service.version)
    if request.method == "POST" and form.is_valid():
        try:
            save(version)
        except curation.ListingChanged as changed:
            form.add_error(None, CONFLICT)
            version = changed.current_version
        else:
            messages.success(request, done)
            return redirect("directory_manage_service", service_uuid=service.uuid)
    back_url = reverse("directory_manage_service", kwargs={"service_uuid": service.uuid})
    context = {"form": form, "title": title, "service": service, "version": version, "back_url": back_url}
    return render(request, "directory/manage/form.html", context)


@requires("directory.curate")
@require_http_methods(["GET", "POST"])
def listing_details(request, service_uuid):
    service = _listing(service_uuid)
    form = ServiceDetailsForm(posted(request), instance=service)

    def save(version):
        curation.save_details(
            service,
            details=form.details(),
            organization_name=form.cleaned_data["organization_name"],
            terms=form.cleaned_data["terms"],
            seen_version=version,
        )

    return _edit(request, service, form, save, title=f"Change {service.name}", done="Listing saved")


@requires("directory.curate")
@require_http_methods(["GET", "POST"])
def listing_phones(request, service_uuid):
    service = _listing(service_uuid)
    form = PhonesForm(posted(request), phones=service.phones.all())

    def save(version):
        curation.save_phones(service, phones=form.phones(), seen_version=version)

    return _edit(request, service, form, save, title="Phone numbers", done="Phone numbers saved")


@requires("directory.curate")
@require_http_methods(["GET", "POST"])
def listing_location(request, service_uuid, location_uuid=None):
    service = _listing(service_uuid)
    location = None
    if location_uuid is not None:
        location = next((place for place in service.locations.all() if place.uuid == location_uuid), None)
        if location is None:
            raise Http404
    initial = (
        {"postcode": location.postcode, **{f: getattr(location, f) for f in curation.ADDRESS_FIELDS}}
        if location
        else None
    )
    form = LocationForm(posted(request), initial=initial)

    def save(version):
        curation.save_location(
            service,
            location,
            address=form.address(),
            place=form.cleaned_data["postcode"],
            seen_version=version,
        )

    title = "Change the address" if location else "Add a place where it happens"
    return _edit(request, service, form, save, title=title, done="Address saved")


@requires("directory.curate")
@require_POST
def listing_location_remove(request, service_uuid, location_uuid):
    service = _listing(service_uuid)
    location = next((place for place in service.locations.all() if place.uuid == location_uuid), None)
    if location is None:
        raise Http404
    try:
        curation.remove_location(service, location, seen_version=seen_version(request.POST, service.version))
    except curation.ListingChanged:
        messages.error(
            request, "Someone else changed this listing just now. Check the address and try again."
        )
    else:
        messages.success(request, "Address removed")
    return redirect("directory_manage_service", service_uuid=service.uuid)


@requires("directory.curate")
@require_http_methods(["GET", "POST"])
def listing_times(request, service_uuid):
    service = _listing(service_uuid)
    form = OpeningTimesForm(posted(request), schedules=service.schedules.all())

    def save(version):
        curation.save_opening_times(
            service, openings=form.openings, note=form.cleaned_data["note"].strip(), seen_version=version
        )

    return _edit(request, service, form, save, title="Opening times", done="Opening times saved")


@requires("directory.curate")
@require_POST
def listing_checked(request, service_uuid):
    service = _listing(service_uuid)
    try:
        curation.mark_checked(
            service, seen_version=seen_version(request.POST, service.version), today=timezone.localdate()
        )
    except curation.ListingChanged:
        messages.error(request, "Someone else changed this listing just now. Check it again, then confirm.")
    else:
        messages.success(request, "Marked as checked today. It is due for review again in a year.")
    return redirect("directory_manage_service", service_uuid=service.uuid)


@requires("directory.curate")
@require_GET
def listing_history(request, service_uuid):
    service = _listing(service_uuid)
    return render(
        request,
        "directory/manage/history.html",
        {"service": service, "changes": curation.history_of(service)},
    )


@requires("directory.curate")
@require_http_methods(["GET", "POST"])
def suggestion(request, suggestion_id: int):
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("service", "resolved_by"), pk=suggestion_id
    )
    form = ResolveSuggestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            curation.resolve_suggestion(
                suggestion.pk,
                by=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except curation.AlreadyResolved:
            messages.info(request, "Another editor dealt with this suggestion first")
        else:
            messages.success(request, "Suggestion closed")
        return redirect("directory_manage_service", service_uuid=suggestion.service.uuid)
    return render(request, "directory/manage/suggestion.html", {"suggestion": suggestion, "form": form})
