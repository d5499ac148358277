"""Factories for the directory. A service comes with an organisation; places are given as postcode districts."""

import datetime

import factory

from directory.models import (
    Location,
    Organization,
    Postcode,
    PostcodeDistrict,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

# Real centres from the shipped file, so tests can reason about distances.
DISTRICTS = {
    "NR1": (52.62671, 1.31012, "Norwich"),
    "NR2": (52.6301, 1.28524, "Norwich"),
    "NR18": (52.57095, 1.11105, "Wymondham"),
    "NR27": (52.92467, 1.30157, "Cromer"),
}


# Real full postcodes from the shipped file (OS Code-Point Open), for tests of "near this postcode".
POSTCODES = {
    "NR1 3QQ": (52.62321, 1.29103),
    "NR1 2NY": (52.60112, 1.28998),  # Lakenham, about 2 miles south-west of NR1's centre
    "NR7 0AA": (52.62636, 1.34031),
}


def full_postcode(postcode: str) -> Postcode:
    latitude, longitude = POSTCODES[postcode]
    return Postcode.objects.get_or_create(
        postcode=postcode,
        defaults={
            "outcode": postcode.split()[0],
            "latitude": latitude,
            "longitude": longitude,
            "source": "test",
        },
    )[0]


def district(outcode: str) -> PostcodeDistrict:
    latitude, longitude, town = DISTRICTS[outcode]
    return PostcodeDistrict.objects.get_or_create(
        outcode=outcode,
        defaults={"latitude": latitude, "longitude": longitude, "town": town, "source": "test"},
    )[0]


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Wensum Valley Volunteers {n}")
    url = "https://wensum.example.org"
    email = "hello@wensum.example.org"


class TaxonomyTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxonomyTerm
        django_get_or_create = ("taxonomy", "code")

    taxonomy = factory.LazyFunction(lambda: Taxonomy.objects.get_or_create(name="Test categories")[0])
    code = "lunch-clubs"
    term = factory.LazyAttribute(lambda term: term.code.replace("-", " ").capitalize())


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Service {n:04d}")
    description = "A friendly weekly group for tea and conversation."
    eligibility_description = "Aged 60 or over."
    assured_date = datetime.date(2026, 3, 1)

    @factory.post_generation
    def at(service, create, outcode, **kwargs):
        """ServiceFactory(at="NR18") puts the service at the centre of that district (plus `north` miles)."""
        if not outcode:
            return
        latitude, longitude, town = DISTRICTS[outcode]
        location = Location.objects.create(
            name=f"{town} Village Hall",
            address_1="1 Church Lane",
            city=town,
            postcode=f"{outcode} 1AA",
            latitude=latitude + kwargs.get("north", 0) / 69.09,
            longitude=longitude,
        )
        ServiceAtLocation.objects.create(service=service, location=location)

    @factory.post_generation
    def categories(service, create, codes, **kwargs):
        for code in codes or ():
            service.terms.add(TaxonomyTermFactory(code=code))

    @factory.post_generation
    def open_on(service, create, weekdays, **kwargs):
        for weekday in weekdays or ():
            Schedule.objects.create(
                service=service, weekday=weekday, opens_at=datetime.time(10), closes_at=datetime.time(12)
            )
