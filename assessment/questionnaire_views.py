"""Council admins: every questionnaire version, a preview of a draft exactly as people will answer it, and
publishing. Drafts are edited in the configuration screens (assessment.admin); starting and publishing are the
same for all versioned configuration (cases.versioning_views)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from assessment import selectors
from assessment.forms import DomainForm
from assessment.models import Questionnaire
from cases import versioning_views
from config.access import requires


@requires("assessment.manage_questionnaires")
@require_GET
def questionnaires(request):
    versions = Questionnaire.objects.select_related("published_by").order_by("kind", "-version")
    return render(
        request,
        "assessment/questionnaires.html",
        {"versions": versions, "page_url": "questionnaire_preview", "draft_url": "questionnaire_draft"},
    )


@requires("assessment.manage_questionnaires")
@require_POST
def questionnaire_draft(request, pk: int):
    return versioning_views.start_draft(
        request,
        Questionnaire,
        pk,
        then="questionnaire_preview",
        message="Version {version} is a draft. Edit it, preview it, then publish it.",
    )


@requires("assessment.manage_questionnaires")
@require_GET
def questionnaire_preview(request, pk: int):
    """The questions as people will see them (every area on one page, as on the phone), nothing saved."""
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    domains = selectors.structure(questionnaire)
    glossary = selectors.glossary(questionnaire)
    problems = [] if questionnaire.is_published else questionnaire.publish_problems()
    return render(
        request,
        "assessment/questionnaire_preview.html",
        {
            "questionnaire": questionnaire,
            "forms": [DomainForm(domain, prefix=domain.key, glossary=glossary) for domain in domains],
            "problems": problems,
            "problem_links": [("#edit-draft", problem) for problem in problems],
            "edit_url": reverse("admin:assessment_questionnaire_change", args=[questionnaire.pk]),
            "publish_form": versioning_views.publish_form_for(questionnaire),
        },
    )


@requires("assessment.manage_questionnaires")
@require_POST
def questionnaire_publish(request, pk: int):
    return versioning_views.publish(
        request,
        Questionnaire,
        pk,
        back="questionnaire_preview",
        then="questionnaires",
        message="Version {version} is published, in force from {effective_from:%-d %B %Y}. New assessments "
        "start on it from then; others keep theirs.",
    )
