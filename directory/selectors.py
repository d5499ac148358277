"""Reads of the directory: the public search, a service's page and the services in a person's saved list.

A search is a fixed number of queries whatever it finds. Without a postcode: one to count, one for the page of
services (with their organisation), one for their categories. Near a postcode: one to count (which stops at
NEAREST_LIMIT + 1), one that walks the nearest-first index to find how far the page reaches, one for the page's
services with their exact distances (only those within that reach), one for their categories.

Places and distances are PostgreSQL's earthdistance (on cube): each place is a point on the Earth
(`ll_to_earth`), a GiST index on it finds the places within a radius (`earth_box`) and walks them nearest first
(`<->`, the straight line through the Earth, which orders places exactly as the distance over its surface does),
and `earth_distance` measures the distance over the surface.
"""

import datetime
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


def distance_in_miles(latitude: float, longitude: float, *, prefix: str = "") -> Func:
    """The great-circle distance in miles from a fixed point to the row's place: earthdistance measures it on a
    sphere of radius earth(), here scaled to geo's radius in miles, so it agrees with geo.haversine_miles."""
    here = on_earth(latitude, longitude)
    return Func(
        Func(here, _there(prefix), function="earth_distance"),
        template=f"(%(expressions)s / earth() * {EARTH_RADIUS_MILES})",
        output_field=FloatField(),
    )


class _Within(Func):
    """earth_box(here, radius) @> there: the index's test for a place within a radius (a cube round the circle)."""

    output_field = BooleanField()

    def __init__(self, near: "Point", miles: float, prefix: str):
        radius = Value(miles / EARTH_RADIUS_MILES)
        super().__init__(_here(near), radius, _there(prefix))

    def as_sql(self, compiler, connection, **extra_context):
        (here, here_params), (radius, radius_params), (there, there_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        sql = f"(earth_box({here}, {radius} * earth()) @> {there})"
        return sql, [*here_params, *radius_params, *there_params]


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
    """Rows with a place (`prefix` names the Location): in the cube round `miles`, when given."""
    if miles is None:
        return Q(**{f"{prefix}latitude__isnull": False, f"{prefix}longitude__isnull": False})
    return Q(_Within(near, miles, prefix))


def located_within(rows: QuerySet, near: Point, miles: float | None, *, prefix: str = "") -> QuerySet:
    """Rows whose place (`prefix` names the Location) is within `miles` (anywhere, without), each with its
    `distance` in miles: the cube round the circle, which the index finds, then the exact distance."""
    rows = rows.filter(_placed(near, miles, prefix=prefix)).annotate(
        distance=distance_in_miles(near.latitude, near.longitude, prefix=prefix)
    )
    return rows if miles is None else rows.filter(distance__lte=miles)


class _Apart(Func):
    """earthdistance's `<->` between two points on the Earth: what the index walks nearest first."""

    arg_joiner = " <-> "
    template = "(%(expressions)s)"
    output_field = FloatField()


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
        nearby = located_within(
            Location.objects.filter(service_at_locations__service=OuterRef("pk")), self.near, self.miles
        )
        # Unordered, so Postgres stops at the limit instead of finding (and sorting) every match first.
        found = self.services.filter(Exists(nearby)).order_by().values("pk")[: self.limit + 1].count()
        self.more_than_limit = found > self.limit
        return min(found, self.limit)

    def reach(self, services: int) -> float:
        """How far away the nearest `services` services lie (at most the radius), in one query: a KNN walk of the
        index, nearest first, through the search's filters, a little further than `services` places (a service
        in several places is passed more than once). When fewer services turn up, the reach is the whole radius:
        still exact, only slower."""
        walk = (
            Location.objects.filter(
                _placed(self.near, self.miles), service_at_locations__service__in=self.services.values("pk")
            )
            .annotate(
                apart=_Apart(_there(""), _here(self.near)),
                miles=distance_in_miles(self.near.latitude, self.near.longitude),
            )
            .order_by("apart")
            .values_list("service_at_locations__service", "miles")
        )
        first_passed: dict[
            int, float
        ] = {}  # in the order passed, so nearest first, each at its nearest place
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
    """Services with a location within `miles` (anywhere, without), nearest first: the cube round the circle that
    the index finds, then the exact distance.

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
