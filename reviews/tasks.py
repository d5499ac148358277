"""Thin Celery wrappers over the reviews' jobs. Tasks take ids, never model instances."""

from celery import shared_task
from django.db import OperationalError

from reviews import invitations


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
