"""The one way anything is written to a case's journey log (cases.models.CaseEvent).

Every write names a milestone from cases.milestones, the record it is about (`subject`: the contact, the
assessment, the letter...) and the structured facts the analytics read; the sentence the timeline shows comes
with it, or is the milestone's own label.
"""

import datetime

from django.db import models
from django.utils import timezone

from cases.milestones import Milestone
from cases.models import Case, CaseEvent, User


def subject_of(subject: models.Model | None) -> tuple[str, int | None]:
    """How an event names the record it is about: its model label ("contact.contact") and primary key."""
    if subject is None:
        return "", None
    return subject._meta.label_lower, subject.pk


def new_event(
    case: Case,
    milestone: Milestone | str,
    actor: User | None,
    *,
    subject: models.Model | None = None,
    summary: str = "",
    stage: str | None = None,
    occurred_at: datetime.datetime | None = None,
    **facts,
) -> CaseEvent:
    """The event, not yet saved: log_event saves it; loaders of many invented cases bulk-create them."""
    milestone = Milestone(milestone)
    subject_type, subject_id = subject_of(subject)
    return CaseEvent(
        case=case,
        stage=stage or case.stage,
        milestone=milestone,
        actor=actor,
        occurred_at=occurred_at or timezone.now(),
        summary=(summary or milestone.label)[:300],
        subject_type=subject_type,
        subject_id=subject_id,
        facts=facts,
    )


def log_event(
    case: Case,
    milestone: Milestone | str,
    actor: User | None,
    *,
    subject: models.Model | None = None,
    summary: str = "",
    **facts,
) -> CaseEvent:
    """Log that `milestone` happened on the case, at the stage the case is at now, with its facts.

    Facts are JSON (money as strings of pounds and pence, dates as ISO strings): keys that are Python words
    (`from`, `to`) go in as `**{"from": ..., "to": ...}`."""
    event = new_event(case, milestone, actor, subject=subject, summary=summary, **facts)
    event.save()
    return event
