"""Emails to the workers of a plan that was agreed or returned, sent by the worker after commit as a case's
allocation is (cases.notices): the case's reference, who decided and a link, no personal details. The reasons for
a return are read on the home page and the case's timeline, after signing in."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from cases.models import User
from validation.models import SignOffDecision


def _message(decision: SignOffDecision, link: str) -> tuple[str, str]:
    case, plan = decision.case, decision.plan
    level = f" ({decision.level_name.lower()})" if decision.level_name else ""
    by = f"{decision.decided_by.display_name}{level}"
    on = f"{timezone.localtime(decision.decided_at):%-d %B %Y}"
    about = f"The support plan (version {plan.number}) on case {case.reference}"
    if decision.outcome in SignOffDecision.AGREEMENTS:
        how = (
            f"sent by {by} and agreed as it was sent, a change within the council's tolerance for changes,"
            if decision.outcome == SignOffDecision.Outcome.WITHIN_TOLERANCE
            else f"agreed by {by}"
        )
        return (
            f"Support plan agreed: case {case.reference}",
            f"{about} was {how} on {on}. Its personal budget is fixed, and a letter telling the person "
            f"is being prepared.\n\nOpen the plan: {link}\n",
        )
    return (
        f"Support plan returned: case {case.reference}",
        f"{about} was returned to be changed by {by} on {on}. A new draft is waiting, with everything in it. "
        f"The reasons are on your home page and the case's timeline when you sign in.\n\nOpen the plan: {link}\n",
    )


def tell_workers_of_decision(decision_id: int, user_ids: list[int], *, base_url: str = "") -> int:
    """Email each of `user_ids` that has an address and an active account; how many were sent. Safe to run twice
    (it only sends)."""
    decision = SignOffDecision.objects.select_related("case", "plan", "decided_by").get(pk=decision_id)
    subject, message = _message(decision, base_url + reverse("support_plan", args=[decision.case_id]))
    addresses = list(
        User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").values_list("email", flat=True)
    )
    for address in addresses:
        send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    return len(addresses)
