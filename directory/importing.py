"""Import services from an Open Referral UK feed: the inverse of `serializers`.

Three steps, plain functions: `load_feed` reads a file or URL into a list of service dicts (following ORUK page
envelopes), `problems_with` says why a service would be rejected (our own checks, then the UK profile's schema),
and `import_services` applies a feed in one transaction. Records are matched by their ORUK `id` (our `uuid`), so
importing the same feed twice changes nothing; a service's child rows (phones, hours, costs, areas, places,
categories) are replaced only when they differ from the feed's.
"""

import datetime
import json
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import jsonschema
from django.db import DatabaseError, models, transaction
from django.db.models import F
from django.utils.text import slugify
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.models import (
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "oruk-schema"
URL_TIMEOUT = 30
MAX_PAGES = 1000
DEFAULT_TAXONOMY = "Imported categories"
ICAL_DAYS = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}
DAY_NAMES = {day.label.lower(): day.value for day in Schedule.Weekday} | {
    day.label.lower()[:3]: day.value for day in Schedule.Weekday
}
STATUSES = [choice.value for choice in Service.Status]


class FeedError(Exception):
    """The feed cannot be read or is not ORUK-shaped JSON at all: nothing is imported."""


# Reading


def _read_json(source: str) -> Any:
    try:
        if urllib.parse.urlparse(source).scheme in {"http", "https"}:
            request = urllib.request.Request(source, headers={"Accept": "application/json"})
            with urllib.request.urlopen(request, timeout=URL_TIMEOUT) as response:
                return json.loads(response.read().decode("utf-8"))
        return json.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise FeedError(f"Cannot read {source}: {problem}") from None


def _with_page(url: str, number: int) -> str:
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    query["page"] = str(number)
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def services_in(document: Any) -> list:
    """The services of one document: a page envelope's `contents`, a plain list, or a single service."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("contents"), list):
            return document["contents"]
        if "id" in document and "name" in document:
            return [document]
    raise FeedError("Not an Open Referral UK feed: expected a page with `contents`, a list or a service.")


def load_feed(source: str) -> list:
    """Every service in a file or URL; for a URL, every page of it."""
    document = _read_json(source)
    services = list(services_in(document))
    is_url = urllib.parse.urlparse(source).scheme in {"http", "https"}
    if is_url and isinstance(document, dict) and isinstance(document.get("total_pages"), int):
        number = document.get("page_number") or 1
        while number < min(document["total_pages"], MAX_PAGES):
            number += 1
            services += services_in(_read_json(_with_page(source, number)))
    return services


# Validating


def _schema_validator() -> jsonschema.Draft202012Validator:
    resources = [
        (
            path.as_uri(),
            Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
        )
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    ]
    schema = {"$ref": (SCHEMA_DIR / "service.json").as_uri()}
    return jsonschema.Draft202012Validator(schema, registry=Registry().with_resources(resources))


_VALIDATOR = None


def _validator() -> jsonschema.Draft202012Validator:
    global _VALIDATOR
    if _VALIDATOR is None:
        _VALIDATOR = _schema_validator()
    return _VALIDATOR


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _label(record: Any) -> str:
    if isinstance(record, dict) and record.get("id") not in (None, ""):
        return f"service {record['id']}"
    if isinstance(record, dict) and record.get("name"):
        return f"service '{record['name']}'"
    return "service (no id)"


def problems_with(record: Any) -> list[str]:
    """Why this service cannot be imported; empty if it can."""
    if not isinstance(record, dict):
        return ["not a JSON object"]
    problems = []
    if not record.get("id"):
        problems.append("missing id")
    elif not _is_uuid(record["id"]):
        problems.append(f"id '{record['id']}' is not a valid uuid")
    if not isinstance(record.get("name"), str) or not record["name"].strip():
        problems.append("missing name")
    if "status" in record and record["status"] not in STATUSES:
        problems.append(f"status '{record['status']}' is not one of {', '.join(STATUSES)}")
    organization = record.get("organization")
    org_id = organization.get("id") if isinstance(organization, dict) else record.get("organization_id")
    if not org_id:
        problems.append("no organization")
    elif not _is_uuid(org_id):
        problems.append(f"organization id '{org_id}' is not a valid uuid")
    elif not isinstance(organization, dict) and not Organization.objects.filter(uuid=org_id).exists():
        problems.append(f"organization {org_id} is not in the feed or the directory")
    for sal in record.get("service_at_locations") or []:
        place = sal.get("location") if isinstance(sal, dict) else None
        if not isinstance(place, dict) or not _is_uuid(place.get("id")):
            problems.append("a service_at_location has no location with a valid uuid")
    if problems:
        return problems
    for error in sorted(_validator().iter_errors(record), key=lambda error: list(error.path))[:3]:
        where = "/".join(str(part) for part in error.path) or "service"
        problems.append(f"schema: {where}: {error.message}")
    if not problems:
        try:
            _schedules(record)
            _date(record.get("assured_date"))
        except ValueError as problem:
            problems.append(str(problem))
    return problems


# Mapping ORUK dicts to field values


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: Any) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"assured_date '{value}' is not a date") from None


def _time(value: Any) -> datetime.time:
    try:
        return datetime.time.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"schedule time '{value}' is not a time like 10:00") from None


def _weekdays(schedule: dict) -> list[int]:
    """The weekdays of an HSDS schedule: iCal `byday` (3.0) or `weekday` as a number or name (2.0)."""
    if schedule.get("byday"):
        days = []
        for part in str(schedule["byday"]).split(","):
            code = part.strip().upper()[-2:]
            if code not in ICAL_DAYS:
                raise ValueError(f"schedule byday '{schedule['byday']}' is not iCal days like MO,TU")
            days.append(ICAL_DAYS[code])
        return days
    weekday = schedule.get("weekday")
    if weekday in (None, ""):
        return []
    if isinstance(weekday, int) or str(weekday).isdigit():
        if 1 <= int(weekday) <= 7:
            return [int(weekday)]
    elif str(weekday).strip().lower() in DAY_NAMES:
        return [DAY_NAMES[str(weekday).strip().lower()]]
    raise ValueError(f"schedule weekday '{weekday}' is not a day of the week")


def _schedules(record: dict) -> list[dict]:
    """One row per weekday with opening hours; schedules without days or times (holidays, notes) are skipped."""
    rows = []
    for schedule in record.get("schedules") or []:
        days = _weekdays(schedule)
        if not days or not schedule.get("opens_at") or not schedule.get("closes_at"):
            continue
        opens, closes = _time(schedule["opens_at"]), _time(schedule["closes_at"])
        for day in days:
            description = _text(schedule.get("description"))
            row = Schedule(weekday=day, opens_at=opens, closes_at=closes)
            if description == str(row):  # our own export's default description
                description = ""
            rows.append({"weekday": day, "opens_at": opens, "closes_at": closes, "description": description})
    return rows


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _organization_fields(org: dict) -> dict:
    return {
        "name": _text(org.get("name")),
        "description": _text(org.get("description")),
        "url": _text(org.get("website") or org.get("url")),
        "email": _text(org.get("email")),
    }


def _location_fields(place: dict) -> dict:
    addresses = [address for address in place.get("addresses") or [] if isinstance(address, dict)]
    physical = [address for address in addresses if address.get("address_type") == "physical"]
    address = (physical or addresses or [{}])[0]
    return {
        "name": _text(place.get("name")),
        "address_1": _text(address.get("address_1")),
        "address_2": _text(address.get("address_2")),
        "city": _text(address.get("city")),
        "postcode": _text(address.get("postal_code")),
        "latitude": float(place["latitude"]) if place.get("latitude") is not None else None,
        "longitude": float(place["longitude"]) if place.get("longitude") is not None else None,
    }


def _service_fields(record: dict) -> dict:
    fees = _text(record.get("fees") or record.get("fees_description"))
    costs = [_amount(cost.get("amount")) for cost in record.get("cost_options") or []]
    # What the feed says about fees wins; without it, a priced cost option means the service is not free.
    is_free = fees.lower().startswith("free") if fees else not any(amount for amount in costs)
    return {
        "name": _text(record.get("name")),
        "description": _text(record.get("description")),
        "url": _text(record.get("url")),
        "email": _text(record.get("email")),
        "status": record.get("status") or Service.Status.ACTIVE,
        "is_free": is_free,
        "fees_description": "" if fees.lower() == "free" else fees,
        "eligibility_description": _text(record.get("eligibility_description")),
        "assured_date": _date(record.get("assured_date")),
    }


def _child_uuid(service_uuid: uuid.UUID, kind: str, number: int, given: Any) -> uuid.UUID:
    if _is_uuid(given):
        return uuid.UUID(given)
    return uuid.uuid5(service_uuid, f"{kind}:{number}")


# Applying


@dataclass
class ImportReport:
    services: Counter = field(default_factory=Counter)
    organizations: Counter = field(default_factory=Counter)
    locations: Counter = field(default_factory=Counter)
    rejected: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def created(self) -> int:
        return self.services["created"]

    @property
    def updated(self) -> int:
        return self.services["updated"]

    @property
    def unchanged(self) -> int:
        return self.services["unchanged"]

    def summary(self) -> str:
        def counts(counter: Counter) -> str:
            return ", ".join(
                f"{counter[outcome]} {outcome}" for outcome in ("created", "updated", "unchanged")
            )

        lines = [
            f"Services: {counts(self.services)}, {len(self.rejected)} rejected",
            f"Organisations: {counts(self.organizations)}",
            f"Locations: {counts(self.locations)}",
        ]
        lines += [f"  rejected {reason}" for reason in self.rejected]
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return "\n".join(lines)


def _upsert(model: type[models.Model], record_uuid: uuid.UUID, values: dict, counter: Counter):
    """The record with this uuid, created or brought up to date; counts what happened to it."""
    existing = model.objects.filter(uuid=record_uuid).first()
    if existing is None:
        counter["created"] += 1
        return model.objects.create(uuid=record_uuid, **values)
    changed = [name for name, value in values.items() if getattr(existing, name) != value]
    if not changed:
        counter["unchanged"] += 1
        return existing
    for name in changed:
        setattr(existing, name, values[name])
    existing.save(update_fields=changed)
    counter["updated"] += 1
    return existing


def _term(attribute: dict, cache: dict) -> TaxonomyTerm | None:
    """The attribute's taxonomy term: by its uuid, else by taxonomy and code, else made."""
    given = attribute.get("taxonomy_term") or {}
    term_id = given.get("id") or attribute.get("taxonomy_term_id")
    key = (term_id, given.get("code"), given.get("name"))
    if key in cache:
        return cache[key]
    term = TaxonomyTerm.objects.filter(uuid=term_id).first() if _is_uuid(term_id) else None
    name = _text(given.get("term") or given.get("name"))
    if term is None and name:
        taxonomy = (
            Taxonomy.objects.filter(uuid=given.get("taxonomy_id")).first()
            if _is_uuid(given.get("taxonomy_id"))
            else None
        )
        if taxonomy is None:
            taxonomy_name = _text(given.get("taxonomy"))[:100] or DEFAULT_TAXONOMY
            taxonomy = Taxonomy.objects.filter(name=taxonomy_name).first() or Taxonomy.objects.create(
                name=taxonomy_name,
                **({"uuid": uuid.UUID(given["taxonomy_id"])} if _is_uuid(given.get("taxonomy_id")) else {}),
            )
        code = slugify(given.get("code") or name)[:60] or "term"
        term = TaxonomyTerm.objects.filter(taxonomy=taxonomy, code=code).first()
        if term is None:
            term = TaxonomyTerm.objects.create(
                taxonomy=taxonomy,
                code=code,
                term=name[:100],
                description=_text(given.get("description")) if given.get("description") != name else "",
                **({"uuid": uuid.UUID(term_id)} if _is_uuid(term_id) else {}),
            )
    cache[key] = term
    return term


def _replace_children(service: Service, record: dict, fresh: bool, term_cache: dict) -> bool:
    """Bring the service's child rows in line with the feed; whether anything changed."""
    changed = False
    wanted = {
        Phone: [
            {"number": _text(phone.get("number")), "description": _text(phone.get("description"))}
            for phone in record.get("phones") or []
            if phone.get("number")
        ],
        Schedule: _schedules(record),
        CostOption: [
            {
                "option": _text(cost.get("option")),
                "amount": _amount(cost.get("amount")),
                "amount_description": _text(cost.get("amount_description")),
            }
            for cost in record.get("cost_options") or []
        ],
        ServiceArea: [
            {
                "service_area": _text(area.get("service_area") or area.get("name")),
                "uri": _text(area.get("uri")),
            }
            for area in record.get("service_areas") or []
            if area.get("service_area") or area.get("name")
        ],
    }
    given_ids = {
        Phone: [phone.get("id") for phone in record.get("phones") or [] if phone.get("number")],
        Schedule: [],
        CostOption: [cost.get("id") for cost in record.get("cost_options") or []],
        ServiceArea: [
            area.get("id")
            for area in record.get("service_areas") or []
            if area.get("service_area") or area.get("name")
        ],
    }
    schedule_ids = {}
    for schedule in record.get("schedules") or []:
        try:
            days = _weekdays(schedule)
        except ValueError:
            days = []
        schedule_ids.update({(schedule.get("id"), day): len(days) == 1 for day in days})
    given_ids[Schedule] = [key[0] if single else None for key, single in schedule_ids.items()]
    for model, rows in wanted.items():
        fields = (
            list(rows[0])
            if rows
            else [f.name for f in model._meta.fields if f.name not in {"id", "uuid", "service"}]
        )
        existing = [] if fresh else list(model.objects.filter(service=service).values(*fields))
        if sorted(map(repr, existing)) == sorted(repr({name: row[name] for name in fields}) for row in rows):
            continue
        changed = True
        if not fresh:
            model.objects.filter(service=service).delete()
        ids = given_ids[model] if len(given_ids[model]) == len(rows) else [None] * len(rows)
        model.objects.bulk_create(
            model(service=service, uuid=_child_uuid(service.uuid, model.__name__, number, given), **row)
            for number, (row, given) in enumerate(zip(rows, ids, strict=True))
        )

    terms = {
        term.pk: term
        for attribute in record.get("attributes") or []
        if (term := _term(attribute, term_cache))
    }
    if terms if fresh else set(service.terms.values_list("pk", flat=True)) != set(terms):
        service.terms.set(terms.values())
        changed = True
    return changed


def _apply(record: dict, report: ImportReport, term_cache: dict) -> str:
    organization = record.get("organization")
    if isinstance(organization, dict):
        org = _upsert(
            Organization,
            uuid.UUID(organization["id"]),
            _organization_fields(organization),
            report.organizations,
        )
    else:
        org = Organization.objects.get(uuid=record["organization_id"])
    service_uuid = uuid.UUID(record["id"])
    service = Service.objects.filter(uuid=service_uuid).first()
    values = _service_fields(record) | {"organization": org}
    fresh = service is None
    if fresh:
        service = Service.objects.create(uuid=service_uuid, **values)
    changed = [name for name, value in values.items() if getattr(service, name) != value]
    for name in changed:
        setattr(service, name, values[name])

    places = []
    for sal in record.get("service_at_locations") or []:
        place = sal["location"]
        location = _upsert(Location, uuid.UUID(place["id"]), _location_fields(place), report.locations)
        places.append(
            (_child_uuid(service_uuid, "service_at_location", len(places), sal.get("id")), location)
        )
    existing_places = set() if fresh else set(service.service_at_locations.values_list("uuid", "location_id"))
    places_changed = existing_places != {(link, location.pk) for link, location in places}
    if places_changed:
        if not fresh:
            service.service_at_locations.all().delete()
        one_per_place = {location.pk: (link, location) for link, location in places}
        ServiceAtLocation.objects.bulk_create(
            ServiceAtLocation(uuid=link, service=service, location=location)
            for link, location in one_per_place.values()
        )
    children_changed = _replace_children(service, record, fresh, term_cache)
    if fresh:
        return "created"
    if changed or places_changed or children_changed:
        # Bumps updated_at (the feed's last_modified) and the version, so an editor who opened the listing
        # before the import is told it changed rather than saving over it.
        service.version = F("version") + 1
        service.save()
        return "updated"
    return "unchanged"


def import_services(records: list, *, dry_run: bool = False) -> ImportReport:
    """Apply every valid service of the feed in one transaction; rejected ones are skipped and reported.

    A row the database refuses (a value too long, an id already used elsewhere) is rolled back to its savepoint
    and rejected; any other error rolls back the whole import. `dry_run` does it all, then rolls back.
    """
    report = ImportReport(dry_run=dry_run)
    term_cache: dict = {}
    with transaction.atomic():
        for record in records:
            problems = problems_with(record)
            if problems:
                report.rejected.append(f"{_label(record)}: {'; '.join(problems)}")
                continue
            counts = (report.organizations.copy(), report.locations.copy())
            try:
                with transaction.atomic():
                    outcome = _apply(record, report, term_cache)
            except DatabaseError as problem:
                report.organizations, report.locations = counts
                term_cache.clear()
                report.rejected.append(f"{_label(record)}: the database refused it: {str(problem).strip()}")
                continue
            report.services[outcome] += 1
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_feed(source: str, *, dry_run: bool = False) -> ImportReport:
    return import_services(load_feed(source), dry_run=dry_run)
