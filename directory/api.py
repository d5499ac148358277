"""The directory's Open Referral UK API: read-only JSON, no key, open to any origin (CORS `*`).

Lists come in the ORUK page envelope; `page` counts from 1 and `per_page` is 50 unless asked (at most 100).
Bad parameters get a 400 with a message, unknown records a 404, both as JSON. Every list is a fixed number of
queries however many records it shows (see selectors).
"""

import functools
import json
import math
import uuid
from pathlib import Path

from django.http import Http404, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from directory import selectors, serializers
from directory.access import public
from directory.places import MalformedPostcode, Place, UnknownPostcode, find_place
from directory.selectors import ServiceSearch

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
METRES_PER_MILE = 1609.344
OPENAPI_FILE = Path(__file__).resolve().parent / "data" / "openapi.json"


class BadRequest(Exception):
    """A query parameter the API cannot use; the message is shown to the caller."""


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


def _positive_int(request, name: str, default: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, like 1.") from None
    if value < 1:
        raise BadRequest(f"{name} must be 1 or more.")
    return value


def _uuid(request, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadRequest(f"{name} must be an identifier (a UUID) from this API.") from None


def _near(request) -> tuple[Place | None, float | None]:
    """The place (a full postcode, or a district's centre) and radius in miles asked for by `postcode` and
    `proximity` (metres)."""
    postcode = request.GET.get("postcode", "").strip()
    proximity = request.GET.get("proximity", "").strip()
    if not postcode:
        if proximity:
            raise BadRequest("proximity needs a postcode to measure from.")
        return None, None
    try:
        place = find_place(postcode)
    except MalformedPostcode:
        raise BadRequest(f"'{postcode}' is not a UK postcode, like NR1 3QQ or NR1.") from None
    except UnknownPostcode as unknown:
        raise BadRequest(f"We do not know where the postcode district {unknown.outcode} is.") from None
    if not proximity:
        return place, None
    try:
        metres = float(proximity)
    except ValueError:
        raise BadRequest("proximity must be a distance in metres, like 5000.") from None
    if not math.isfinite(metres) or metres <= 0:
        raise BadRequest("proximity must be a distance in metres greater than 0.")
    return place, metres / METRES_PER_MILE


def _page(request, items, serialise) -> JsonResponse:
    """The ORUK page envelope around one page of `items`, each passed through `serialise`."""
    number = _positive_int(request, "page", 1)
    size = min(_positive_int(request, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
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


def _truthy(request, name: str) -> bool:
    return request.GET.get(name, "").strip().lower() in {"1", "true", "yes"}


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
    """Services, by name or by relevance to `text` (or `search`), nearest first given a postcode.

    `full_service=true` gives each service fully nested, as /services/{id} does.
    """
    keyword = (request.GET.get("text") or request.GET.get("search") or "").strip()
    found = selectors.search_services(ServiceSearch(keyword=keyword))
    if (term := _uuid(request, "taxonomy_term_id")) is not None:
        found = selectors.with_term(found, term)
    near, miles = _near(request)
    if near is not None:
        found = selectors.nearest_first(found, near, miles)
    if _truthy(request, "full_service"):
        return _page(request, selectors.with_full_nesting(found), serializers.service_full)
    return _page(request, found, serializers.service_summary)


@api_view
def service(request, service_id):
    try:
        service_uuid = uuid.UUID(service_id)
    except ValueError:
        raise Http404 from None
    return _json(serializers.service_full(selectors.get_api_service(service_uuid)))


@api_view
def taxonomies(request):
    return _page(request, selectors.api_taxonomies(), serializers.taxonomy)


@api_view
def taxonomy_terms(request):
    return _page(request, selectors.api_taxonomy_terms(), serializers.taxonomy_term)


@api_view
def service_at_locations(request):
    """Services at their locations; given a postcode, nearest first (within `proximity` metres if given)."""
    near, miles = _near(request)
    return _page(request, selectors.api_service_at_locations(near, miles), serializers.service_at_location)
