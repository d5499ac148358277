"""One-time form tokens: a form submitted twice (double click, resend after a slow response) acts once.

The form carries a fresh UUID in a hidden field. The service that handles the form claims the token inside
its transaction; the second submission finds the claim and is sent where the first one went.
"""

import uuid

from django import forms
from django.db import IntegrityError, transaction

from cases.models import SubmittedForm


class OnceOnlyField(forms.UUIDField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


def fresh_token() -> uuid.UUID:
    return uuid.uuid4()


def parse_token(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def earlier_result(token: uuid.UUID | str | None) -> str | None:
    """Where a previous submission with this token led, if there was one."""
    token = parse_token(token)
    if token is None:
        return None
    return SubmittedForm.objects.filter(pk=token).values_list("result_url", flat=True).first()


class AlreadySubmitted(Exception):
    """This form was handled before; `result_url` is where that submission led."""

    def __init__(self, result_url: str):
        super().__init__(result_url)
        self.result_url = result_url


def claim(token: uuid.UUID | None, *, user, result_url: str) -> None:
    """Record that `token` led to `result_url`, or raise AlreadySubmitted if another submission did first.

    Call inside the service's transaction so the claim and the write commit or roll back together: a
    concurrent duplicate waits on the unique key, then fails and rolls its own write back.
    """
    if token is None:
        return
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(pk=token, user=user, result_url=result_url)
    except IntegrityError as duplicate:
        raise AlreadySubmitted(earlier_result(token) or result_url) from duplicate
