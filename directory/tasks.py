"""Celery tasks for the directory: thin wrappers that take ids, never model instances."""

import logging
import smtplib

from celery import shared_task

from directory import saved_list

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1, name="directory.tasks.email_saved_list")
def email_saved_list_task(self, to: str, service_uuids: list[str], site_url: str) -> int:
    """Email a person their list. A mail server that is down or refuses for now is tried again, backing off."""
    try:
        return saved_list.email_saved_list(to=to, service_uuids=service_uuids, site_url=site_url)
    except (OSError, smtplib.SMTPException) as error:
        if self.request.retries >= self.max_retries:
            log.exception("a saved list could not be emailed after %s attempts", MAX_ATTEMPTS)
            return 0
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 2), 300)) from error
