"""Emails: to a person about their own account, and to a worker about a case allocated to them."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from cases.milestones import ALLOCATIONS
from cases.models import Case, CouncilSettings, User
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


def tell_worker_of_allocation(case_id: int, *, base_url: str = "") -> bool:
    """Email the worker a case was allocated to: no personal details in the email, only the reference and a
    link. False when they have no email address (the notice on their home page still tells them)."""
    case = Case.objects.select_related("allocated_worker").get(pk=case_id)
    worker = case.allocated_worker
    if worker is None or not worker.email:
        return False
    allocation = case.events.filter(milestone__in=ALLOCATIONS).select_related("actor").first()
    by = f" by {allocation.actor.display_name}" if allocation and allocation.actor else ""
    link = base_url + reverse("case", args=[case.pk])
    send_mail(
        subject=f"Case {case.reference} has been allocated to you",
        message=(
            f"Case {case.reference} has been allocated to you{by}.\n\n"
            f"Open the case: {link}\n\nIt is also in your caseload when you sign in.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[worker.email],
    )
    return True
