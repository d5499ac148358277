"""Keeping the directory right: the rules for editors' changes, checks and suggested corrections.

Plain functions, no requests. Every change to a listing claims its version first, so an editor working from an
older copy is told rather than silently overwriting a colleague; the database triggers on each table keep the
history of what changed, by whom.
"""

import datetime
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    DateTimeField,
    DecimalField,
    ExpressionWrapper,
    F,
    GeneratedField,
    Q,
    QuerySet,
    TimeField,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from pghistory.models import MiddlewareEvents

from config.ratelimit import Limit
from directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Suggestion,
    unchecked_since,
)
from directory.places import Place
from directory.templatetags.directory_tags import clock

# Suggestions one visitor may send in an hour: enough for a real correction, too few to be a nuisance.
SUGGESTIONS = Limit("directory_suggestions", per_session=5, per_address=20)


class ListingChanged(Exception):
    """Someone saved the listing after the editor opened it; nothing was saved."""

    def __init__(self, current_version: int):
        super().__init__(f"The listing is now at version {current_version}")
        self.current_version = current_version


def claim_version(service_id: int, seen_version: int) -> int:
    """Move the listing on one version if it is still the one the editor saw; call inside a transaction."""
    claimed = Service.objects.filter(pk=service_id, version=seen_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not claimed:
        raise ListingChanged(Service.objects.values_list("version", flat=True).get(pk=service_id))
    return seen_version + 1


# What an editor types about a service, apart from its categories.
DETAIL_FIELDS = (
    "name",
    "description",
    "url",
    "email",
    "status",
    "is_free",
    "fees_description",
    "eligibility_description",
)


def organization_named(name: str) -> Organization:
    """The organisation with this name (whatever its case), or a new one: editors type names, not pick ids."""
    name = " ".join(name.split())
    existing = Organization.objects.filter(name__iexact=name).order_by("pk").first()
    return existing or Organization.objects.create(name=name)


@transaction.atomic
def create_service(*, listing_uuid: uuid.UUID, details: dict, organization_name: str, terms) -> Service:
    """A new listing. The uuid comes from the form, so a second press of the button finds the first listing."""
    if existing := Service.objects.filter(uuid=listing_uuid).first():
        return existing
    try:
        with transaction.atomic():
            service = Service.objects.create(
                uuid=listing_uuid,
                organization=organization_named(organization_name),
                assured_date=timezone.localdate(),
                **{field: details[field] for field in DETAIL_FIELDS},
            )
    except IntegrityError:  # the same form, submitted twice at once
        return Service.objects.get(uuid=listing_uuid)
    service.terms.set(terms)
    return service


@transaction.atomic
def save_details(
    service: Service, *, details: dict, organization_name: str, terms, seen_version: int
) -> None:
    service.version = claim_version(service.pk, seen_version)
    for field in DETAIL_FIELDS:
        setattr(service, field, details[field])
    service.organization = organization_named(organization_name)
    service.save(update_fields=[*DETAIL_FIELDS, "organization", "updated_at"])
    service.terms.set(terms)


@transaction.atomic
def save_phones(service: Service, *, phones: list[tuple[str, str]], seen_version: int) -> None:
    """Replace the listing's phone numbers with `phones` ((number, description) pairs), keeping unchanged rows."""
    claim_version(service.pk, seen_version)
    kept = {(phone.number, phone.description): phone for phone in service.phones.all()}
    wanted = [pair for pair in phones if pair[0]]
    service.phones.exclude(pk__in=[kept[pair].pk for pair in wanted if pair in kept]).delete()
    Phone.objects.bulk_create(
        [
            Phone(service=service, number=number, description=text)
            for number, text in wanted
            if (number, text) not in kept
        ]
    )


ADDRESS_FIELDS = ("name", "address_1", "address_2", "city")


@transaction.atomic
def save_location(
    service: Service, location: Location | None, *, address: dict, place: Place, seen_version: int
) -> Location:
    """Add a place where the service happens, or correct one; coordinates come from its postcode."""
    claim_version(service.pk, seen_version)
    location = location or Location()
    for field in ADDRESS_FIELDS:
        setattr(location, field, address[field])
    location.postcode = place.label
    location.latitude, location.longitude = place.latitude, place.longitude
    location.save()
    ServiceAtLocation.objects.get_or_create(service=service, location=location)
    return location


@transaction.atomic
def remove_location(service: Service, location: Location, *, seen_version: int) -> None:
    """The service no longer happens there; the place itself goes too unless another service uses it."""
    claim_version(service.pk, seen_version)
    ServiceAtLocation.objects.filter(service=service, location=location).delete()
    if not location.service_at_locations.exists():
        location.delete()


@dataclass(frozen=True)
class Opening:
    weekday: int
    opens_at: datetime.time
    closes_at: datetime.time


@transaction.atomic
def save_opening_times(service: Service, *, openings: list[Opening], note: str, seen_version: int) -> None:
    """The days and hours the service is open; a day not given is a day it is closed."""
    claim_version(service.pk, seen_version)
    current = {(s.weekday, s.opens_at, s.closes_at, s.description): s for s in service.schedules.all()}
    wanted = {(o.weekday, o.opens_at, o.closes_at, note): o for o in openings}
    service.schedules.exclude(pk__in=[s.pk for key, s in current.items() if key in wanted]).delete()
    Schedule.objects.bulk_create(
        [
            Schedule(
                service=service,
                weekday=o.weekday,
                opens_at=o.opens_at,
                closes_at=o.closes_at,
                description=note,
            )
            for key, o in wanted.items()
            if key not in current
        ]
    )


@transaction.atomic
def mark_checked(service: Service, *, seen_version: int, today: datetime.date) -> None:
    """An editor has confirmed the listing with the provider: it is not due for review for another year."""
    service.version = claim_version(service.pk, seen_version)
    service.assured_date = today
    service.save(update_fields=["assured_date", "updated_at"])


_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")
_WORDS = {"midday": datetime.time(12), "noon": datetime.time(12), "midnight": datetime.time(0)}


def parse_clock(text: str) -> datetime.time | None:
    """A time as people type it: 9am, 9:30am, 5.30pm, 17:30, 0900, midday. None when it is not a time."""
    typed = text.strip().lower().replace(" ", "")
    if typed in _WORDS:
        return _WORDS[typed]
    if re.fullmatch(r"\d{4}", typed):
        typed = f"{typed[:2]}:{typed[2:]}"
    match = _CLOCK.match(typed)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif not match[2]:
        return None  # "9" alone: morning or evening?
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


# Suggested corrections.


def record_suggestion(service: Service, *, topic: str, details: str, name: str, email: str) -> Suggestion:
    return Suggestion.objects.create(service=service, topic=topic, details=details, name=name, email=email)


class AlreadyResolved(Exception):
    """Another editor dealt with the suggestion first."""


@transaction.atomic
def resolve_suggestion(suggestion_id: int, *, by, status: str, note: str) -> Suggestion:
    """Close a suggestion once; a second editor pressing the button at the same time is told it is done."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion_id)
    if suggestion.status != Suggestion.Status.NEW:
        raise AlreadyResolved
    suggestion.status, suggestion.resolution_note = status, note
    suggestion.resolved_by, suggestion.resolved_at = by, timezone.now()
    suggestion.save()
    return suggestion


# Reads for the editors' pages.

LISTING_VIEWS = {
    "all": "All listings",
    "review": "Due for review",
    "suggestions": "Suggestions to do",
}


def listings_for_editors(*, text: str, view: str, today: datetime.date) -> QuerySet[Service]:
    services = Service.objects.select_related("organization").annotate(
        suggestions_to_do=Count("suggestions", filter=Q(suggestions__status=Suggestion.Status.NEW)),
        is_due=ExpressionWrapper(unchecked_since(today), output_field=BooleanField()),
    )
    if text:
        services = services.filter(Q(name__icontains=text) | Q(organization__name__icontains=text))
    if view == "review":
        services = services.filter(is_due=True).listed()
        return services.order_by(F("assured_date").asc(nulls_first=True), "name", "pk")
    if view == "suggestions":
        services = services.filter(suggestions_to_do__gt=0)
    return services.order_by("name", "pk")


def editors_summary(today: datetime.date) -> dict:
    return {
        "listed": Service.objects.listed().count(),
        "due_for_review": Service.objects.due_for_review(today).count(),
        "suggestions_to_do": Suggestion.objects.filter(status=Suggestion.Status.NEW).count(),
    }


def listing_for_editor(service_uuid) -> Service:
    return (
        Service.objects.select_related("organization")
        .prefetch_related("phones", "schedules", "cost_options", "service_areas", "locations", "terms")
        .get(uuid=service_uuid)
    )


def suggestions_to_do(service: Service) -> QuerySet[Suggestion]:
    return service.suggestions.filter(status=Suggestion.Status.NEW)


# The history page, in words an editor uses rather than the database's.

# What each kind of row is to an editor (the models' own verbose names say "cost option", "schedule").
_THINGS = {
    "directory.Organization": "Organisation",
    "directory.Service": "Service",
    "directory.CostOption": "Cost",
    "directory.Location": "Place",
    "directory.ServiceAtLocation": "Place",
    "directory.Phone": "Phone number",
    "directory.Schedule": "Opening time",
}
_DONE = {"insert": "added", "update": "changed", "delete": "removed"}

# Where a field's verbose name is not what the editor's forms call it.
_LABELS = {
    "organization": "Organisation",
    "url": "Website",
    "email": "Email address",
    "is_free": "Free",
    "assured_date": "Last checked",
    "address_1": "Address line 1",
    "address_2": "Address line 2",
    "city": "Town or city",
    "weekday": "Day",
    "opens_at": "Opens",
    "closes_at": "Closes",
    "option": "What it is for",
}

# Bookkeeping columns that mean nothing to an editor (timestamps of any kind are left out too).
_UNSHOWN = {"id", "uuid", "version", "latitude", "longitude", "search_document", "service", "location"}


def _shown_fields(model) -> dict:
    """The fields an editor reads about, by the column name the history records them under."""
    return {
        field.attname: field
        for field in model._meta.concrete_fields
        if field.name not in _UNSHOWN
        and not isinstance(field, DateTimeField | GeneratedField)
        and not (field.is_relation and field.name != "organization")
    }


def _label(field) -> str:
    return _LABELS.get(field.name) or capfirst(str(field.verbose_name))


def _money(value) -> str:
    return f"£{Decimal(str(value)):,.2f}".removesuffix(".00")


def _related_name(model, pk, lookups: dict) -> str:
    """A related row's name, looked up once per history page however many changes mention it."""
    key = (model, pk)
    if key not in lookups:
        lookups[key] = model.objects.filter(pk=pk).values_list("name", flat=True).first() or ""
    return lookups[key]


def shown_value(field, value, lookups: dict | None = None) -> str:
    """A recorded value as an editor would write it: Yes, Monday, 9am, £4.50, 1 June 2024."""
    if value is None or value == "":
        return ""
    if isinstance(field, BooleanField):
        return "Yes" if value else "No"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, TimeField):
        return clock(datetime.time.fromisoformat(str(value)))
    if isinstance(field, DateField):
        return date_format(datetime.date.fromisoformat(str(value)), "j F Y")
    if isinstance(field, DecimalField):
        return _money(value)
    if field.is_relation:  # the organisation: its name, if it is still there
        return _related_name(field.related_model, value, {} if lookups is None else lookups)
    return str(value)


def place_address(location_id, lookups: dict | None = None) -> str:
    lookups = {} if lookups is None else lookups
    key = (Location, location_id)
    if key not in lookups:
        location = Location.objects.filter(pk=location_id).first()
        lookups[key] = ", ".join(location.address_lines) if location else ""
    return lookups[key]


def change_what(model_label: str, label: str) -> str:
    """Like "Cost added" or "Opening time removed"."""
    try:
        thing = _THINGS.get(model_label) or capfirst(str(apps.get_model(model_label)._meta.verbose_name))
    except LookupError:
        thing = "Listing"
    return f"{thing} {_DONE.get(label, 'changed')}"


def change_lines(
    model_label: str, label: str, data: dict, diff: dict | None, lookups: dict | None = None
) -> list[tuple[str, str, str]]:
    """(field, before, after) for what an editor would read in a change: a new row's values, a removed row's,
    or what changed, with labels and values in words. Bookkeeping fields, and values that are empty both before
    and after, are left out."""
    if model_label == "directory.ServiceAtLocation":
        address = place_address(data.get("location_id"), lookups)
        if not address or label == "update":
            return []
        return [("Address", "", address) if label == "insert" else ("Address", address, "")]
    try:
        fields = _shown_fields(apps.get_model(model_label))
    except LookupError:
        return []
    if label == "update":
        pairs = {column: tuple(values) for column, values in (diff or {}).items()}
    elif label == "insert":
        pairs = {column: (None, value) for column, value in data.items()}
    else:
        pairs = {column: (value, None) for column, value in data.items()}
    lines = []
    for column, field in fields.items():
        if column not in pairs:
            continue
        before, after = (shown_value(field, value, lookups) for value in pairs[column])
        if before or after:
            lines.append((_label(field), before, after))
    return lines


def history_of(service: Service, *, limit: int = 200) -> list:
    """Every recorded change to the listing and its places, newest first, with who made it, in words; changes an
    editor would see nothing in (a version moving on, coordinates recalculated) are left out."""
    changes = list(
        MiddlewareEvents.objects.references(service)
        .select_related("user")
        .order_by("-pgh_created_at")[:limit]
    )
    locations = list(service.locations.all())
    if locations:
        changes += (
            MiddlewareEvents.objects.references(locations)
            .select_related("user")
            .order_by("-pgh_created_at")[:limit]
        )
    unique = {(change.pgh_model, change.pgh_id): change for change in changes}
    # A place added by an editor is two rows: the place, and its link to the service. Show the place once.
    new_places = {
        str(change.pgh_obj_id)
        for change in unique.values()
        if change.pgh_obj_model == "directory.Location" and change.pgh_label == "insert"
    }
    shown = []
    lookups: dict = {}  # names and addresses the changes mention, each fetched once
    for change in unique.values():
        if (
            change.pgh_obj_model == "directory.ServiceAtLocation"
            and change.pgh_label == "insert"
            and str(change.pgh_data.get("location_id")) in new_places
        ):
            continue
        change.what = change_what(change.pgh_obj_model, change.pgh_label)
        change.lines = change_lines(
            change.pgh_obj_model, change.pgh_label, change.pgh_data, change.pgh_diff, lookups
        )
        if change.lines:
            shown.append(change)
    return sorted(shown, key=lambda change: change.pgh_created_at, reverse=True)[:limit]
