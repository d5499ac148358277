"""Where a typed postcode is: a full postcode's own coordinates when we have them, else its district's centre."""

from dataclasses import dataclass

from django.db.models import BooleanField, Value

from directory.geo import normalise_postcode, outcode_of
from directory.models import Postcode, PostcodeDistrict


@dataclass(frozen=True)
class Place:
    """A point to measure distances from, and how the person should see it named."""

    label: str  # "NR1 3QQ" or "NR1", as the person should see it
    outcode: str  # always the district, "NR1"
    latitude: float
    longitude: float
    precise: bool  # True: the full postcode's own coordinates; False: the centre of its district


class MalformedPostcode(ValueError):
    """The text is not shaped like a UK postcode."""

    def __init__(self, typed: str):
        self.typed = typed
        super().__init__(f"{typed!r} is not a UK postcode")


class UnknownPostcode(ValueError):
    """Shaped like a postcode, but we do not know where its district is."""

    def __init__(self, postcode: str, outcode: str):
        self.postcode = postcode
        self.outcode = outcode
        super().__init__(f"We do not know where the postcode district {outcode} is")


def find_place(typed: str) -> Place:
    """The place a person means by a postcode or an outward code, in one query.

    A full postcode we hold is placed exactly (NR1 3QQ, precise). One we do not hold (new, or outside the
    council's area) falls back to the centre of its district, still labelled with what was typed, since the
    district is a fair guess at "near". An outward code alone is its district's centre. Raises MalformedPostcode
    for text not shaped like a postcode, UnknownPostcode when we know neither the postcode nor its district.
    """
    postcode = normalise_postcode(typed)
    if postcode is None:
        raise MalformedPostcode(typed)
    outcode = outcode_of(postcode)
    assert outcode is not None  # a normalised postcode always has one
    candidates = (
        PostcodeDistrict.objects.filter(outcode=outcode)
        .order_by()
        .annotate(precise=Value(False, output_field=BooleanField()))
        .values_list("latitude", "longitude", "precise")
    )
    if postcode != outcode:
        exact = (
            Postcode.objects.filter(postcode=postcode)
            .order_by()
            .annotate(precise=Value(True, output_field=BooleanField()))
            .values_list("latitude", "longitude", "precise")
        )
        candidates = exact.union(candidates, all=True)
    found = sorted(candidates, key=lambda row: not row[2])  # the postcode's own coordinates first
    if not found:
        raise UnknownPostcode(postcode, outcode)
    latitude, longitude, precise = found[0]
    return Place(label=postcode, outcode=outcode, latitude=latitude, longitude=longitude, precise=precise)
