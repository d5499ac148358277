"""Reads for the front door: the queues, a person's recent contacts, and a contact with everything on it."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from cases.models import Case, Person
from cases.stages import Stage
from contact import equipment, reablement, rules
from contact.models import Contact, FreeSupportLimits, OutcomeKind, Referral, SafeguardingConcern

SORTS = {"oldest": "oldest first", "newest": "newest first"}


def _sorted(items: QuerySet, field: str, sort: str) -> QuerySet:
    return items.order_by(field if sort == "oldest" else f"-{field}", "pk")


def open_referrals_on(case: Case, *, besides: Contact) -> list[str]:
    """Referrals from other contacts on the case still waiting or under way, in sentences: a later call resolved
    with advice must not close the case on a matter someone is still waiting on."""
    still_open = (
        Referral.objects.filter(case=case, status__in=[Referral.Status.MADE, Referral.Status.ACCEPTED])
        .exclude(contact=besides)
        .order_by("made_at", "pk")
    )
    return [
        f"The {referral.name[0].lower()}{referral.name[1:]} made on "
        f"{timezone.localtime(referral.made_at):%-d %B %Y} is still open."
        for referral in still_open
    ]


def unsettled_on(case: Case, *, besides: Contact) -> list[str]:
    """Why the case cannot close now: what the case record holds (Case.reasons_not_to_close) and the referrals
    still open."""
    return case.reasons_not_to_close() + open_referrals_on(case, besides=besides)


def new_contacts(*, sort: str = "oldest", channel: str = "") -> QuerySet[Contact]:
    """Contacts still being recorded, and forms sent online that no adviser has picked up yet."""
    contacts = Contact.objects.exclude(status=Contact.Status.COMPLETED).select_related(
        "person", "taken_by", "held_by"
    )
    if channel:
        contacts = contacts.filter(channel=channel)
    return _sorted(contacts, "started_at", sort)


def safeguarding_queue(*, sort: str = "oldest") -> QuerySet[SafeguardingConcern]:
    concerns = SafeguardingConcern.objects.filter(decision="").select_related("case__person", "raised_by")
    return _sorted(concerns, "raised_at", sort)


def referrals_queue(*, kind: str, sort: str = "oldest") -> QuerySet[Referral]:
    referrals = Referral.objects.filter(
        kind=kind, status__in=[Referral.Status.MADE, Referral.Status.ACCEPTED]
    )
    return _sorted(referrals.select_related("case__person", "contact"), "made_at", sort)


def reablement_review_due(*, today: datetime.date) -> QuerySet[Referral]:
    """Reablement under way whose free period ends within the review notice (or has ended): review it now."""
    return Referral.objects.filter(
        kind=OutcomeKind.REABLEMENT,
        status=Referral.Status.ACCEPTED,
        free_until__lte=today + reablement.REVIEW_NOTICE,
    )


def waiting_for_assessment(*, sort: str = "oldest") -> QuerySet[Case]:
    cases = Case.objects.open().with_overview().filter(stage=Stage.ASSESSMENT, allocated_worker__isnull=True)
    return _sorted(cases, "stage_changed_at", sort)


def case_for_contact(contact: Contact, *, now: datetime.datetime) -> Case | None:
    """The case a contact about a person goes on when it is completed, or None when it opens a new episode.

    A contact about something we already know of (failure demand) goes on that matter: the case of the
    earlier contact it chases, else the person's open case, else their case closed within the repeat window.
    Any other contact goes on the person's open case."""
    person = contact.person
    chased = contact.repeat_of if contact.about_known_matter and contact.repeat_of_id else None
    if chased is not None and chased.person_id == person.pk and chased.case_id:
        return chased.case
    open_case = person.cases.open().order_by("-opened_at").first()
    if open_case is not None or not contact.about_known_matter:
        return open_case
    return person.cases.filter(closed_at__gte=now - rules.REPEAT_WINDOW).order_by("-closed_at", "-pk").first()


def free_support_limits(contact: Contact) -> FreeSupportLimits:
    """The limits in force on the day the contact began: what the adviser told the person stays true."""
    return FreeSupportLimits.objects.in_force(timezone.localtime(contact.started_at).date())


def equipment_decisions(contact: Contact) -> list:
    """Each equipment item on the contact with where it goes, by the limit in force on the contact's day."""
    limit = free_support_limits(contact).equipment_free_up_to
    return equipment.decide(contact.equipment_items.all(), free_up_to=limit)


def contact_with_everything(pk: int) -> Contact:
    return (
        Contact.objects.select_related("person", "case", "taken_by", "held_by", "repeat_of")
        .prefetch_related("outcomes", "signposts", "referrals", "safeguarding_concerns", "equipment_items")
        .get(pk=pk)
    )


def recent_contacts(
    person: Person, *, now: datetime.datetime, excluding: Contact | None = None
) -> list[Contact]:
    """The person's completed contacts inside the repeat window, newest first: a new one may be a repeat."""
    contacts = (
        Contact.objects.completed()
        .filter(person=person, completed_at__gte=now - rules.REPEAT_WINDOW)
        .prefetch_related("outcomes")
        .order_by("-completed_at")
    )
    if excluding is not None:
        contacts = contacts.exclude(pk=excluding.pk)
    return list(contacts[:5])


def contact_on(case: Case, pk: int) -> Contact | None:
    """The contact `pk` if it is on this case (a link naming another case's contact finds none)."""
    return case.contacts.filter(pk=pk).first()


def latest_completed(case: Case) -> Contact | None:
    """The case's most recently completed contact: what the front door last heard and agreed."""
    return case.contacts.filter(status=Contact.Status.COMPLETED).order_by("-completed_at", "-pk").first()


SIGNPOST_FIELDS = ("name", "organisation", "phone", "email", "url", "address")


def signposts_given(case: Case) -> list[dict]:
    """The services the person was told about at the case's latest completed contact, as they were told them
    (name, organisation, phone, email, url, address): what a not-eligible decision letter repeats. Empty when
    the front door told them of none."""
    latest = latest_completed(case)
    if latest is None:
        return []
    return list(latest.signposts.order_by("pk").values(*SIGNPOST_FIELDS))


def recent_contacts_of(
    people: list[Person], *, now: datetime.datetime, days: int = 90
) -> dict[int, list[Contact]]:
    """Each person's contacts in the last `days`, newest first, in one query for them all."""
    found: dict[int, list[Contact]] = {person.pk: [] for person in people}
    if not people:
        return found
    contacts = Contact.objects.filter(person__in=people, started_at__gte=now - datetime.timedelta(days=days))
    for contact in contacts.order_by("-started_at"):
        found[contact.person_id].append(contact)
    return found


def with_earlier_contacts(people: list[Person], *, excluding: Contact | None = None) -> list[Person]:
    """Mark each person `has_earlier_contacts` (a completed contact before this one), in one query for them all:
    only then is a contact asked whether it is about something we already know of."""
    contacts = Contact.objects.completed().filter(person__in=people)
    if excluding is not None:
        contacts = contacts.exclude(pk=excluding.pk)
    known = set(contacts.values_list("person_id", flat=True).distinct())
    for person in people:
        person.has_earlier_contacts = person.pk in known
    return people
