"""Council admins: the RAS versions, a draft tried on past budgets, and publishing it. Starting and publishing
are the same for all versioned configuration (cases.versioning_views)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases import versioning_views
from config.access import requires
from ras import ras_services
from ras.models import RasVersion


@requires("ras.manage_ras")
@require_GET
def ras_versions(request):
    return render(
        request,
        "ras/versions.html",
        {"versions": RasVersion.objects.all(), "page_url": "ras_preview", "draft_url": "ras_draft"},
    )


@requires("ras.manage_ras")
@require_POST
def ras_draft(request, pk: int):
    return versioning_views.start_draft(
        request,
        RasVersion,
        pk,
        then="ras_preview",
        message="Version {version} is a draft. Change it, try it on past budgets, then publish it.",
    )


@requires("ras.manage_ras")
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
            "publish_form": versioning_views.publish_form_for(version),
        },
    )


@requires("ras.manage_ras")
@require_POST
def ras_publish(request, pk: int):
    return versioning_views.publish(
        request,
        RasVersion,
        pk,
        back="ras_preview",
        then="ras_versions",
        message="Version {version} is published, in force from {effective_from:%-d %B %Y}.",
    )
