"""Thin, idempotent Celery wrappers over the letter engine. Tasks take ids, never model instances."""

import logging

from celery import shared_task

from cases import letters

log = logging.getLogger(__name__)


@shared_task(
    bind=True, acks_late=True, max_retries=letters.MAX_ATTEMPTS - 1, name="cases.tasks.render_letter"
)
def render_letter_task(self, letter_id: int) -> None:
    try:
        letters.produce_letter(letter_id=letter_id)
    except Exception as error:
        final = self.request.retries >= self.max_retries
        letters.record_failure(letter_id=letter_id, error=f"{type(error).__name__}: {error}", final=final)
        if final:
            log.exception("letter %s failed for good", letter_id)
            return
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 2), 300)) from error


@shared_task(name="cases.tasks.requeue_stalled_letters")
def requeue_stalled_letters() -> int:
    """Beat job: a letter queued long ago whose message was lost is sent to the worker again."""
    ids = list(letters.stalled_letters().values_list("pk", flat=True))
    for letter_id in ids:
        render_letter_task.delay(letter_id)
    return len(ids)


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    name="cases.tasks.send_confirmation",
)
def send_confirmation_task(user_id: int, site_url: str) -> None:
    from cases.notices import send_confirmation

    send_confirmation(user_id, site_url=site_url)


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    name="cases.tasks.tell_worker_of_allocation",
)
def tell_worker_task(case_id: int, site_url: str = "") -> None:
    from cases.notices import tell_worker_of_allocation

    tell_worker_of_allocation(case_id, base_url=site_url.rstrip("/"))
