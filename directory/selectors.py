"""Reads of the directory: the public search, a service's page and the services in a person's saved list.

A search is a fixed number of queries whatever it finds. Without a postcode: one to count, one for the page of
services (with their organisation), one for their categories. Near a postcode: one to count (which stops at
NEAREST_LIMIT + 1), one that walks the nearest-first index to find how far the page reaches, one for the page's
services with their exact distances (only those within that reach), one for their categories.
"""

import datetime
import math
import uuid
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Protocol

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, Field, FloatField, Func, Min, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.http import Http404

from directory.geo import DEFAULT_RADIUS, EARTH_RADIUS_MILES, Radius, bounding_box, describe_distance
from directory.models import (
    SEARCH_CONFIG,
    Location,
    Schedule,
    Service,
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
    radius: Radius = DEFAULT_RADIUS
    cost: str = ""  # "free", "paid" or "" for either
    weekday: int | None = None
    include_not_running: bool = False  # inactive and temporarily closed services too (never defunct ones)
    opens_from: datetime.time | None = None  # an opening that starts at or after this time
    closes_by: datetime.time | None = None  # an opening that ends at or before this time

    def distance_text(self, service: Service) -> str:
        """How far away a found service is ('1.6 km away'), in the unit chosen; "" unless searching near a place."""
        return "" if self.near is None else describe_distance(service.distance, self.radius.unit)


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


def in_terms(services: QuerySet[Service], **lookup) -> QuerySet[Service]:
    """Services with a taxonomy term matching `lookup` (code__in=..., uuid=...), or a child of one."""
    term = Q(**{f"taxonomyterm__{key}": value for key, value in lookup.items()})
    parent = Q(**{f"taxonomyterm__parent__{key}": value for key, value in lookup.items()})
    return services.filter(
        Exists(Service.terms.through.objects.filter(term | parent, service=OuterRef("pk")))
    )


def _matching(search: ServiceSearch) -> QuerySet[Service]:
    """Services matching the search's words and filters (running ones, or every listed one if asked), in no
    order; `rank` is there to order by."""
    services = Service.objects.listed() if search.include_not_running else Service.objects.running()
    services = services.select_related("organization").defer(*WIDE_COLUMNS)
    if search.keyword:
        query = SearchQuery(search.keyword, search_type="websearch", config=SEARCH_CONFIG)
        # Stored, indexed documents: an organisation's name finds all its services, which rank below name matches.
        services = services.filter(Q(search_document=query) | Q(organization__search_document=query))
        services = services.alias(rank=SearchRank(F("search_document"), query))
    if search.categories:
        services = in_terms(services, code__in=search.categories)
    if search.cost == "free":
        services = services.filter(is_free=True)
    elif search.cost == "paid":
        services = services.filter(is_free=False)
    if search.weekday or search.opens_from or search.closes_by:
        # One opening (a schedule row) that meets every condition: open on the day, from and until the times.
        openings = Schedule.objects.filter(service=OuterRef("pk"))
        if search.weekday:
            openings = openings.filter(weekday=search.weekday)
        if search.opens_from:
            openings = openings.filter(opens_at__gte=search.opens_from)
        if search.closes_by:
            openings = openings.filter(closes_at__lte=search.closes_by)
        services = services.filter(Exists(openings))
    return services


def search_services(search: ServiceSearch) -> QuerySet[Service]:
    """Every service the search finds, best first, as one queryset (the API pages it; near a postcode the
    public search uses NearestServices, which is cheaper)."""
    services = _matching(search)
    if search.near is None:
        order = ["-rank", "name", "pk"] if search.keyword else ["name", "pk"]
        return services.order_by(*order)
    return services_within(services, search.near, search.radius.miles)


def search_results(search: ServiceSearch) -> "QuerySet[Service] | NearestServices":
    """What the public search pages through: services with their categories, nearest first near a postcode."""
    if search.near is None:
        return with_categories(search_services(search))
    return NearestServices(_matching(search), search.near, search.radius.miles, limit=NEAREST_LIMIT)


def _places_within(near: Point, miles: float, *, prefix: str = "") -> Q:
    """Rows whose place (`prefix` names the Location) is in the bounding box round `miles`: the index's filter."""
    south, north, west, east = bounding_box(near.latitude, near.longitude, miles)
    return Q(**{f"{prefix}latitude__range": (south, north), f"{prefix}longitude__range": (west, east)})


def _placed(near: Point, miles: float | None, *, prefix: str = "") -> Q:
    """Rows with a place (`prefix` names the Location): in the bounding box round `miles`, when given."""
    if miles is None:
        return Q(**{f"{prefix}latitude__isnull": False, f"{prefix}longitude__isnull": False})
    return _places_within(near, miles, prefix=prefix)


def located_within(rows: QuerySet, near: Point, miles: float | None, *, prefix: str = "") -> QuerySet:
    """Rows whose place (`prefix` names the Location) is within `miles` (anywhere, without), each with its
    `distance` in miles: a bounding box the index can use, then haversine."""
    rows = rows.filter(_placed(near, miles, prefix=prefix)).annotate(
        distance=distance_in_miles(near.latitude, near.longitude, prefix=prefix)
    )
    return rows if miles is None else rows.filter(distance__lte=miles)


# The nearest-first index (Location.Meta, "location_nearest") holds each place as the flat point
# (longitude × LONGITUDE_SCALE, latitude), in degrees of latitude, and Postgres's `<->` measures straight lines
# between such points. The scale is a constant, cos(54°), the middle of Great Britain, not cos(latitude) row by
# row. A per-row scale is the sinusoidal projection about Greenwich: a step north also moves a place east or west
# by its longitude × the change in cos(latitude), a shear that grows away from Greenwich (7% of the step at 5°W)
# and leaves no simple bound on how far its order strays from the true one. With a constant scale the index's
# distance is a plain flat one, and for any search the true (haversine) distance lies between two multiples of it
# (`_stretch`), bounds the reach below depends on for being exact. The constant then decides only how many more
# services than the page needs lie within the reach (3% more in Norfolk, 9% at the Lizard, 20% in Shetland),
# never which are found; no scale (1) would mean 65% more in Norfolk. A council's own latitude would do little
# better than this constant and would make the migration differ from council to council.
LONGITUDE_SCALE = 0.5878  # cos(54°); Location.Meta's index holds the same number
MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180


def location_point(prefix: str = "") -> Func:
    """A place as the nearest-first index holds it: the very expression in Location.Meta, so Postgres uses it."""
    return Func(
        F(f"{prefix}longitude") * LONGITUDE_SCALE,
        F(f"{prefix}latitude"),
        function="point",
        output_field=Field(),
    )


class _Apart(Func):
    """Postgres's `<->` between two points: the flat distance the index orders by, in degrees of latitude."""

    arg_joiner = " <-> "
    template = "(%(expressions)s)"
    output_field = FloatField()


def _stretch(latitude: float, miles: float) -> tuple[float, float]:
    """The least and the most a true distance in miles can be, as a multiple of MILES_PER_DEGREE × the index's
    distance, between `latitude` and any place within `miles` of it.

    With north-south steps d(lat), east-west d(lon) and c = cos(lat0) cos(lat), haversine is
    sqrt(d(lat)² + c d(lon)²) to within a hundred-thousandth up to 25 miles (we allow ten times that), and the
    index measures sqrt(d(lat)² + LONGITUDE_SCALE² d(lon)²), so their ratio lies between 1 and
    sqrt(c) / LONGITUDE_SCALE. c is largest at the latitude nearest the equator that a place within `miles` can
    have, smallest at the farthest.
    """
    band = miles / MILES_PER_DEGREE
    own = math.cos(math.radians(latitude))
    widest = own * math.cos(math.radians(max(0.0, abs(latitude) - band)))
    narrowest = own * math.cos(math.radians(min(90.0, abs(latitude) + band)))
    least = math.sqrt(min(1.0, narrowest / LONGITUDE_SCALE**2)) * (1 - 1e-4)
    most = math.sqrt(max(1.0, widest / LONGITUDE_SCALE**2)) * (1 + 1e-4)
    return least, most


@dataclass(frozen=True)
class Reach:
    """How far a page of a search near a postcode must look, and, when the walk is sure to have passed them all,
    which services are within that distance (a query then starts from them rather than from the map)."""

    miles: float
    services: frozenset[int] | None = None


class NearestServices:
    """The services a search near a postcode finds, nearest first, as a sequence Django's Paginator can page.

    The count asks only whether each service has a place within the radius, and stops at `limit` + 1. A page
    first walks the nearest-first index (a KNN scan, `ORDER BY <->`) until it has passed as many services as the
    page's last one: the flat distance there, stretched by the most the true distance can exceed it, is a reach
    within which at least that many services certainly lie. Then the page is the usual exact query (haversine,
    each service at its nearest place, ties in name order) over that reach instead of the whole radius, so
    its order and distances are exact and no service on the page can be missed, at the cost of a few hundred
    rows rather than every place within the radius.
    """

    def __init__(self, services: QuerySet[Service], near: Point, miles: float, *, limit: int = NEAREST_LIMIT):
        self.services = services
        self.near = near
        self.miles = miles
        self.limit = limit
        self.more_than_limit = False
        self.least_stretch, self.most_stretch = _stretch(near.latitude, miles)

    def count(self) -> int:
        """How many services there are to page through: all of them, or the nearest `limit` when there are more."""
        nearby = located_within(
            Location.objects.filter(service_at_locations__service=OuterRef("pk")), self.near, self.miles
        )
        # Unordered, so Postgres stops at the limit instead of finding (and sorting) every match first.
        found = self.services.filter(Exists(nearby)).order_by().values("pk")[: self.limit + 1].count()
        self.more_than_limit = found > self.limit
        return min(found, self.limit)

    def reach(self, services: int) -> Reach:
        """How far away the nearest `services` services are sure to lie (at most the radius), in one query.

        A KNN walk of the index, nearest first, through the search's filters: the flat distance at which the
        walk has passed `services` different services, stretched by the most a true distance can exceed a flat
        one, is a distance within which at least that many services lie. The walk goes on a little further (a
        service in several places is passed more than once), and when it has gone past the flat distance any
        place within the reach can be, the services it passed are the only ones the page can hold. When fewer
        services turn up, the reach is the whole radius: still exact, only slower.
        """
        here = Func(
            Value(self.near.longitude * LONGITUDE_SCALE),
            Value(self.near.latitude),
            function="point",
            output_field=Field(),
        )
        most = services + max(services // 2, 20)
        walk = list(
            Location.objects.filter(service_at_locations__service__in=self.services.values("pk"))
            .annotate(apart=_Apart(location_point(), here))
            .order_by("apart")
            .values_list("service_at_locations__service", "apart")[:most]
        )
        placed = [(service, apart) for service, apart in walk if apart is not None]  # unplaced ones come last
        walked = placed[-1][1] if len(placed) == most else math.inf  # every place nearer has been passed
        first_passed: dict[int, float] = {}  # in the order passed, so nearest first
        for service, apart in placed:
            first_passed.setdefault(service, apart)
        reach = self.miles
        if len(first_passed) >= services:
            nth = list(first_passed.values())[services - 1]
            # A millionth of a mile more keeps a service at the very place (0 miles) from falling out by rounding.
            reach = min(self.miles, nth * MILES_PER_DEGREE * self.most_stretch + 1e-6)
        # No place within the reach is farther than this in the index: if the walk went past it, the services it
        # passed that near are all the page can hold.
        farthest = reach / (MILES_PER_DEGREE * self.least_stretch)
        if farthest >= walked:
            return Reach(reach)
        return Reach(
            reach, frozenset(service for service, apart in first_passed.items() if apart <= farthest)
        )

    def __getitem__(self, page: slice) -> list[Service]:
        if not isinstance(page, slice) or page.step is not None:
            raise TypeError("NearestServices is paged with a plain slice, like [20:40]")
        start, stop = page.start or 0, min(page.stop if page.stop is not None else self.limit, self.limit)
        if stop <= start:
            return []
        # Every service nearer than the page's last is within the reach, so ranking just those is exact.
        reach = self.reach(stop)
        services = self.services if reach.services is None else self.services.filter(pk__in=reach.services)
        return list(with_categories(services_within(services, self.near, reach.miles))[start:stop])


def services_within(services: QuerySet[Service], near: Point, miles: float | None) -> QuerySet[Service]:
    """Services with a location within `miles` (anywhere, without), nearest first: a bounding box the index can
    use, then haversine.

    The distance is the nearest of the service's locations, computed once per location in one grouped query.
    """
    services = services.filter(_placed(near, miles, prefix="locations__")).annotate(
        distance=Min(distance_in_miles(near.latitude, near.longitude, prefix="locations__"))
    )
    if miles is not None:
        services = services.filter(distance__lte=miles)
    return services.order_by("distance", "name", "pk")


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


INLINE_RESULTS = 10


def inline_search(params, *, postcode: str = "") -> SimpleNamespace:
    """The directory searched from inside another screen (a contact's signposting, a support plan's item): the
    public search's form and, when something was asked for, its first results (nearest first near a postcode).
    Before a search, the form starts from `postcode` (where the person lives) so nobody types it again."""
    from directory.forms import ServiceSearchForm  # the form reads this module's search: imported when used

    asked = {key: value for key, value in params.items() if key in ServiceSearchForm.base_fields}
    form = ServiceSearchForm(params if asked else None, initial={"postcode": postcode})
    if not asked or not form.is_valid():
        return SimpleNamespace(form=form, asked=bool(asked), results=[], search=None)
    wanted = form.search()
    results = list(search_results(wanted)[:INLINE_RESULTS])
    for service in results:
        service.distance_text = wanted.distance_text(service)
    return SimpleNamespace(form=form, asked=True, results=results, search=wanted)


def listed_service_or_none(service_uuid) -> Service | None:
    """A listed service with the details a signpost or a plan copies; None when it is not (or no longer) listed."""
    try:
        return get_listed_service(service_uuid)
    except (Http404, ValueError, ValidationError):
        return None
