"""Thin Celery wrappers over validation.notices. Tasks take ids, never model instances."""

from celery import shared_task

from validation import notices


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    name="validation.tasks.tell_workers",
)
def tell_workers_task(decision_id: int, user_ids: list[int], site_url: str = "") -> None:
    notices.tell_workers_of_decision(decision_id, user_ids, base_url=site_url.rstrip("/"))
