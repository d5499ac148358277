"""Thin Celery wrappers over the reviews' jobs. Tasks take ids, never model instances."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from reviews import ending_services, invitations


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    name="reviews.tasks.invite_to_reviews",
)
def invite_to_reviews_task() -> int:
    """Beat job, each morning: everyone whose review comes soon is invited by letter, once. It works from the data,
    so running it again, or after a day missed or a worker restarted, invites whoever is still waiting and no one
    twice."""
    return invitations.invite_to_reviews()


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    name="reviews.tasks.close_ended_support",
)
def close_ended_support_task() -> int:
    """Beat job, each morning: a case whose plan's planned end has come closes, unless something else on it is
    open (its timeline then says what). From the data, so a day missed is caught up."""
    return ending_services.close_ended_support(today=timezone.localdate())
