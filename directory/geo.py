"""Where a postcode is and how far apart two places are: pure functions, no database."""

import math
import re
from dataclasses import dataclass

EARTH_RADIUS_MILES = 3958.8
METRES_PER_MILE = 1609.344
METRES_PER_UNIT = {"mi": METRES_PER_MILE, "km": 1000.0}

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
    """Great-circle distance in miles, on a sphere of EARTH_RADIUS_MILES: the distances selectors has PostgreSQL's
    earthdistance measure are on the same sphere, so the two agree."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = math.radians(lat2 - lat1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, a)))


def describe_distance(miles: float, unit: str = "mi") -> str:
    """How far away, in miles or kilometres ("mi" or "km"): '2.3 miles away', '1 mile away', '1.6 km away',
    'Less than 0.1 miles away'."""
    amount = miles * METRES_PER_MILE / METRES_PER_UNIT[unit]
    name = "km" if unit == "km" else "miles"
    if amount < 0.05:
        return f"Less than 0.1 {name} away"
    rounded = f"{amount:.1f}".removesuffix(".0")
    if unit == "mi" and rounded == "1":
        name = "mile"
    return f"{rounded} {name} away"


@dataclass(frozen=True)
class Radius:
    """How far to look, as a person chose it: a whole number of miles or kilometres."""

    amount: int
    unit: str  # "mi" or "km"

    @classmethod
    def parse(cls, typed: str) -> "Radius":
        """ "5mi", "2km", or a bare number of miles ("5", as older links have it); ValueError for anything else."""
        match = re.fullmatch(r"([0-9]{1,5})(mi|km)?", typed or "")
        if match is None or int(match[1]) < 1:
            raise ValueError(f"{typed!r} is not a distance like 5mi or 2km")
        return cls(int(match[1]), match[2] or "mi")

    @property
    def value(self) -> str:
        return f"{self.amount}{self.unit}"

    @property
    def metres(self) -> float:
        return self.amount * METRES_PER_UNIT[self.unit]

    @property
    def miles(self) -> float:
        return self.metres / METRES_PER_MILE

    @property
    def label(self) -> str:
        if self.unit == "km":
            return f"{self.amount} km"
        return f"{self.amount} {'mile' if self.amount == 1 else 'miles'}"

    def __str__(self) -> str:
        return self.label


DEFAULT_RADIUS = Radius(5, "mi")


def normalise_postcode(typed: str) -> str | None:
    """A postcode as the Royal Mail writes it: upper case, one space before the inward code ("nr13qq" -> "NR1 3QQ").

    An outward code alone comes back alone ("nr1" -> "NR1"); None when the text is not shaped like a UK postcode.
    """
    compact = re.sub(r"\s+", "", typed or "").upper()
    if match := _FULL_POSTCODE.match(compact):
        return f"{match[1]} {match[2]}"
    if _OUTCODE_ONLY.match(compact):
        return compact
    return None


# The National Grid: a transverse Mercator projection of the Airy 1830 ellipsoid (OSGB36 datum). Constants and
# formulas from Ordnance Survey, "A guide to coordinate systems in Great Britain", Annex C.
_AIRY_A, _AIRY_B = 6377563.396, 6356256.909
_GRID_SCALE = 0.9996012717
_GRID_ORIGIN_LAT, _GRID_ORIGIN_LON = math.radians(49), math.radians(-2)
_GRID_FALSE_EASTING, _GRID_FALSE_NORTHING = 400000.0, -100000.0
# GRS80, the ellipsoid of ETRS89 and (to a metre) WGS84.
_GRS80_A, _GRS80_B = 6378137.0, 6356752.314140
# OSGB36 to WGS84, the OS's published seven-parameter Helmert transformation (the inverse of its WGS84 to OSGB36
# parameters): shifts in metres, scale in parts per million, rotations in arc seconds. It is good to about 5 m
# across Great Britain; OSTN15, the OS's exact transformation, needs a 15 MB grid we do not need for "how far".
_HELMERT_SHIFT = (446.448, -125.157, 542.060)
_HELMERT_SCALE_PPM = -20.4894
_HELMERT_ROTATION_SECONDS = (0.1502, 0.2470, 0.8421)


def _meridional_arc(phi: float) -> float:
    """The distance along the central meridian from the grid's true origin to latitude `phi` (OS guide C.3)."""
    n = (_AIRY_A - _AIRY_B) / (_AIRY_A + _AIRY_B)
    d, s = phi - _GRID_ORIGIN_LAT, phi + _GRID_ORIGIN_LAT
    return (
        _AIRY_B
        * _GRID_SCALE
        * (
            (1 + n + 5 / 4 * n**2 + 5 / 4 * n**3) * d
            - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(d) * math.cos(s)
            + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * d) * math.cos(2 * s)
            - 35 / 24 * n**3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )


def grid_to_osgb36(easting: float, northing: float) -> tuple[float, float]:
    """The OSGB36 latitude and longitude, in degrees, of a National Grid easting and northing (OS guide C.2)."""
    e2 = 1 - _AIRY_B**2 / _AIRY_A**2
    phi = _GRID_ORIGIN_LAT
    arc = 0.0
    while True:  # converges to a hundredth of a millimetre in three or four steps
        phi += (northing - _GRID_FALSE_NORTHING - arc) / (_AIRY_A * _GRID_SCALE)
        arc = _meridional_arc(phi)
        if abs(northing - _GRID_FALSE_NORTHING - arc) < 0.00001:
            break
    sin_phi, tan_phi, sec_phi = math.sin(phi), math.tan(phi), 1 / math.cos(phi)
    nu = _AIRY_A * _GRID_SCALE / math.sqrt(1 - e2 * sin_phi**2)
    rho = _AIRY_A * _GRID_SCALE * (1 - e2) / (1 - e2 * sin_phi**2) ** 1.5
    eta2 = nu / rho - 1
    vii = tan_phi / (2 * rho * nu)
    viii = tan_phi / (24 * rho * nu**3) * (5 + 3 * tan_phi**2 + eta2 - 9 * tan_phi**2 * eta2)
    ix = tan_phi / (720 * rho * nu**5) * (61 + 90 * tan_phi**2 + 45 * tan_phi**4)
    x = sec_phi / nu
    xi = sec_phi / (6 * nu**3) * (nu / rho + 2 * tan_phi**2)
    xii = sec_phi / (120 * nu**5) * (5 + 28 * tan_phi**2 + 24 * tan_phi**4)
    xiia = sec_phi / (5040 * nu**7) * (61 + 662 * tan_phi**2 + 1320 * tan_phi**4 + 720 * tan_phi**6)
    de = easting - _GRID_FALSE_EASTING
    latitude = phi - vii * de**2 + viii * de**4 - ix * de**6
    longitude = _GRID_ORIGIN_LON + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return math.degrees(latitude), math.degrees(longitude)


def osgb36_to_wgs84(latitude: float, longitude: float) -> tuple[float, float]:
    """WGS84 latitude and longitude, in degrees, of an OSGB36 one, by the OS's Helmert transformation (~5 m)."""
    phi, lam = math.radians(latitude), math.radians(longitude)
    e2 = 1 - _AIRY_B**2 / _AIRY_A**2
    nu = _AIRY_A / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    x1 = nu * math.cos(phi) * math.cos(lam)
    y1 = nu * math.cos(phi) * math.sin(lam)
    z1 = nu * (1 - e2) * math.sin(phi)
    tx, ty, tz = _HELMERT_SHIFT
    s = _HELMERT_SCALE_PPM / 1e6
    rx, ry, rz = (math.radians(seconds / 3600) for seconds in _HELMERT_ROTATION_SECONDS)
    x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
    y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
    z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
    e2 = 1 - _GRS80_B**2 / _GRS80_A**2
    p = math.hypot(x2, y2)
    phi = math.atan2(z2, p * (1 - e2))
    for _ in range(10):  # a millimetre after two or three
        nu = _GRS80_A / math.sqrt(1 - e2 * math.sin(phi) ** 2)
        phi = math.atan2(z2 + e2 * nu * math.sin(phi), p)
    return math.degrees(phi), math.degrees(math.atan2(y2, x2))


def grid_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """WGS84 latitude and longitude of a National Grid reference, as OS Code-Point Open gives postcodes (~5 m)."""
    return osgb36_to_wgs84(*grid_to_osgb36(easting, northing))
