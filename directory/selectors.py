"""Reads of the directory: the public search, a service's page and the services in a person's saved list.

A search is a fixed number of queries whatever it finds. Without a postcode: one to count, one for the page of
services (with their organisation), one for their categories. Near a postcode: one to count (which stops at
NEAREST_LIMIT + 1), one that walks the nearest-first index to find how far the page reaches, one for the page's
services with their exact distances (only those within that reach), one for their categories.

Places and distances are PostgreSQL's earthdistance (on cube): each place is a point on the Earth (`ll_to_earth`).
A place is within a radius when the straight line through the Earth to it (`<->`, in C) is no longer than the
radius's chord, tested on the places in a range of latitude and longitude that holds the circle (a B-tree index,
whose statistics tell Postgres how many places that is); a GiST index on the points walks them nearest first
(`<->` again, which orders places exactly as the distance over the surface does); and `sec_to_gc` turns the line
through the Earth into the distance over the surface, only for the rows read.
"""

import datetime
import math
import uuid
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Protocol

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Field,
    FloatField,
    Func,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.http import Http404

from directory.geo import DEFAULT_RADIUS, EARTH_RADIUS_MILES, Radius, describe_distance
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


def on_earth(latitude: float, longitude: float) -> Func:
    """A fixed place as earthdistance's point on the Earth, as Location.on_earth holds each place."""
    return Func(Value(latitude), Value(longitude), function="ll_to_earth", output_field=Field())


def _here(near: "Point") -> Func:
    return on_earth(near.latitude, near.longitude)


def _there(prefix: str) -> F:
    """The row's place as a point on the Earth (`prefix` names the Location): its stored, indexed column."""
    return F(f"{prefix}on_earth")


class _Apart(Func):
    """earthdistance's `<->` (cube_distance, in C) between two points on the Earth: the straight line through the
    Earth between them, in metres. It is what the index walks nearest first, and it grows with the distance over
    the surface, so it orders and bounds places exactly as that distance does."""

    arg_joiner = " <-> "
    template = "(%(expressions)s)"
    output_field = FloatField()


def _apart(near: "Point", prefix: str = "") -> _Apart:
    return _Apart(_there(prefix), _here(near))


class _InMiles(Func):
    """The distance over the surface, in miles, of places `apart` (metres through the Earth): earthdistance's
    sec_to_gc on its sphere of radius earth(), scaled to geo's radius in miles, so it agrees with
    geo.haversine_miles. A SQL function Postgres cannot inline: kept for the rows shown, never to filter."""

    template = f"(sec_to_gc(%(expressions)s) / earth() * {EARTH_RADIUS_MILES})"
    output_field = FloatField()


class _NoFartherThan(Func):
    """The straight line through the Earth to the row's place (`<->`, cube_distance in C) no longer than `chord`
    earth() radii: exactly the places within the distance over the surface whose chord that is."""

    output_field = BooleanField()

    def __init__(self, near: "Point", chord: float, prefix: str):
        super().__init__(_apart(near, prefix), Value(chord))

    def as_sql(self, compiler, connection, **extra_context):
        (apart, apart_params), (chord, chord_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return f"({apart} <= {chord} * earth())", [*apart_params, *chord_params]


def _within(near: "Point", miles: float, prefix: str) -> Q:
    """Places within `miles` of `near`, exactly: the straight line through the Earth to them no longer than the
    radius's chord, tested only on the places in a range of latitude and longitude that holds the whole circle
    (the B-tree index on both). Postgres keeps statistics on latitude and longitude, not on the points on the
    Earth, so it knows how many places such a range holds, and reads them from the index when they are few and
    service by service when they are many."""
    angle = min(miles / EARTH_RADIUS_MILES, math.pi)  # radians of the Earth's centre
    chord = 2 * math.sin(angle / 2)
    spread = math.degrees(angle) * (1 + 1e-9) + 1e-9  # a little wider, so rounding never loses a place
    south, north = near.latitude - spread, near.latitude + spread
    within = Q(**{f"{prefix}latitude__range": (south, north)}) & Q(_NoFartherThan(near, chord, prefix))
    farthest_east = math.sin(angle) / math.cos(math.radians(near.latitude))
    if south <= -90 or north >= 90 or farthest_east >= 1:
        return within  # the circle holds a pole: any longitude
    across = math.degrees(math.asin(farthest_east)) * (1 + 1e-9) + 1e-9
    west, east = near.longitude - across, near.longitude + across
    if west < -180 or east > 180:
        return within  # across the 180th meridian: any longitude
    return within & Q(**{f"{prefix}longitude__range": (west, east)})


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


def _placed(near: Point, miles: float | None, *, prefix: str = "") -> Q:
    """Rows with a place (`prefix` names the Location): within `miles`, when given."""
    if miles is None:
        return Q(**{f"{prefix}latitude__isnull": False, f"{prefix}longitude__isnull": False})
    return _within(near, miles, prefix)


def located_within(rows: QuerySet, near: Point, miles: float | None, *, prefix: str = "") -> QuerySet:
    """Rows whose place (`prefix` names the Location) is within `miles` (anywhere, without), each with `apart`
    to order them nearest first and its `distance` in miles (worked out for the rows read, not to filter)."""
    apart = _apart(near, prefix)
    return rows.filter(_placed(near, miles, prefix=prefix)).annotate(apart=apart, distance=_InMiles(apart))


class NearestServices:
    """The services a search near a postcode finds, nearest first, as a sequence Django's Paginator can page.

    The count asks only whether each service has a place within the radius, and stops at `limit` + 1. A page
    first walks the nearest-first index (a KNN scan, `ORDER BY <->`) until it has passed as many services as the
    page's last one: the index's order is the true order, so the distance of the last of them is how far the page
    reaches. Then the page is the usual exact query (each service at its nearest place, ties in name order) within
    that reach instead of the whole radius: a few hundred places rather than every place within the radius.
    """

    def __init__(self, services: QuerySet[Service], near: Point, miles: float, *, limit: int = NEAREST_LIMIT):
        self.services = services
        self.near = near
        self.miles = miles
        self.limit = limit
        self.more_than_limit = False

    def count(self) -> int:
        """How many services there are to page through: all of them, or the nearest `limit` when there are more."""
        nearby = Location.objects.filter(
            _placed(self.near, self.miles), service_at_locations__service=OuterRef("pk")
        )
        # Unordered, so Postgres stops at the limit instead of finding (and sorting) every match first.
        found = self.services.filter(Exists(nearby)).order_by().values("pk")[: self.limit + 1].count()
        self.more_than_limit = found > self.limit
        return min(found, self.limit)

    def reach(self, services: int) -> float:
        """How far away the nearest `services` services lie (at most the radius), in one query: a KNN walk of the
        index, nearest first, through the search's filters, a little further than `services` places (a service
        in several places is passed more than once). The walk has no radius to keep to, so Postgres has no other
        way to read it than the index in order, and it stops at the places it needs. When fewer services turn up
        within the radius, the reach is the whole radius: still exact, only slower."""
        walk = (
            Location.objects.filter(
                on_earth__isnull=False, service_at_locations__service__in=self.services.values("pk")
            )
            .annotate(apart=_apart(self.near))
            .order_by("apart")
            .annotate(miles=_InMiles(F("apart")))
            .values_list("service_at_locations__service", "miles")
        )
        # In the order passed, so nearest first, each at its nearest place.
        first_passed: dict[int, float] = {}
        for service, miles in walk[: services + max(services // 2, 20)]:
            first_passed.setdefault(service, miles)
        if len(first_passed) < services:
            return self.miles
        # A millionth of a mile more keeps a service at the very edge (or the very place) from falling out by rounding.
        return min(self.miles, list(first_passed.values())[services - 1] + 1e-6)

    def __getitem__(self, page: slice) -> list[Service]:
        if not isinstance(page, slice) or page.step is not None:
            raise TypeError("NearestServices is paged with a plain slice, like [20:40]")
        start, stop = page.start or 0, min(page.stop if page.stop is not None else self.limit, self.limit)
        if stop <= start:
            return []
        # Every service nearer than the page's last is within the reach, so ranking just those is exact.
        reach = self.reach(stop)
        return list(with_categories(services_within(self.services, self.near, reach))[start:stop])


def services_within(services: QuerySet[Service], near: Point, miles: float | None) -> QuerySet[Service]:
    """Services with a location within `miles` (anywhere, without), nearest first, in one grouped query: each
    service at its nearest place (`apart`, through the Earth), with its `distance` in miles worked out for that
    place alone."""
    return (
        services.filter(_placed(near, miles, prefix="locations__"))
        .annotate(apart=Min(_apart(near, "locations__")))
        .annotate(distance=_InMiles(F("apart")))
        .order_by("apart", "name", "pk")
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
