"""Reads of the directory: the public search, a service's page and the services in a person's saved list.

A search is a fixed number of queries whatever it finds. Without a postcode: one to count, one for the page of
services (with their organisation), one for their categories. Near a postcode the work of ordering by distance
is done on narrow rows (ids, names and distances) and only the page's services are loaded whole: one query to
count (which stops at NEAREST_LIMIT + 1), one for the page's ids and distances, one for those services, one for
their categories.
"""

import uuid
from dataclasses import dataclass
from typing import Protocol

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.http import Http404

from directory.geo import EARTH_RADIUS_MILES, bounding_box
from directory.models import (
    SEARCH_CONFIG,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


class Point(Protocol):
    """Somewhere to measure from: a postcode district's centre, or a full postcode's own place."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class ServiceSearch:
    """What a person asked for; an empty search lists every service by name."""

    keyword: str = ""
    categories: tuple[str, ...] = ()
    near: Point | None = None  # a directory.places.Place, or a PostcodeDistrict
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


# The stored tsvectors are only for the WHERE clause: carried through a join, a sort or a GROUP BY they cost time.
WIDE_COLUMNS = ("search_document", "organization__search_document")

# A search near a postcode counts and pages through at most this many services, nearest first. Counting every
# match costs as much again as finding the page; nobody reads 25 pages of results, and the page says when there
# were more and how to narrow the search.
NEAREST_LIMIT = 500


def _matching(search: ServiceSearch) -> QuerySet[Service]:
    """Listed services matching the search's words and filters, in no order; `rank` is there to order by."""
    services = Service.objects.listed().select_related("organization").defer(*WIDE_COLUMNS)
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
    return services


def search_services(search: ServiceSearch) -> QuerySet[Service]:
    """Every service the search finds, best first, as one queryset (the API pages it; near a postcode the
    public search uses NearestServices, which is cheaper)."""
    services = _matching(search)
    if search.near is None:
        order = ["-rank", "name", "pk"] if search.keyword else ["name", "pk"]
        return services.order_by(*order)
    return _within(services, search.near, search.radius_miles)


def search_results(search: ServiceSearch) -> "QuerySet[Service] | NearestServices":
    """What the public search pages through: services with their categories, nearest first near a postcode."""
    if search.near is None:
        return with_categories(search_services(search))
    return NearestServices(_matching(search), search.near, search.radius_miles, limit=NEAREST_LIMIT)


def _places_within(near: Point, miles: float, *, prefix: str = "") -> Q:
    """Rows whose place (`prefix` names the Location) is in the bounding box round `miles`: the index's filter."""
    south, north, west, east = bounding_box(near.latitude, near.longitude, miles)
    return Q(**{f"{prefix}latitude__range": (south, north), f"{prefix}longitude__range": (west, east)})


class NearestServices:
    """The services a search near a postcode finds, nearest first, as a sequence Django's Paginator can page.

    Which services, in what order and how many are all worked out on narrow rows: the count asks only whether
    each service has a place within the radius, and stops at `limit` + 1; the ordering groups ids, names and
    distances, never whole rows. Only the page's services are then loaded whole, with their categories.
    """

    def __init__(self, services: QuerySet[Service], near: Point, miles: float, *, limit: int = NEAREST_LIMIT):
        self.services = services
        self.near = near
        self.miles = miles
        self.limit = limit
        self.more_than_limit = False

    def count(self) -> int:
        """How many services there are to page through: all of them, or the nearest `limit` when there are more."""
        nearby = (
            Location.objects.filter(service_at_locations__service=OuterRef("pk"))
            .filter(_places_within(self.near, self.miles))
            .annotate(distance=distance_in_miles(self.near.latitude, self.near.longitude))
            .filter(distance__lte=self.miles)
        )
        # Unordered, so Postgres stops at the limit instead of finding (and sorting) every match first.
        found = self.services.filter(Exists(nearby)).order_by().values("pk")[: self.limit + 1].count()
        self.more_than_limit = found > self.limit
        return min(found, self.limit)

    def nearest(self) -> QuerySet:
        """(pk, distance) of every service within the radius, nearest first: distance to its nearest place."""
        return (
            self.services.filter(_places_within(self.near, self.miles, prefix="locations__"))
            .values("pk")
            .annotate(
                distance=Min(distance_in_miles(self.near.latitude, self.near.longitude, prefix="locations__"))
            )
            .filter(distance__lte=self.miles)
            .order_by("distance", "name", "pk")
            .values_list("pk", "distance")
        )

    def __getitem__(self, page: slice) -> list[Service]:
        if not isinstance(page, slice) or page.step is not None:
            raise TypeError("NearestServices is paged with a plain slice, like [20:40]")
        start, stop = page.start or 0, min(page.stop if page.stop is not None else self.limit, self.limit)
        if stop <= start:
            return []
        distances = dict(self.nearest()[start:stop])
        loaded = with_categories(self.services.filter(pk__in=distances)).in_bulk(distances)
        for pk, distance in distances.items():
            loaded[pk].distance = distance
        return [loaded[pk] for pk in distances]  # a dict keeps the order it was filled in


def _within(services: QuerySet[Service], near: Point, miles: float) -> QuerySet[Service]:
    """Services with a location within `miles`, nearest first: a bounding box the index can use, then haversine.

    The distance is the nearest of the service's locations, computed once per location in one grouped query.
    """
    return (
        services.filter(_places_within(near, miles, prefix="locations__"))
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


def listed_service_for_list(service_uuid: str) -> Service:
    """The service a person asked to add to (or take off) their list: 404 for anything else, or a closed one."""
    try:
        wanted = uuid.UUID(str(service_uuid))
    except ValueError as malformed:
        raise Http404 from malformed
    service = Service.objects.listed().filter(uuid=wanted).only("pk", "uuid", "name").first()
    if service is None:
        raise Http404
    return service


def saved_services(service_uuids) -> list[Service]:
    """The listed services among `service_uuids`, in the same order, with everything needed to get in touch.

    A fixed number of queries however long the list: the services with their organisations, then one query per
    kind of detail.
    """
    uuids = [str(service_uuid) for service_uuid in service_uuids]
    found = {
        str(service.uuid): service
        for service in Service.objects.listed()
        .filter(uuid__in=uuids)
        .select_related("organization")
        .defer(*WIDE_COLUMNS)
        .prefetch_related(
            "phones",
            "schedules",
            Prefetch("locations", queryset=Location.objects.order_by("pk")),
        )
    }
    return [found[service_uuid] for service_uuid in uuids if service_uuid in found]


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


def nearest_first(services: QuerySet[Service], near: Point, miles: float | None) -> QuerySet[Service]:
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
    near: Point | None = None, miles: float | None = None
) -> QuerySet[ServiceAtLocation]:
    """Listed services at their locations; nearest first from a district's centre (within `miles`) when given."""
    places = (
        ServiceAtLocation.objects.exclude(service__status=Service.Status.DEFUNCT)
        .select_related("location", "service__organization")
        .defer(*(f"service__{column}" for column in WIDE_COLUMNS))
    )
    if near is None:
        return places.order_by("service__name", "pk")
    places = places.filter(location__latitude__isnull=False, location__longitude__isnull=False)
    if miles is not None:
        places = places.filter(_places_within(near, miles, prefix="location__"))
    places = places.annotate(distance=distance_in_miles(near.latitude, near.longitude, prefix="location__"))
    if miles is not None:
        places = places.filter(distance__lte=miles)
    return places.order_by("distance", "service__name", "pk")
