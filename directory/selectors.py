"""Reads of the directory: the public search and a service's page.

A search is a fixed number of queries whatever it finds: one to count, one for the page of services (with
their organisation and distance), one for their categories.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.http import Http404

from directory.geo import EARTH_RADIUS_MILES, bounding_box
from directory.models import (
    SEARCH_CONFIG,
    PostcodeDistrict,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


@dataclass(frozen=True)
class ServiceSearch:
    """What a person asked for; an empty search lists every service by name."""

    keyword: str = ""
    categories: tuple[str, ...] = ()
    near: PostcodeDistrict | None = None
    radius_miles: int = 5
    cost: str = ""  # "free", "paid" or "" for either
    weekday: int | None = None


def distance_in_miles(latitude: float, longitude: float, *, prefix: str = "") -> Value:
    """Haversine in SQL, the same formula as geo.haversine_miles, from a fixed point to the row's coordinates."""
    lat, lon = F(f"{prefix}latitude"), F(f"{prefix}longitude")
    half_dlat = (Radians(lat) - Radians(Value(latitude))) / 2
    half_dlon = (Radians(lon) - Radians(Value(longitude))) / 2
    a = Power(Sin(half_dlat), 2) + Cos(Radians(Value(latitude))) * Cos(Radians(lat)) * Power(
        Sin(half_dlon), 2
    )
    return Value(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(Least(a, Value(1.0))))


def category_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.order_by("term")


def search_services(search: ServiceSearch) -> QuerySet[Service]:
    services = Service.objects.listed().select_related("organization")
    if search.keyword:
        query = SearchQuery(search.keyword, search_type="websearch", config=SEARCH_CONFIG)
        # Stored, indexed documents: an organisation's name finds all its services, which rank below name matches.
        services = services.filter(Q(search_document=query) | Q(organization__search_document=query))
        services = services.alias(rank=SearchRank(F("search_document"), query))
    if search.categories:
        codes = list(search.categories)
        services = services.filter(
            Exists(
                Service.terms.through.objects.filter(service=OuterRef("pk")).filter(
                    Q(taxonomyterm__code__in=codes) | Q(taxonomyterm__parent__code__in=codes)
                )
            )
        )
    if search.cost == "free":
        services = services.filter(is_free=True)
    elif search.cost == "paid":
        services = services.filter(is_free=False)
    if search.weekday:
        services = services.filter(
            Exists(Schedule.objects.filter(service=OuterRef("pk"), weekday=search.weekday))
        )
    if search.near is None:
        order = ["-rank", "name", "pk"] if search.keyword else ["name", "pk"]
        return services.order_by(*order)
    return _within(services, search.near, search.radius_miles)


def _within(services: QuerySet[Service], near: PostcodeDistrict, miles: int) -> QuerySet[Service]:
    """Services with a location within `miles`, nearest first: a bounding box the index can use, then haversine.

    The distance is the nearest of the service's locations, computed once per location in one grouped query.
    """
    south, north, west, east = bounding_box(near.latitude, near.longitude, miles)
    return (
        services.filter(
            locations__latitude__range=(south, north),
            locations__longitude__range=(west, east),
        )
        .annotate(distance=Min(distance_in_miles(near.latitude, near.longitude, prefix="locations__")))
        .filter(distance__lte=miles)
        .order_by("distance", "name", "pk")
    )


def with_categories(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.prefetch_related(Prefetch("terms", queryset=TaxonomyTerm.objects.order_by("term")))


def get_listed_service(service_uuid) -> Service:
    """A service for its public page: 404 when there is none, or it has closed for good."""
    try:
        return (
            Service.objects.listed()
            .select_related("organization")
            .prefetch_related(
                "phones",
                "schedules",
                "cost_options",
                "service_areas",
                "locations",
                Prefetch("terms", queryset=TaxonomyTerm.objects.order_by("term")),
            )
            .get(uuid=service_uuid)
        )
    except Service.DoesNotExist as missing:
        raise Http404 from missing


# The Open Referral UK API (directory/api.py): each list is a count, a page, and a fixed set of prefetches.


def with_term(services: QuerySet[Service], term_uuid) -> QuerySet[Service]:
    """Services in a taxonomy term, or in one of its children, as the search's categories do."""
    return services.filter(
        Exists(
            Service.terms.through.objects.filter(service=OuterRef("pk")).filter(
                Q(taxonomyterm__uuid=term_uuid) | Q(taxonomyterm__parent__uuid=term_uuid)
            )
        )
    )


def nearest_first(
    services: QuerySet[Service], near: PostcodeDistrict, miles: float | None
) -> QuerySet[Service]:
    """Services with a location, nearest first; within `miles` of the district's centre when given."""
    if miles is not None:
        return _within(services, near, miles)
    return (
        services.filter(locations__latitude__isnull=False, locations__longitude__isnull=False)
        .annotate(distance=Min(distance_in_miles(near.latitude, near.longitude, prefix="locations__")))
        .order_by("distance", "name", "pk")
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


def get_api_service(service_uuid) -> Service:
    """A listed service with everything the API shows of it: 404 when there is none, or it has closed."""
    try:
        return with_full_nesting(Service.objects.listed()).get(uuid=service_uuid)
    except Service.DoesNotExist as missing:
        raise Http404 from missing


def api_taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "pk")


def api_taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return _terms_for_api()


def api_service_at_locations(
    near: PostcodeDistrict | None = None, miles: float | None = None
) -> QuerySet[ServiceAtLocation]:
    """Listed services at their locations; nearest first from a district's centre (within `miles`) when given."""
    places = ServiceAtLocation.objects.exclude(service__status=Service.Status.DEFUNCT).select_related(
        "location", "service__organization"
    )
    if near is None:
        return places.order_by("service__name", "pk")
    places = places.filter(location__latitude__isnull=False, location__longitude__isnull=False)
    if miles is not None:
        south, north, west, east = bounding_box(near.latitude, near.longitude, miles)
        places = places.filter(
            location__latitude__range=(south, north), location__longitude__range=(west, east)
        )
    places = places.annotate(distance=distance_in_miles(near.latitude, near.longitude, prefix="location__"))
    if miles is not None:
        places = places.filter(distance__lte=miles)
    return places.order_by("distance", "service__name", "pk")
