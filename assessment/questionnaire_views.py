"""Council admins: every questionnaire version, a preview of a draft exactly as people will answer it, and
publishing. Drafts are edited in the configuration screens (assessment.admin)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from assessment import questionnaire_services, selectors
from assessment.forms import DomainForm
from assessment.models import Questionnaire
from assessment.outcomes import ALL_OUTCOMES
from assessment.questionnaires import CannotPublish, publish_problems
from cases.access import allow
from cases.roles import Role


@allow(Role.COUNCIL_ADMIN)
@require_GET
def questionnaires(request):
    versions = Questionnaire.objects.select_related("published_by").order_by("kind", "-version")
    return render(request, "assessment/questionnaires.html", {"versions": versions})


@allow(Role.COUNCIL_ADMIN)
@require_POST
def questionnaire_draft(request, pk: int):
    source = get_object_or_404(Questionnaire, pk=pk)
    draft = questionnaire_services.start_draft(actor=request.user, from_questionnaire_id=source.pk)
    messages.success(request, f"Version {draft.version} is a draft. Edit it, preview it, then publish it.")
    return redirect("questionnaire_preview", pk=draft.pk)


@allow(Role.COUNCIL_ADMIN)
@require_GET
def questionnaire_preview(request, pk: int):
    """The questions as people will see them (every area on one page, as on the phone), nothing saved."""
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    domains = selectors.structure(questionnaire)
    glossary = selectors.glossary(questionnaire)
    problems = [] if questionnaire.is_published else publish_problems(domains, ALL_OUTCOMES)
    return render(
        request,
        "assessment/questionnaire_preview.html",
        {
            "questionnaire": questionnaire,
            "forms": [DomainForm(domain, prefix=domain.key, glossary=glossary) for domain in domains],
            "problems": problems,
            "problem_links": [("#edit-draft", problem) for problem in problems],
            "edit_url": reverse("admin:assessment_questionnaire_change", args=[questionnaire.pk]),
        },
    )


@allow(Role.COUNCIL_ADMIN)
@require_POST
def questionnaire_publish(request, pk: int):
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    try:
        questionnaire_services.publish(actor=request.user, questionnaire_id=questionnaire.pk)
    except CannotPublish:
        messages.error(request, "This draft cannot be published yet: see what is missing below.")
        return redirect("questionnaire_preview", pk=questionnaire.pk)
    messages.success(
        request,
        f"Version {questionnaire.version} is published. New assessments start on it; others keep theirs.",
    )
    return redirect("questionnaires")
