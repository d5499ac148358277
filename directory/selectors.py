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
