"""The one letter engine: a letter type is a template under templates/letters/, rendered to a tagged PDF.

Rendering happens only in a Celery worker (see cases.tasks). The fetcher reads local files and data URLs and
refuses the network, so a letter never reaches outside the machine for fonts or images.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import CouncilSettings, Letter
from cases.stages import next_step_for_the_person

LETTER_CSS = Path(settings.BASE_DIR) / "templates" / "letters" / "letter.css"
DEFAULT_LOGO = Path(settings.BASE_DIR) / "static" / "images" / "northbrook-council-logo.svg"
MAX_ATTEMPTS = 5


def logo_uri(council: CouncilSettings) -> str:
    if council.logo and Path(council.logo.path).exists():
        return Path(council.logo.path).as_uri()
    return DEFAULT_LOGO.as_uri()


def letter_html(letter: Letter) -> str:
    council = CouncilSettings.current()
    case = letter.case
    return render_to_string(
        f"letters/{letter.letter_type}.html",
        {
            "letter": letter,
            "case": case,
            "person": case.person,
            "council": council,
            "council_address": ", ".join(
                line.strip() for line in council.address.splitlines() if line.strip()
            ),
            "next_step": next_step_for_the_person(case.stage),
            "logo_uri": logo_uri(council),
            "date": timezone.localdate(letter.requested_at),
        },
    )


def pdf_from_html(html: str) -> bytes:
    # WeasyPrint is imported here, not at module level: only the worker renders, and the import is heavy.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(filename=str(LETTER_CSS))], pdf_variant="pdf/ua-1")


def produce_letter(*, letter_id: int) -> Letter:
    """Render the letter once. A second call, or a retry after a crash, finds it ready and does nothing."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("case__person").get(pk=letter_id)
        if letter.status == Letter.Status.READY:
            return letter
        letter.attempts += 1
        letter.pdf = pdf_from_html(letter_html(letter))
        letter.status = Letter.Status.READY
        letter.rendered_at = timezone.now()
        letter.error = ""
        letter.save(update_fields=["attempts", "pdf", "status", "rendered_at", "error"])
        log_event(
            letter.case,
            Milestone.LETTER_READY,
            None,
            subject=letter,
            summary=f"Letter ready: {letter.get_letter_type_display()}",
            letter=letter.pk,
            letter_type=letter.letter_type,
            attempts=letter.attempts,
        )
    return letter


def record_failure(*, letter_id: int, error: str, final: bool) -> None:
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("case").get(pk=letter_id)
        if letter.status == Letter.Status.READY:
            return
        letter.attempts += 1
        letter.error = error[:300]
        fields = ["attempts", "error"]
        if final:
            letter.status = Letter.Status.FAILED
            fields.append("status")
            log_event(
                letter.case,
                Milestone.LETTER_FAILED,
                None,
                subject=letter,
                summary=f"Letter failed: {letter.get_letter_type_display()}",
                letter=letter.pk,
                letter_type=letter.letter_type,
                error=letter.error,
            )
        letter.save(update_fields=fields)


def stalled_letters(older_than_minutes: int = 10):
    cutoff = timezone.now() - timezone.timedelta(minutes=older_than_minutes)
    return Letter.objects.filter(
        status=Letter.Status.QUEUED, requested_at__lt=cutoff, attempts__lt=MAX_ATTEMPTS
    )
