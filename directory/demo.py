"""An invented directory for the demo council around Norwich, and many services fast for benchmarks.

Everything is made up: names are built from templates and real place names; phone numbers are in Ofcom's
range for drama (01632 960xxx), web and email addresses are under example.org. Each location is at a real
Norfolk postcode with its own coordinates when the full postcodes are loaded (`load_postcodes`), so "near a
postcode" works to the street; without them, at an invented postcode near the real centre of its district.
"""

import csv
import datetime
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from directory.models import (
    CostOption,
    Location,
    Organization,
    Phone,
    Postcode,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Suggestion,
    Taxonomy,
    TaxonomyTerm,
)
from directory.services import OUTCODES_FILE

DEMO_NAMESPACE = uuid.UUID("6f1c1b7e-3d1a-4c55-9a55-0f3a2f1d9e01")
TAXONOMY_NAME = "Front Door service categories"
DEMO_SERVICES = 330
DEMO_SEED = 2026

# outcode -> places within it
PLACES = {
    "NR1": ["Lakenham", "Thorpe Hamlet", "King Street", "Riverside"],
    "NR2": ["Unthank", "Heigham", "St Benedict's", "Golden Triangle"],
    "NR3": ["Mile Cross", "Catton Grove", "Sewell", "Magdalen Street"],
    "NR4": ["Eaton", "Cringleford", "Tuckswood"],
    "NR5": ["Earlham", "Bowthorpe", "Costessey"],
    "NR6": ["Hellesdon", "Old Catton"],
    "NR8": ["Taverham", "Drayton"],
    "NR9": ["Hethersett", "Easton"],
    "NR10": ["Horsford", "Spixworth"],
    "NR11": ["Aylsham", "Erpingham"],
    "NR12": ["Wroxham", "Stalham"],
    "NR13": ["Blofield", "Brundall", "Acle"],
    "NR14": ["Poringland", "Loddon"],
    "NR15": ["Long Stratton"],
    "NR18": ["Wymondham"],
    "NR27": ["Cromer"],
    "NR28": ["North Walsham"],
}
STREETS = [
    "Church Lane",
    "High Street",
    "Market Place",
    "Station Road",
    "Mill Road",
    "The Green",
    "School Lane",
]
BRANDS = ["Bluebell", "Wensum", "Yare Valley", "Broadland", "Kingfisher", "Heartsease", "Oakwood", "Willow"]
CHARITIES = [
    "Norfolk Later Life Trust",
    "Wensum Valley Volunteers",
    "Broadland Good Neighbours",
    "Norwich Carers Network",
    "East Anglian Memory Care Trust",
    "Norfolk Money Advice Partnership",
    "Get Moving Norfolk",
    "Rural Norfolk Community Transport",
]
DAY_SLOTS = [(datetime.time(10), datetime.time(12)), (datetime.time(12), datetime.time(14))]


@dataclass(frozen=True)
class Category:
    code: str
    term: str
    names: tuple[str, ...]
    blurb: str
    eligibility: str
    chance_free: float
    price: tuple[str, float, float] | None  # (what for, lowest, highest)
    paid_provider: bool = False  # run by a company named for its brand, not a charity or the council


CATEGORIES = [
    Category(
        "lunch-clubs",
        "Lunch clubs",
        (
            "{place} Lunch Club",
            "{place} Friendship Lunch",
            "{place} Community Lunch",
            "Tuesday Table, {place}",
        ),
        "A hot two-course lunch and good company, cooked by volunteers. Transport can be arranged.",
        "Aged 60 or over",
        0.3,
        ("For a two-course lunch", 3.5, 5.5),
    ),
    Category(
        "social-activities",
        "Social activities and groups",
        ("{place} Over-60s Club", "{place} Coffee Morning", "{place} Men's Shed", "{place} Knit and Natter"),
        "A friendly weekly group: tea, conversation, games and outings. Come along, no need to book.",
        "Open to everyone",
        0.8,
        ("A contribution towards tea", 1.0, 2.0),
    ),
    Category(
        "befriending",
        "Befriending",
        ("{place} Befriending Scheme", "Telephone Friends, {place}", "{place} Good Neighbours"),
        "A trained volunteer visits or telephones every week for a chat, for as long as you would like.",
        "Adults who feel lonely or isolated",
        1.0,
        None,
    ),
    Category(
        "money-advice",
        "Money and benefits advice",
        ("{place} Benefits Advice Surgery", "Money Matters, {place}", "{place} Debt and Budgeting Clinic"),
        "Free, confidential advice on benefits, debts, bills and filling in forms, in person or by phone.",
        "Open to everyone",
        1.0,
        None,
    ),
    Category(
        "community-transport",
        "Community transport",
        ("{place} Community Car Scheme", "{place} Dial-a-Ride", "{place} Village Minibus"),
        "Door-to-door transport to appointments, shops and clubs for people who cannot use buses.",
        "People who find it hard to use public transport",
        0.2,
        ("Per mile", 0.45, 0.6),
    ),
    Category(
        "carers-support",
        "Support for carers",
        ("{place} Carers' Drop-in", "{place} Carers' Support Group", "Time Out for Carers, {place}"),
        "Meet other carers, get advice and information, and find out about breaks and carers' assessments.",
        "Anyone looking after a relative or friend",
        1.0,
        None,
    ),
    Category(
        "exercise-classes",
        "Exercise and keeping active",
        (
            "{place} Chair Yoga",
            "Strength and Balance, {place}",
            "{place} Walking Football",
            "{place} Tai Chi",
        ),
        "Gentle exercise led by a qualified instructor to improve strength and balance and prevent falls.",
        "Adults of any fitness level",
        0.5,
        ("Per session", 2.0, 4.0),
    ),
    Category(
        "dementia-support",
        "Dementia cafés and support",
        ("{place} Dementia Café", "Memory Lane Café, {place}", "{place} Singing for the Brain"),
        "A relaxed café for people living with dementia and the people who care for them, with activities.",
        "People living with dementia, and their carers",
        0.9,
        ("A contribution towards refreshments", 1.0, 2.0),
    ),
    Category(
        "libraries",
        "Library services",
        ("{place} Library", "{place} Library Home Delivery", "Digital Help at {place} Library"),
        "Books, audiobooks, large print and computers, with help to get online. Home delivery if you cannot visit.",
        "Open to everyone",
        1.0,
        None,
    ),
    Category(
        "home-care",
        "Home care",
        ("{brand} Home Care, {place}", "{brand} Care at Home", "{place} Homecare by {brand}"),
        "Regulated care at home: help with washing, dressing, meals and medicines, from 30 minutes a day.",
        "Adults who need help with personal care; you may be able to use a direct payment",
        0.0,
        ("Per hour", 24.0, 32.0),
        True,
    ),
    Category(
        "day-services",
        "Day services",
        ("{brand} Day Centre", "{place} Day Opportunities", "{brand} Lodge Day Service"),
        "A day out with activities, a hot lunch and personal care if needed, with transport available.",
        "Older adults and adults with disabilities",
        0.0,
        ("Per day", 55.0, 85.0),
        True,
    ),
    Category(
        "cleaning",
        "Cleaning and help around the home",
        ("{brand} Cleaning Services", "{brand} Home Help, {place}", "Sparkle and Shine, {place}"),
        "Regular cleaning, laundry, ironing and shopping by vetted staff who come at the same time each week.",
        "Anyone who can pay",
        0.0,
        ("Per hour", 16.0, 22.0),
        True,
    ),
    Category(
        "equipment",
        "Equipment and adaptations",
        ("{brand} Mobility", "{place} Mobility Centre", "{brand} Living Aids"),
        "Walking aids, riser chairs, bathing aids, stairlifts and scooters to try, buy or hire, with home visits.",
        "Anyone who can pay",
        0.0,
        ("Home assessment visit", 20.0, 45.0),
        True,
    ),
    Category(
        "personal-assistants",
        "Personal assistants",
        ("{brand} Personal Assistants", "{place} PA Network", "{brand} Support Workers"),
        "Find and employ a personal assistant who helps you live the way you choose, paid by direct payment.",
        "Adults who employ their own support",
        0.0,
        ("Per hour", 13.0, 17.0),
        True,
    ),
    Category(
        "meals-delivery",
        "Meals delivered to your home",
        ("{brand} Meals on Wheels", "{brand} Kitchen Hot Meals", "{place} Frozen Meals Delivery"),
        "Hot or frozen meals delivered to your door, with menus for special diets and a check that you are well.",
        "Anyone who can pay",
        0.0,
        ("Per meal", 5.2, 7.5),
        True,
    ),
]


def outcode_centres(path=OUTCODES_FILE) -> dict[str, tuple[float, float]]:
    """The centres of the demo council's districts, read from the shipped file so the demo needs no table."""
    with open(path, newline="", encoding="utf-8") as file:
        return {
            row["outcode"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(file)
            if row["outcode"] in PLACES
        }


def real_postcodes() -> dict[str, list[tuple[str, float, float]]]:
    """The loaded full postcodes of the demo's districts, in a fixed order so a seed picks the same ones.

    Empty when none are loaded: the demo then invents postcodes near each district's centre.
    """
    found: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    rows = Postcode.objects.filter(outcode__in=PLACES).order_by("postcode")
    for outcode, postcode, latitude, longitude in rows.values_list(
        "outcode", "postcode", "latitude", "longitude"
    ):
        found[outcode].append((postcode, latitude, longitude))
    return found


def _address_in(outcode: str, rng: random.Random, *, real, centres) -> tuple[str, float, float]:
    """(postcode, latitude, longitude) for a location in `outcode`: a real postcode when we have some."""
    if postcodes := real.get(outcode):
        return rng.choice(postcodes)
    latitude, longitude = centres[outcode]
    return (
        f"{outcode} {_inward_code(rng)}",
        round(latitude + rng.uniform(-0.015, 0.015), 6),
        round(longitude + rng.uniform(-0.025, 0.025), 6),
    )


@transaction.atomic
def ensure_taxonomy() -> dict[str, TaxonomyTerm]:
    """The demo council's categories, added if missing (two queries when they are already there)."""
    taxonomy, _ = Taxonomy.objects.get_or_create(name=TAXONOMY_NAME, defaults={"version": "1"})
    terms = {term.code: term for term in taxonomy.terms.all()}
    TaxonomyTerm.objects.bulk_create(
        terms.setdefault(
            category.code,
            TaxonomyTerm(
                taxonomy=taxonomy,
                code=category.code,
                term=category.term,
                uuid=uuid.uuid5(DEMO_NAMESPACE, f"term:{category.code}"),
            ),
        )
        for category in CATEGORIES
        if category.code not in terms
    )
    return terms


def _inward_code(rng: random.Random) -> str:
    return f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def _weekly_hours(category: Category, rng: random.Random) -> list[tuple[int, datetime.time, datetime.time]]:
    if category.paid_provider:
        days = range(1, 8) if category.code == "home-care" else range(1, 6)
        opens, closes = (
            (datetime.time(7), datetime.time(22))
            if category.code == "home-care"
            else (
                datetime.time(9),
                datetime.time(17),
            )
        )
        return [(day, opens, closes) for day in days]
    if category.code in {"libraries", "money-advice"}:
        return [
            (day, datetime.time(9, 30), datetime.time(17)) for day in range(1, 7 if rng.random() < 0.5 else 6)
        ]
    opens, closes = rng.choice(DAY_SLOTS)
    return [(day, opens, closes) for day in sorted(rng.sample(range(1, 6), rng.choice([1, 1, 2])))]


@dataclass
class _Rows:
    organizations: dict[str, Organization]
    services: list[Service]
    locations: list[Location]
    links: list[ServiceAtLocation]
    terms: list
    schedules: list[Schedule]
    phones: list[Phone]
    costs: list[CostOption]
    areas: list[ServiceArea]


def _rows(count: int, *, seed: int, terms: dict[str, TaxonomyTerm], ids: Iterator[uuid.UUID]) -> _Rows:
    rng = random.Random(seed)
    centres = outcode_centres()
    real = real_postcodes()
    places = [(outcode, place) for outcode, names in PLACES.items() for place in names]
    today = timezone.localdate()
    rows = _Rows({}, [], [], [], [], [], [], [], [])
    seen: set[str] = set()
    for number in range(count):
        category = CATEGORIES[number % len(CATEGORIES)]
        outcode, place = rng.choice(places)
        brand = rng.choice(BRANDS)
        name = rng.choice(category.names).format(place=place, brand=brand)
        if name in seen:  # a second branch of the same thing: say where
            name = f"{name} ({rng.choice(STREETS)})"
        seen.add(name)
        org_name = (
            f"{brand} {category.term.split()[0]} Ltd"
            if category.paid_provider
            else rng.choice([*CHARITIES, f"{place} Community Association"])
        )
        if org_name not in rows.organizations:
            slug = slugify(org_name).replace("-", "")[:40]
            rows.organizations[org_name] = Organization(
                uuid=next(ids),
                name=org_name,
                description=f"{org_name} runs local services in and around Norwich.",
                url=f"https://{slug}.example.org",
                email=f"hello@{slug}.example.org",
            )
        is_free = rng.random() < category.chance_free
        service_slug = slugify(name)[:50]
        service = Service(
            uuid=next(ids),
            organization=rows.organizations[org_name],
            name=name,
            description=category.blurb,
            url=f"https://{slugify(org_name).replace('-', '')[:40]}.example.org/{service_slug}",
            email=f"{service_slug[:20].strip('-')}@example.org",
            status=rng.choices(
                [
                    Service.Status.ACTIVE,
                    Service.Status.TEMPORARILY_CLOSED,
                    Service.Status.INACTIVE,
                    Service.Status.DEFUNCT,
                ],
                weights=[94, 3, 2, 1],
            )[0],
            is_free=is_free,
            fees_description="Free" if is_free else "",
            eligibility_description=f"{category.eligibility}.",
            assured_date=today - datetime.timedelta(days=rng.randint(0, 500)),
        )
        rows.services.append(service)
        location = Location(
            uuid=next(ids),
            name=f"{place} {rng.choice(['Village Hall', 'Community Centre', 'Church Hall', 'Office'])}",
            address_1=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
            city="Norwich" if outcode in {"NR1", "NR2", "NR3", "NR4", "NR5", "NR6"} else place,
        )
        location.postcode, location.latitude, location.longitude = _address_in(
            outcode, rng, real=real, centres=centres
        )
        rows.locations.append(location)
        rows.links.append(ServiceAtLocation(uuid=next(ids), service=service, location=location))
        rows.terms.append(Service.terms.through(service=service, taxonomyterm=terms[category.code]))
        rows.schedules += [
            Schedule(uuid=next(ids), service=service, weekday=day, opens_at=opens, closes_at=closes)
            for day, opens, closes in _weekly_hours(category, rng)
        ]
        rows.phones.append(
            Phone(
                uuid=next(ids), service=service, number=f"01632 960{rng.randint(0, 999):03d}", description=""
            )
        )
        if not is_free and category.price:
            what, low, high = category.price
            # Prices people recognise: to 10p under £10, to 50p above.
            step = 10 if high < 10 else 2
            amount = Decimal(round(rng.uniform(low, high) * step)) / step
            amount = amount.quantize(Decimal("0.01"))
            rows.costs.append(CostOption(uuid=next(ids), service=service, option=what, amount=amount))
            service.fees_description = f"£{amount} {what.lower()}"
        if category.paid_provider or category.code == "community-transport":
            rows.areas.append(
                ServiceArea(uuid=next(ids), service=service, service_area=f"{place} and nearby")
            )
    return rows


@transaction.atomic
def make_services(count: int, *, seed: int = 0, ids: Iterator[uuid.UUID] | None = None) -> int:
    """Create `count` invented services with their organisation, location, hours, phone and costs, in bulk.

    For benchmarks and the demo: a few INSERTs per table whatever the count. Returns how many services now exist.
    """
    terms = ensure_taxonomy()
    rows = _rows(count, seed=seed, terms=terms, ids=ids or iter(uuid.uuid4, None))
    Organization.objects.bulk_create(rows.organizations.values(), batch_size=2000)
    for service in rows.services:
        service.organization_id = service.organization.pk
    Service.objects.bulk_create(rows.services, batch_size=2000)
    Location.objects.bulk_create(rows.locations, batch_size=2000)
    for batch in (rows.links, rows.terms, rows.schedules, rows.phones, rows.costs, rows.areas):
        for row in batch:
            row.service_id = row.service.pk
            if hasattr(row, "location"):
                row.location_id = row.location.pk
        if batch:
            type(batch[0]).objects.bulk_create(batch, batch_size=5000)
    return Service.objects.count()


def _seeded_uuids(seed: int) -> Iterator[uuid.UUID]:
    rng = random.Random(f"{seed}-ids")
    while True:
        yield uuid.UUID(int=rng.getrandbits(128), version=4)


def load_demo_directory(*, count: int = DEMO_SERVICES, seed: int = DEMO_SEED) -> bool:
    """The demo council's directory, once: identifiers come from the seed, so a second run finds it and stops.

    Returns whether anything was added.
    """
    if Organization.objects.filter(uuid=next(_seeded_uuids(seed))).exists():
        return False
    make_services(count, seed=seed, ids=_seeded_uuids(seed))
    add_suggestions(seed=seed)
    return True


DEMO_SUGGESTIONS = [
    ("times", "They have moved to Thursday mornings since the summer."),
    ("contact", "The phone number rings out. The new number is on their leaflet: 01603 496 0123."),
    ("closed", "The hall is being rebuilt, so this group has stopped until next spring."),
    ("cost", "Lunch is £5 now, not £4.50."),
    ("address", "They meet in the church hall next door now, not the library."),
]


def add_suggestions(*, seed: int) -> None:
    """A few corrections from the public waiting for the editors, on listings chosen by the seed."""
    rng = random.Random(f"{seed}-suggestions")
    services = list(Service.objects.order_by("pk").values_list("pk", flat=True)[:200])
    Suggestion.objects.bulk_create(
        Suggestion(service_id=service_id, topic=topic, details=details)
        for service_id, (topic, details) in zip(
            rng.sample(services, len(DEMO_SUGGESTIONS)), DEMO_SUGGESTIONS, strict=True
        )
    )
