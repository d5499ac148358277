"""A person's list of services, to print or email to themselves: the rules, kept apart from the web.

The list lives in the visitor's session, so it needs no account and is gone when the session ends (when they
close the browser, or SESSION_COOKIE_AGE after their last request). A session is any mutable mapping here, so
the rules are tested with a dict. Services are kept by their public uuid, in the order they were added.

Emailing the list is limited (per session and per address, config.ratelimit), because the form sends mail to
any address typed into it.
"""

import re
from collections.abc import MutableMapping
from enum import Enum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from config.ratelimit import Limit
from directory import selectors

LIST_KEY = "directory_saved_list"
EMAILED_TO_KEY = "directory_saved_list_emailed_to"  # shown on the confirmation page, then kept until the next

# Enough for anyone's shortlist, and it keeps the printed list and the email a sensible length.
MOST_SERVICES = 30
EMAILS = Limit("directory_saved_list_emails", per_session=3, per_address=12)


class Added(Enum):
    ADDED = "added"
    ALREADY_THERE = "already there"
    LIST_FULL = "list full"


class SavedList:
    """The services saved in one session, in the order they were added."""

    def __init__(self, session: MutableMapping):
        self.session = session

    @property
    def uuids(self) -> list[str]:
        return list(self.session.get(LIST_KEY, []))

    def __len__(self) -> int:
        return len(self.uuids)

    def __contains__(self, service_uuid) -> bool:
        return str(service_uuid) in self.uuids

    def is_full(self) -> bool:
        return len(self) >= MOST_SERVICES

    def add(self, service_uuid) -> Added:
        """Add a service at the end; a service already there keeps its place, and a full list takes no more."""
        if service_uuid in self:
            return Added.ALREADY_THERE
        if self.is_full():
            return Added.LIST_FULL
        self._save([*self.uuids, str(service_uuid)])
        return Added.ADDED

    def remove(self, service_uuid) -> bool:
        """Take a service off the list; False when it was not on it."""
        if service_uuid not in self:
            return False
        self._save([kept for kept in self.uuids if kept != str(service_uuid)])
        return True

    def keep_only(self, service_uuids) -> None:
        """Forget services that have closed for good or been taken out of the directory since they were added."""
        still_listed = {str(service_uuid) for service_uuid in service_uuids}
        if not still_listed.issuperset(self.uuids):
            self._save([kept for kept in self.uuids if kept in still_listed])

    def _save(self, uuids: list[str]) -> None:
        # Assigning a new list (never changing the stored one in place) is what marks a session as modified.
        self.session[LIST_KEY] = uuids


# Emailing the list


def record_email(session: MutableMapping, *, to: str) -> None:
    """Note where the list was emailed, for the confirmation page."""
    session[EMAILED_TO_KEY] = to


def emailed_to(session: MutableMapping) -> str | None:
    return session.get(EMAILED_TO_KEY)


def email_saved_list(*, to: str, service_uuids: list[str], site_url: str) -> int:
    """Send the services (those still listed) to `to`, as plain text and HTML, with links back to the site.

    `site_url` is the scheme and host the person used ("https://example.gov.uk"), so every link in the email is
    absolute. Returns how many services the email listed; nothing is sent when none of them is still listed.
    """
    services = selectors.saved_services(service_uuids)
    if not services:
        return 0
    context = {
        "services": services,
        "site_url": site_url.rstrip("/"),
        "council_name": settings.COUNCIL_NAME_DEFAULT,
    }
    message = EmailMultiAlternatives(
        subject=f"Your list of local services from {settings.COUNCIL_NAME_DEFAULT}",
        body=_squeeze_blank_lines(render_to_string("directory/email/saved_list.txt", context)),
        to=[to],
    )
    message.attach_alternative(render_to_string("directory/email/saved_list.html", context), "text/html")
    message.send()
    return len(services)


def _squeeze_blank_lines(text: str) -> str:
    """Template tags on lines of their own leave runs of blank lines; a plain-text email wants one at most."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
