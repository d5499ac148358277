"""Reads for the Open Referral UK API (directory/api.py): each list is a count, a page and a fixed set of
prefetches, so a page costs the same number of queries however many records it shows; each record is one
query per relation it nests. Only listed services are shown (defunct ones are gone for good)."""

import uuid

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.http import Http404

from directory.models import SEARCH_CONFIG, Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from directory.selectors import (
    WIDE_COLUMNS,
    Point,
    ServiceSearch,
    in_terms,
    located_within,
    search_services,
)


def with_term(services: QuerySet[Service], term_uuid: uuid.UUID) -> QuerySet[Service]:
    """Services in a taxonomy term, or in one of its children, as the search's categories do."""
    return in_terms(services, uuid=term_uuid)


def in_taxonomy(services: QuerySet[Service], taxonomy_uuid: uuid.UUID) -> QuerySet[Service]:
    """Services with a term from one taxonomy."""
    return services.filter(
        Exists(
            Service.terms.through.objects.filter(
                service=OuterRef("pk"), taxonomyterm__taxonomy__uuid=taxonomy_uuid
            )
        )
    )


def _terms_for_api() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by("term", "pk")


def with_full_nesting(services: QuerySet[Service]) -> QuerySet[Service]:
    """Everything serializers.service_full reads, in one query per relation whatever the number of services."""
    return services.select_related("organization").prefetch_related(
        "phones",
        "schedules",
        "cost_options",
        "service_areas",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").order_by("pk"),
        ),
        Prefetch("terms", queryset=_terms_for_api()),
    )


def get_api_service(service_uuid: uuid.UUID) -> Service:
    """A listed service with everything the API shows of it: 404 when there is none, or it has closed."""
    try:
        return with_full_nesting(Service.objects.listed()).get(uuid=service_uuid)
    except Service.DoesNotExist as missing:
        raise Http404 from missing


def api_organizations(keyword: str = "") -> QuerySet[Organization]:
    """Organisations by name; by relevance to `keyword` when given."""
    organizations = Organization.objects.defer("search_document")
    if not keyword:
        return organizations.order_by("name", "pk")
    query = SearchQuery(keyword, search_type="websearch", config=SEARCH_CONFIG)
    return (
        organizations.filter(search_document=query)
        .alias(rank=SearchRank(F("search_document"), query))
        .order_by("-rank", "name", "pk")
    )


def get_api_organization(organization_uuid: uuid.UUID) -> Organization:
    """An organisation with its listed services (as `listed_services`), each fully nested."""
    services = with_full_nesting(Service.objects.listed().defer(*WIDE_COLUMNS)).order_by("name", "pk")
    try:
        return (
            Organization.objects.defer("search_document")
            .prefetch_related(Prefetch("services", queryset=services, to_attr="listed_services"))
            .get(uuid=organization_uuid)
        )
    except Organization.DoesNotExist as missing:
        raise Http404 from missing


def api_taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "pk")


def get_api_taxonomy(taxonomy_uuid: uuid.UUID) -> Taxonomy:
    """A taxonomy with its terms (as `api_terms`)."""
    try:
        return Taxonomy.objects.prefetch_related(
            Prefetch("terms", queryset=_terms_for_api(), to_attr="api_terms")
        ).get(uuid=taxonomy_uuid)
    except Taxonomy.DoesNotExist as missing:
        raise Http404 from missing


def api_taxonomy_terms(
    *, taxonomy: uuid.UUID | None = None, parent: uuid.UUID | None = None, top_only: bool = False
) -> QuerySet[TaxonomyTerm]:
    terms = _terms_for_api()
    if taxonomy is not None:
        terms = terms.filter(taxonomy__uuid=taxonomy)
    if parent is not None:
        terms = terms.filter(parent__uuid=parent)
    if top_only:
        terms = terms.filter(parent__isnull=True)
    return terms


def get_api_taxonomy_term(term_uuid: uuid.UUID) -> TaxonomyTerm:
    try:
        return _terms_for_api().get(uuid=term_uuid)
    except TaxonomyTerm.DoesNotExist as missing:
        raise Http404 from missing


def _listed_places() -> QuerySet[ServiceAtLocation]:
    return (
        ServiceAtLocation.objects.filter(service__in=Service.objects.listed())
        .select_related("location", "service__organization")
        .defer(*(f"service__{column}" for column in WIDE_COLUMNS))
    )


# Every listed service, running or not: what the API lists when nothing narrows it.
EVERY_LISTED = ServiceSearch(include_not_running=True)


def api_service_at_locations(
    search: ServiceSearch = EVERY_LISTED,
    *,
    near: Point | None = None,
    miles: float | None = None,
    term: uuid.UUID | None = None,
    taxonomy: uuid.UUID | None = None,
) -> QuerySet[ServiceAtLocation]:
    """Listed services at their locations, their services filtered by `search` (and by term and taxonomy) as
    /services filters them; nearest first from `near` (within `miles`), each with its `distance` in miles,
    when given."""
    places = _listed_places()
    if search != EVERY_LISTED or term or taxonomy:
        services = search_services(search).order_by()
        if term is not None:
            services = with_term(services, term)
        if taxonomy is not None:
            services = in_taxonomy(services, taxonomy)
        places = places.filter(service__in=services.values("pk"))
    if near is None:
        return places.order_by("service__name", "pk")
    places = located_within(places, near, miles, prefix="location__")
    return places.order_by("apart", "service__name", "pk")


def get_api_service_at_location(sal_uuid: uuid.UUID) -> ServiceAtLocation:
    """One listed service at one location, the service fully nested."""
    try:
        found = _listed_places().get(uuid=sal_uuid)
    except ServiceAtLocation.DoesNotExist as missing:
        raise Http404 from missing
    found.service = get_api_service(found.service.uuid)
    return found
