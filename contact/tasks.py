"""Thin Celery wrappers over contact.notices. Tasks take ids, never model instances."""

from celery import shared_task

from contact import notices


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5, name="contact.email_summary"
)
def email_summary_task(contact_id: int) -> None:
    notices.email_summary(contact_id)


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5, name="contact.concern"
)
def tell_managers_task(concern_id: int, site_url: str = "") -> None:
    notices.tell_managers_of_concern(concern_id, base_url=site_url.rstrip("/"))


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5, name="contact.acknowledge"
)
def acknowledge_submission_task(contact_id: int) -> None:
    notices.acknowledge_submission(contact_id)
