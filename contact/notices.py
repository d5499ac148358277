"""Messages the front door sends: the summary of what was agreed, and word to managers of a safeguarding
concern. Plain functions the Celery tasks call; each is safe to run twice (it only sends)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cases.models import CouncilSettings, User
from cases.roles import Role
from contact import selectors
from contact.models import Contact, OutcomeKind, SafeguardingConcern


def summary_address(contact: Contact) -> str:
    """Where the summary goes: the caller's address when they gave one, else the person's."""
    return contact.caller_email or (contact.person.email if contact.person else "")


def summary_content(contact: Contact) -> dict:
    """What the summary (letter or email) says, fixed when it is asked for, so it shows what was agreed then.
    A safeguarding concern is never in it: the summary may reach the very person the concern is about."""
    return {
        "contact": contact.reference,
        "date": timezone.localtime(contact.started_at).strftime("%-d %B %Y"),
        "reason": contact.reason,
        "what_matters": contact.what_matters,
        "outcomes": [
            outcome.get_kind_display()
            for outcome in contact.outcomes.all()
            if outcome.kind != OutcomeKind.SAFEGUARDING
        ],
        "signposts": [
            {
                field: getattr(signpost, field)
                for field in ("name", "organisation", "phone", "email", "url", "address")
            }
            for signpost in contact.signposts.all()
        ],
        "equipment": [
            {
                "description": decision.item.description,
                "cost": decision.cost_text,
                "what_next": decision.for_the_person,
            }
            for decision in selectors.equipment_decisions(contact)
        ],
    }


def email_summary(contact_id: int) -> bool:
    contact = (
        Contact.objects.select_related("person", "case")
        .prefetch_related("outcomes", "signposts", "equipment_items")
        .get(pk=contact_id)
    )
    address = summary_address(contact)
    if not address:
        return False
    context = {"contact": contact, "summary": summary_content(contact), "council": CouncilSettings.current()}
    send_mail(
        subject=f"What we talked about: {contact.reference}",
        message=render_to_string("contact/email/summary.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[address],
    )
    return True


def managers_for(concern: SafeguardingConcern) -> list[User]:
    """The team managers of the case's team, or every team manager when the case has no team."""
    managers = User.objects.filter(role=Role.TEAM_MANAGER, is_active=True).exclude(email="")
    team_managers = managers.filter(team_id=concern.case.team_id)
    return list(team_managers if concern.case.team_id and team_managers.exists() else managers)


def tell_managers_of_concern(concern_id: int, *, base_url: str = "") -> int:
    """Email the managers that a concern is waiting: no personal details in the email, only a link."""
    concern = SafeguardingConcern.objects.select_related("case").get(pk=concern_id)
    recipients = [manager.email for manager in managers_for(concern)]
    if recipients:
        link = base_url + reverse("contact_queue", kwargs={"queue": "safeguarding"})
        send_mail(
            subject=f"Safeguarding concern raised on {concern.case.reference}",
            message=(
                f"A safeguarding concern was raised on case {concern.case.reference} at "
                f"{concern.raised_at:%H:%M on %d %B %Y}. It needs a decision today.\n\n"
                f"Open the safeguarding queue: {link}\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    return len(recipients)


def acknowledge_submission(contact_id: int) -> bool:
    """Tell whoever sent the online form that we have it, with the reference to quote."""
    contact = Contact.objects.get(pk=contact_id)
    address = contact.caller_email or contact.submitted_details.get("email", "")
    if not address:
        return False
    council = CouncilSettings.current()
    send_mail(
        subject=f"We have your message: {contact.reference}",
        message=render_to_string("contact/email/received.txt", {"contact": contact, "council": council}),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[address],
    )
    return True
