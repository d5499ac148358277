"""The directory's Open Referral UK API: read-only JSON, no key, open to any origin (CORS `*`).

Lists come in the ORUK page envelope; `page` counts from 1 and `per_page` is 50 unless asked (at most 100).
Every parameter is read through api_params, so a bad one is a 400 with a message and never reaches a query;
unknown records are a 404, both as JSON. Every list is a fixed number of queries however many records it shows
(see api_selectors).
"""

import functools
import json
import math
import uuid
from pathlib import Path

from django.http import Http404, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from config.access import public
from directory import api_params as params
from directory import api_selectors as selectors
from directory import serializers
from directory.api_params import BadRequest
from directory.selectors import ServiceSearch, services_within

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
OPENAPI_FILE = Path(__file__).resolve().parent / "data" / "openapi.json"


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str) -> JsonResponse:
    return _json({"status": status, "message": message}, status=status)


def api_view(view):
    """Public, GET only, JSON errors, and the CORS header on every response (errors included)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except BadRequest as problem:
            return _error(400, str(problem))
        except Http404:
            return _error(404, "Not found.")
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return public(_get_only(wrapper))


def _get_only(view):
    """require_GET, with its 405 as JSON carrying the CORS header too."""
    guarded = require_GET(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = guarded(request, *args, **kwargs)
        if response.status_code == 405 and not isinstance(response, JsonResponse):
            allowed = response["Allow"]
            response = _error(405, "Only GET is allowed.")
            response["Allow"] = allowed
        return response

    return wrapper


def _record_id(raw: str) -> uuid.UUID:
    """A record's identifier from the path: anything that is not a UUID names no record."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise Http404 from None


def _page(request, items, serialise) -> JsonResponse:
    """The ORUK page envelope around one page of `items`, each passed through `serialise`."""
    number = params.whole_number(request.GET, "page", 1)
    size = min(params.whole_number(request.GET, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    total = items.count()
    total_pages = math.ceil(total / size)
    start = (number - 1) * size
    contents = [serialise(item) for item in items[start : start + size]] if start < total else []
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": number,
            "size": size,
            "first_page": number == 1,
            "last_page": number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def _keyword(request) -> str:
    return params.text(request.GET, "text") or params.text(request.GET, "search")


def _service_search(request) -> ServiceSearch:
    """What /services and /service_at_locations filter services by: words, the day and times they are open."""
    return ServiceSearch(
        keyword=_keyword(request),
        weekday=params.weekday(request.GET, "day"),
        opens_from=params.time_of_day(request.GET, "start_time"),
        closes_by=params.time_of_day(request.GET, "end_time"),
        include_not_running=True,
    )


def _uris(request) -> serializers.Uris:
    return serializers.Uris(request.build_absolute_uri(reverse("directory_api_root")))


@api_view
def root(request):
    return _json(
        {
            "version": serializers.ORUK_VERSION,
            "profile": "UK",
            "openapi_url": request.build_absolute_uri(reverse("directory_api_openapi")),
        }
    )


@api_view
def openapi(request):
    document = json.loads(OPENAPI_FILE.read_text())
    document["servers"] = [{"url": request.build_absolute_uri(reverse("directory_api_root")).rstrip("/")}]
    return _json(document)


@api_view
def services(request):
    """Services, by name or by relevance to `text` (or `search`); nearest first given a postcode or `lat` and
    `long`, each with its `distance` in metres.

    `full_service=true` gives each service fully nested, as /services/{id} does.
    """
    found = selectors.search_services(_service_search(request))
    if (term := params.identifier(request.GET, "taxonomy_term_id")) is not None:
        found = selectors.with_term(found, term)
    if (taxonomy := params.identifier(request.GET, "taxonomy_id")) is not None:
        found = selectors.in_taxonomy(found, taxonomy)
    near = params.near(request.GET)
    if near is not None:
        found = services_within(found, near.point, near.miles)
    if params.flag(request.GET, "full_service"):
        serialise = functools.partial(serializers.service_full, uris=_uris(request))
        return _page(request, selectors.with_full_nesting(found), serialise)
    return _page(request, found, serializers.service_summary)


@api_view
def service(request, service_id):
    found = selectors.get_api_service(_record_id(service_id))
    return _json(serializers.service_full(found, uris=_uris(request)))


@api_view
def organizations(request):
    """Organisations by name, or by relevance to `text` (or `search`)."""
    return _page(request, selectors.api_organizations(_keyword(request)), serializers.organization)


@api_view
def organization(request, organization_id):
    """One organisation with the services it runs."""
    found = selectors.get_api_organization(_record_id(organization_id))
    return _json(serializers.organization_full(found, uris=_uris(request)))


@api_view
def taxonomies(request):
    return _page(
        request, selectors.api_taxonomies(), functools.partial(serializers.taxonomy, uris=_uris(request))
    )


@api_view
def taxonomy(request, taxonomy_id):
    """One taxonomy with its terms."""
    found = selectors.get_api_taxonomy(_record_id(taxonomy_id))
    return _json(serializers.taxonomy_full(found, uris=_uris(request)))


@api_view
def taxonomy_terms(request):
    """Terms by name; `taxonomy_id` keeps those of one taxonomy, `parent_id` the children of one term and
    `top_only=true` those with no parent."""
    terms = selectors.api_taxonomy_terms(
        taxonomy=params.identifier(request.GET, "taxonomy_id"),
        parent=params.identifier(request.GET, "parent_id"),
        top_only=params.flag(request.GET, "top_only"),
    )
    return _page(request, terms, functools.partial(serializers.taxonomy_term, uris=_uris(request)))


@api_view
def taxonomy_term(request, term_id):
    found = selectors.get_api_taxonomy_term(_record_id(term_id))
    return _json(serializers.taxonomy_term(found, uris=_uris(request)))


@api_view
def service_at_locations(request):
    """Services at their locations; given a postcode or `lat` and `long`, nearest first with each one's
    `distance` in metres (within `proximity` metres if given)."""
    near = params.near(request.GET)
    found = selectors.api_service_at_locations(
        _service_search(request),
        near=None if near is None else near.point,
        miles=None if near is None else near.miles,
        term=params.identifier(request.GET, "taxonomy_term_id"),
        taxonomy=params.identifier(request.GET, "taxonomy_id"),
    )
    return _page(request, found, serializers.service_at_location)


@api_view
def service_at_location(request, service_at_location_id):
    """One service at one location, the service fully nested."""
    found = selectors.get_api_service_at_location(_record_id(service_at_location_id))
    return _json(serializers.service_at_location_full(found, uris=_uris(request)))
