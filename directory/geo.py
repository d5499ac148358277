"""Where a postcode is and how far apart two places are: pure functions, no database."""

import math
import re

EARTH_RADIUS_MILES = 3958.8

_OUTCODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL_POSTCODE = re.compile(rf"^({_OUTCODE})([0-9][A-Z]{{2}})$")
_OUTCODE_ONLY = re.compile(rf"^{_OUTCODE}$")


def outcode_of(postcode: str) -> str | None:
    """The outward code of a full postcode or of an outward code alone ("nr1 3qq" and "NR1" give "NR1").

    None when the text is not shaped like a UK postcode. Spaces anywhere and lower case are forgiven, as people
    type them.
    """
    compact = re.sub(r"\s+", "", postcode or "").upper()
    if match := _FULL_POSTCODE.match(compact):
        return match[1]
    if _OUTCODE_ONLY.match(compact):
        return compact
    return None


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles: the SQL in selectors uses the same formula, so the two agree."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = math.radians(lat2 - lat1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, a)))


def bounding_box(lat: float, lon: float, miles: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) of the smallest box holding every point within `miles`: an index prefilters on it.

    The widest point of a circle on a sphere is not on the centre's parallel, so the longitude span is the
    spherical cap's (asin(sin(d/R) / cos(lat))), not miles divided by the width of a degree at that latitude.
    """
    angle = miles / EARTH_RADIUS_MILES
    dlat = math.degrees(angle)
    dlon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(lat)))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def describe_distance(miles: float) -> str:
    """'2.3 miles away', '1 mile away', 'Less than 0.1 miles away'."""
    if miles < 0.05:
        return "Less than 0.1 miles away"
    rounded = f"{miles:.1f}".removesuffix(".0")
    return f"{rounded} {'mile' if rounded == '1' else 'miles'} away"
