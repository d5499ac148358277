"""Council admins: the RAS versions, a draft tried on past budgets, and publishing it."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases.access import allow
from cases.roles import Role
from ras import ras_services
from ras.models import RasVersion


@allow(Role.COUNCIL_ADMIN)
@require_GET
def ras_versions(request):
    return render(request, "ras/versions.html", {"versions": RasVersion.objects.all()})


@allow(Role.COUNCIL_ADMIN)
@require_POST
def ras_draft(request, pk: int):
    source = get_object_or_404(RasVersion, pk=pk)
    draft = ras_services.start_draft(actor=request.user, from_version_id=source.pk)
    messages.success(
        request, f"Version {draft.version} is a draft. Change it, try it on past budgets, then publish it."
    )
    return redirect("ras_preview", pk=draft.pk)


@allow(Role.COUNCIL_ADMIN)
@require_GET
def ras_preview(request, pk: int):
    """What the version would do to every current indicative budget, per client group."""
    version = get_object_or_404(RasVersion.objects.prefetch_related("bands", "adjustments"), pk=pk)
    return render(
        request,
        "ras/preview.html",
        {
            "version": version,
            "effects": ras_services.preview(version),
            "edit_url": reverse("admin:ras_rasversion_change", args=[version.pk]),
        },
    )


@allow(Role.COUNCIL_ADMIN)
@require_POST
def ras_publish(request, pk: int):
    version = get_object_or_404(RasVersion, pk=pk)
    try:
        effective_from = datetime.date.fromisoformat(request.POST.get("effective_from", ""))
    except ValueError:
        messages.error(request, "Enter the date the version takes effect, like 2027-04-01")
        return redirect("ras_preview", pk=version.pk)
    try:
        ras_services.publish(actor=request.user, version_id=version.pk, effective_from=effective_from)
    except ras_services.CannotPublish as refused:
        messages.error(request, str(refused))
        return redirect("ras_preview", pk=version.pk)
    messages.success(
        request, f"Version {version.version} is published, in force from {effective_from:%-d %B %Y}."
    )
    return redirect("ras_versions")
