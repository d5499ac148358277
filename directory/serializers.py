"""Directory records as Open Referral UK (HSDS 3.0 UK profile) JSON: plain functions from model instances to dicts.

Identifiers are the records' UUIDs. Optional fields with no value are left out rather than sent as null or "",
since the schema types them as plain strings (a null `url` or an empty `email` would fail it). Records the
model does not keep separately (a location's address, a service's categories as attributes) get stable UUIDs
derived from their owner's, so a consumer sees the same id on every read.

The serialisers only read what the queries in `api_selectors` fetch: `service_full` expects a service from
`api_selectors.with_full_nesting`, the others the `select_related` noted on each.
"""

import uuid
from dataclasses import dataclass

from directory.geo import METRES_PER_MILE
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

ORUK_VERSION = "3.0"
COUNTRY = "GB"
ICAL_DAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


def _present(record: dict, *, required: tuple[str, ...] = ()) -> dict:
    """The record without its empty optional fields; `required` fields stay whatever their value."""
    return {
        key: value
        for key, value in record.items()
        if key in required or (value is not None and value != "" and value != [])
    }


def _derived_id(owner: uuid.UUID, what: str) -> str:
    return str(uuid.uuid5(owner, what))


@dataclass(frozen=True)
class Uris:
    """The persistent URIs of our own vocabularies: each taxonomy and term is named by its address in this API,
    which always answers with it."""

    api_root: str  # "https://care.example.gov.uk/directory/api/"

    def taxonomy(self, tax: Taxonomy) -> str:
        return f"{self.api_root}taxonomies/{tax.uuid}"

    def term(self, term: TaxonomyTerm) -> str:
        return f"{self.api_root}taxonomy_terms/{term.uuid}"


def _with_distance(record: dict, item) -> dict:
    """A record of a search near a place gets how far away it is, in whole metres as ORUK measures."""
    miles = getattr(item, "distance", None)
    if miles is not None:
        record["distance"] = round(miles * METRES_PER_MILE)
    return record


def organization(org: Organization) -> dict:
    return _present(
        {
            "id": str(org.uuid),
            "name": org.name,
            "description": org.description,
            "email": org.email,
            "website": org.url,
        },
        required=("id", "name", "description"),
    )


def organization_full(org: Organization, *, uris: Uris) -> dict:
    """An organisation with the services it runs, each fully nested; from api_selectors.get_api_organization."""
    record = organization(org)
    record["services"] = [service_full(service, uris=uris) for service in org.listed_services]
    return record


def taxonomy(tax: Taxonomy, *, uris: Uris) -> dict:
    return _present(
        {
            "id": str(tax.uuid),
            "name": tax.name,
            "description": tax.name,
            "uri": uris.taxonomy(tax),
            "version": tax.version,
        },
        required=("id", "name", "description"),
    )


def taxonomy_full(tax: Taxonomy, *, uris: Uris) -> dict:
    """A taxonomy with its terms; from api_selectors.get_api_taxonomy."""
    return taxonomy(tax, uris=uris) | {
        "taxonomy_terms": [taxonomy_term(term, uris=uris) for term in tax.api_terms]
    }


def taxonomy_term(term: TaxonomyTerm, *, uris: Uris) -> dict:
    """Needs `taxonomy` and `parent` selected with the term. `description` is required, so a term without one
    is described by its name."""
    return _present(
        {
            "id": str(term.uuid),
            "code": term.code,
            "name": term.term,
            "description": term.description or term.term,
            "parent_id": str(term.parent.uuid) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.uuid),
            "term_uri": uris.term(term),
            "term": term.term,
        },
        required=("id", "name", "description"),
    )


def _attribute(service: Service, term: TaxonomyTerm, uris: Uris) -> dict:
    """A service's category, the HSDS 3.0 way: an attribute linking the service to a taxonomy term."""
    return {
        "id": _derived_id(service.uuid, f"attribute:{term.uuid}"),
        "link_id": str(service.uuid),
        "link_entity": "service",
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": taxonomy_term(term, uris=uris),
    }


def _address(place: Location) -> dict:
    return {
        "id": _derived_id(place.uuid, "address"),
        "location_id": str(place.uuid),
        "address_1": place.address_1,
        "address_2": place.address_2,
        "city": place.city,
        "state_province": "",
        "postal_code": place.postcode,
        "country": COUNTRY,
        "address_type": "physical",
    }


def location_summary(place: Location) -> dict:
    return _present(
        {
            "id": str(place.uuid),
            "location_type": "physical",
            "name": place.name,
            "latitude": place.latitude,
            "longitude": place.longitude,
        },
        required=("id", "location_type"),
    )


def location(place: Location) -> dict:
    record = location_summary(place)
    if place.address_1 or place.postcode:
        record["addresses"] = [_address(place)]
    return record


def _schedule(service: Service, schedule: Schedule) -> dict:
    return _present(
        {
            "id": str(schedule.uuid),
            "service_id": str(service.uuid),
            "freq": "WEEKLY",
            "interval": 1,
            "byday": ICAL_DAYS[schedule.weekday],
            "opens_at": schedule.opens_at.strftime("%H:%M"),
            "closes_at": schedule.closes_at.strftime("%H:%M"),
            "description": schedule.description or str(schedule),
        },
        required=("id",),
    )


def _service_area(service: Service, area: ServiceArea) -> dict:
    return _present(
        {
            "id": str(area.uuid),
            "service_id": str(service.uuid),
            "name": area.service_area,
            "service_area": area.service_area,
            "uri": area.uri,
        },
        required=("id",),
    )


def _cost_option(service: Service, cost: CostOption) -> dict:
    return _present(
        {
            "id": str(cost.uuid),
            "service_id": str(service.uuid),
            "option": cost.option,
            "amount": float(cost.amount) if cost.amount is not None else None,
            "amount_description": cost.amount_description,
        },
        required=("id",),
    )


def _phone(service: Service, phone: Phone) -> dict:
    """HSDS 3.0's phone: the UK profile's compiled schema leaves phones out, and allows them as extra fields."""
    return _present(
        {
            "id": str(phone.uuid),
            "service_id": str(service.uuid),
            "number": phone.number,
            "description": phone.description,
        },
        required=("id", "number"),
    )


def _fees(service: Service) -> str:
    return service.fees_description or ("Free" if service.is_free else "")


def service_summary(service: Service) -> dict:
    """The service list's item: the service and its organisation (and how far away, near a place). Needs
    `organization` selected."""
    record = _present(
        {
            "id": str(service.uuid),
            "organization_id": str(service.organization.uuid),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": _fees(service),
            "eligibility_description": service.eligibility_description,
            "assured_date": service.assured_date.isoformat() if service.assured_date else None,
            "last_modified": service.updated_at.isoformat(),
            "organization": organization(service.organization),
        },
        required=("id", "name", "status"),
    )
    return _with_distance(record, service)


def service_at_location_of(service: Service, sal: ServiceAtLocation) -> dict:
    return {
        "id": str(sal.uuid),
        "service_id": str(service.uuid),
        "location_id": str(sal.location.uuid),
        "location": location(sal.location),
    }


def service_full(service: Service, *, uris: Uris) -> dict:
    """One service with everything it has, from a queryset of `api_selectors.with_full_nesting`."""
    record = service_summary(service)
    record |= {
        "schedules": [_schedule(service, schedule) for schedule in service.schedules.all()],
        "service_areas": [_service_area(service, area) for area in service.service_areas.all()],
        "service_at_locations": [
            service_at_location_of(service, sal) for sal in service.service_at_locations.all()
        ],
        "cost_options": [_cost_option(service, cost) for cost in service.cost_options.all()],
        "phones": [_phone(service, phone) for phone in service.phones.all()],
        "attributes": [_attribute(service, term, uris) for term in service.terms.all()],
        "contacts": [],
        "languages": [],
        "funding": [],
    }
    return record


def service_at_location(sal: ServiceAtLocation) -> dict:
    """An item of the service-at-location list (with its `distance` near a place). Needs `location` and
    `service__organization` selected."""
    record = {
        "id": str(sal.uuid),
        "service_id": str(sal.service.uuid),
        "location_id": str(sal.location.uuid),
        "location": location(sal.location),
        "service": service_summary(sal.service),
    }
    return _with_distance(record, sal)


def service_at_location_full(sal: ServiceAtLocation, *, uris: Uris) -> dict:
    """One service at one location, the service fully nested; from api_selectors.get_api_service_at_location."""
    return service_at_location(sal) | {"service": service_full(sal.service, uris=uris)}
