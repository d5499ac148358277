"""Council admins keep the questionnaire: a new version starts as a draft copy of the current one, is edited
and previewed, then published. Published versions never change, so no answer already given ever does."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assessment import selectors
from assessment.models import Questionnaire
from assessment.outcomes import ALL_OUTCOMES
from assessment.questionnaires import CannotPublish, create_from_spec, publish_problems, spec_of
from cases.models import User
from cases.roles import Role


def _require_admin(actor: User) -> None:
    if actor.role != Role.COUNCIL_ADMIN:
        raise PermissionDenied


@transaction.atomic
def start_draft(*, actor: User, from_questionnaire_id: int) -> Questionnaire:
    """A new draft version copied from another; a draft of that kind already open is returned instead (one
    draft at a time, so two admins never edit rival copies)."""
    _require_admin(actor)
    source = Questionnaire.objects.select_for_update().get(pk=from_questionnaire_id)
    if draft := Questionnaire.objects.filter(kind=source.kind, status=Questionnaire.Status.DRAFT).first():
        return draft
    newest = Questionnaire.objects.filter(kind=source.kind).aggregate(Max("version"))["version__max"]
    return create_from_spec(spec_of(source), version=newest + 1)


@transaction.atomic
def publish(*, actor: User, questionnaire_id: int) -> Questionnaire:
    """Publish a draft once it is fit to answer: new assessments start on it from now on."""
    _require_admin(actor)
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire_id)
    if questionnaire.is_published:
        return questionnaire
    if problems := publish_problems(selectors.structure(questionnaire), ALL_OUTCOMES):
        raise CannotPublish(problems)
    questionnaire.status = Questionnaire.Status.PUBLISHED
    questionnaire.published_at, questionnaire.published_by = timezone.now(), actor
    questionnaire.save(update_fields=["status", "published_at", "published_by"])
    return questionnaire
