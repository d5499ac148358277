"""Council admins: the planning rules in versions (the tolerance around the indicative budget, the complex-case
criteria), each published with the date it takes effect. Starting and publishing are the same for all versioned
configuration (cases.versioning_views)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases import versioning_views
from config.access import requires
from support_planning.models import PlanningRules


@requires("support_planning.manage_planning_rules")
@require_GET
def planning_rules(request):
    return render(
        request,
        "support_planning/rules_versions.html",
        {
            "versions": PlanningRules.objects.all(),
            "page_url": "planning_rules_version",
            "draft_url": "planning_rules_draft",
        },
    )


@requires("support_planning.manage_planning_rules")
@require_GET
def planning_rules_version(request, pk: int):
    version = get_object_or_404(PlanningRules, pk=pk)
    return render(
        request,
        "support_planning/rules_version.html",
        {
            "version": version,
            "edit_url": reverse("admin:support_planning_planningrules_change", args=[version.pk]),
            "publish_form": versioning_views.publish_form_for(version),
        },
    )


@requires("support_planning.manage_planning_rules")
@require_POST
def planning_rules_draft(request, pk: int):
    return versioning_views.start_draft(
        request,
        PlanningRules,
        pk,
        then="planning_rules_version",
        message="Version {version} is a draft. Change it, then publish it with the date it takes effect.",
    )


@requires("support_planning.manage_planning_rules")
@require_POST
def planning_rules_publish(request, pk: int):
    return versioning_views.publish(
        request,
        PlanningRules,
        pk,
        back="planning_rules_version",
        then="planning_rules",
        message="Version {version} is published, in force from {effective_from:%-d %B %Y}.",
    )
