"""The ORUK API's query parameters, read and checked before anything reaches a query.

Each reader takes the request's query and a parameter's name and gives a value the queries can use, or raises
BadRequest with a sentence the caller can act on. Text that Postgres cannot hold (a NUL byte) or that no search
needs (control characters, more than MAX_TEXT characters) is refused here, so no parameter can end in a 500.
"""

import datetime
import re
import unicodedata
import uuid
from dataclasses import dataclass

from django.http import QueryDict

from directory.geo import METRES_PER_MILE
from directory.models import Schedule
from directory.places import MalformedPostcode, UnknownPostcode, find_place
from directory.selectors import Point

MAX_TEXT = 200
# Enough digits for any page anyone could ask for; longer is a mistake, not a page.
MAX_DIGITS = 9
# Half the Earth's circumference: every place on it is within this of anywhere.
MAX_PROXIMITY_METRES = 20_037_508
ICAL_DAYS = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}
DAY_NAMES = {label.lower(): value for value, label in Schedule.Weekday.choices}


class BadRequest(Exception):
    """A query parameter the API cannot use; the message is shown to the caller."""


@dataclass(frozen=True)
class Coordinates:
    """A point given as `lat` and `long` (WGS84 degrees)."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class Near:
    """Where to measure from, and how far to look (metres), or no limit."""

    point: Point
    metres: float | None = None

    @property
    def miles(self) -> float | None:
        return None if self.metres is None else self.metres / METRES_PER_MILE


def _shown(value: str) -> str:
    """A caller's value quoted back in a message: printable and short."""
    printable = "".join(char if char.isprintable() else "?" for char in value)
    return printable if len(printable) <= 20 else printable[:20] + "…"


def text(query: QueryDict, name: str) -> str:
    """Words to search for: at most MAX_TEXT characters, no control characters."""
    value = query.get(name, "").strip()
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise BadRequest(f"{name} must not contain control characters, such as a NUL byte.")
    if len(value) > MAX_TEXT:
        raise BadRequest(f"{name} must be {MAX_TEXT} characters or fewer.")
    return value


def whole_number(query: QueryDict, name: str, default: int) -> int:
    raw = query.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        raise BadRequest(f"{name} must be a whole number, like 1.")
    if len(raw.lstrip("+-0")) > MAX_DIGITS:
        raise BadRequest(f"{name} must be less than {10**MAX_DIGITS:,}.")
    value = int(raw)
    if value < 1:
        raise BadRequest(f"{name} must be 1 or more.")
    return value


def identifier(query: QueryDict, name: str) -> uuid.UUID | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadRequest(f"{name} must be an identifier (a UUID) from this API.") from None


def flag(query: QueryDict, name: str) -> bool:
    return query.get(name, "").strip().lower() in {"1", "true", "yes"}


def weekday(query: QueryDict, name: str) -> int | None:
    """A day of the week, as iCalendar writes it (MO, TU, ...) or by name (Monday)."""
    raw = query.get(name, "").strip()
    if not raw:
        return None
    day = ICAL_DAYS.get(raw.upper()) or DAY_NAMES.get(raw.lower())
    if day is None:
        raise BadRequest(f"{name} must be a day of the week, like MO or Monday.")
    return day


def time_of_day(query: QueryDict, name: str) -> datetime.time | None:
    """A time as ORUK writes it: 09:30 or 09:30:00."""
    raw = query.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?", raw):
        raise BadRequest(f"{name} must be a time, like 09:30.")
    try:
        return datetime.time.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a time, like 09:30.") from None


def _number(query: QueryDict, name: str, what: str) -> float | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    # Plain decimals only: float() would also take "nan", "inf", "1e309" and digits from other scripts.
    if not re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)", raw) or len(raw) > 30:
        raise BadRequest(f"{name} must be {what}.")
    return float(raw)


def _coordinates(query: QueryDict) -> Coordinates | None:
    latitude = _number(query, "lat", "a latitude in degrees, like 52.6287")
    longitude = _number(query, "long", "a longitude in degrees, like 1.2923")
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        raise BadRequest("lat and long go together: give both, or a postcode.")
    if not -90 <= latitude <= 90:
        raise BadRequest("lat must be between -90 and 90.")
    if not -180 <= longitude <= 180:
        raise BadRequest("long must be between -180 and 180.")
    return Coordinates(latitude, longitude)


def _postcode(query: QueryDict):
    postcode = query.get("postcode", "").strip()
    if not postcode:
        return None
    try:
        return find_place(postcode)
    except MalformedPostcode:
        raise BadRequest(f"'{_shown(postcode)}' is not a UK postcode, like NR1 3QQ or NR1.") from None
    except UnknownPostcode as unknown:
        raise BadRequest(f"We do not know where the postcode district {unknown.outcode} is.") from None


def near(query: QueryDict) -> Near | None:
    """Where to measure from (`postcode`, or `lat` and `long`) and how far to look (`proximity`, in metres)."""
    place = _postcode(query)
    coordinates = _coordinates(query)
    if place is not None and coordinates is not None:
        raise BadRequest("Give a postcode, or lat and long, not both.")
    point = place or coordinates
    metres = _number(query, "proximity", "a distance in metres, like 5000")
    if point is None:
        if metres is not None:
            raise BadRequest("proximity needs a postcode, or lat and long, to measure from.")
        return None
    if metres is not None and metres <= 0:
        raise BadRequest("proximity must be a distance in metres greater than 0.")
    if metres is not None:
        metres = min(metres, MAX_PROXIMITY_METRES)
    return Near(point, metres)
