"""Emails about a person's own account."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from cases.models import CouncilSettings, User
from cases.registration import confirmation_token


def send_confirmation(user_id: int, *, site_url: str) -> bool:
    user = User.objects.get(pk=user_id)
    if user.is_active:
        return False
    link = site_url.rstrip("/") + reverse("register_confirm", args=[confirmation_token(user)])
    send_mail(
        subject="Confirm your email address",
        message=render_to_string(
            "registration/confirm_email.txt", {"link": link, "council": CouncilSettings.current()}
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    return True
