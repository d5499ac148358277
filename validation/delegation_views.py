"""Council admins: the delegation scheme in versions (who may agree a plan's cost, and the order of escalation),
each published with the date it takes effect. Starting and publishing are the same for all versioned
configuration (cases.versioning_views)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases import versioning_views
from config.access import requires
from validation.models import DelegationScheme


@requires("validation.manage_delegation")
@require_GET
def delegation_schemes(request):
    return render(
        request,
        "validation/delegation_versions.html",
        {
            "versions": DelegationScheme.objects.prefetch_related("levels"),
            "page_url": "delegation_scheme",
            "draft_url": "delegation_scheme_draft",
        },
    )


@requires("validation.manage_delegation")
@require_GET
def delegation_scheme(request, pk: int):
    version = get_object_or_404(DelegationScheme.objects.prefetch_related("levels__limits"), pk=pk)
    return render(
        request,
        "validation/delegation_version.html",
        {
            "version": version,
            "problems": [] if version.is_published else version.publish_problems(),
            "edit_url": reverse("admin:validation_delegationscheme_change", args=[version.pk]),
            "publish_form": versioning_views.publish_form_for(version),
        },
    )


@requires("validation.manage_delegation")
@require_POST
def delegation_scheme_draft(request, pk: int):
    return versioning_views.start_draft(
        request,
        DelegationScheme,
        pk,
        then="delegation_scheme",
        message="Version {version} is a draft. Change it, then publish it with the date it takes effect.",
    )


@requires("validation.manage_delegation")
@require_POST
def delegation_scheme_publish(request, pk: int):
    return versioning_views.publish(
        request,
        DelegationScheme,
        pk,
        back="delegation_scheme",
        then="delegation_schemes",
        message="Version {version} is published, in force from {effective_from:%-d %B %Y}.",
    )
