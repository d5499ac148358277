"""Invented people, cases and staff for demonstrations and benchmarks. Nothing here is real.

The same seed always gives the same people, so loading twice adds nothing new.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cases.identifiers import is_valid_nhs_number
from cases.journey import new_event
from cases.milestones import Milestone, milestone_for_move
from cases.models import (
    Case,
    CaseEvent,
    CouncilSettings,
    Letter,
    LetterType,
    Person,
    Relationship,
    RelationshipKind,
    Team,
    User,
)
from cases.roles import Role
from cases.stages import Stage
from cases.tasks import render_letter_task

DEMO_PASSWORD = "demo-password-2026"
LETTER_DELAY = datetime.timedelta(minutes=5)

FIRST_NAMES = [
    "Margaret",
    "Joan",
    "Dorothy",
    "Patricia",
    "Brian",
    "Kenneth",
    "Peter",
    "Barbara",
    "Eileen",
    "Derek",
    "Ahmed",
    "Priya",
    "Graham",
    "Irene",
    "Sandra",
    "Colin",
    "Maureen",
    "Stanley",
    "Gwen",
    "Tomasz",
    "Agnieszka",
    "Winston",
    "Beverley",
    "Oluwaseun",
    "Raymond",
    "Hilda",
    "Sunita",
    "Desmond",
    "Norma",
    "Leonard",
    "Aisha",
    "Terence",
    "Valerie",
    "Gordon",
    "Janet",
    "Mohammed",
    "Evelyn",
    "Trevor",
    "Doreen",
    "Rajesh",
]
LAST_NAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Wright",
    "Robinson",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Harris",
    "Lewis",
    "Martin",
    "Jackson",
    "Clarke",
    "Clark",
    "Turner",
    "Hill",
    "Scott",
    "Cooper",
    "Ward",
    "Morris",
    "King",
    "Watson",
    "Harrison",
    "Morgan",
    "Baker",
    "Khan",
    "Nowak",
    "Okafor",
    "Allen",
]
STREETS = [
    "Mill Lane",
    "Church Street",
    "Station Road",
    "Victoria Road",
    "The Crescent",
    "Orchard Close",
    "Beech Avenue",
    "Riverside Walk",
    "Manor Road",
    "Chapel Row",
    "Queens Road",
    "Elm Grove",
    "Field View",
    "Spencer Street",
    "Hospital Lane",
]
TOWNS = [
    ("Northbrook", "NR1"),
    ("Northbrook", "NR2"),
    ("Northbrook", "NR3"),
    ("Eastwick", "NR7"),
    ("Eastwick", "NR13"),
    ("Saltmarsh", "NR12"),
    ("Wymford", "NR18"),
    ("Aylham", "NR11"),
]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
COMMUNICATION = [
    "",
    "",
    "",
    "",
    "Large print letters",
    "Uses British Sign Language",
    "Hard of hearing: speak clearly and face them",
    "Easy read information, please",
]
LANGUAGES = ["", "", "", "", "", "", "Polish", "Punjabi", "Urdu", "Bengali"]

# Roughly how a council's open cases spread over the journey.
STAGE_WEIGHTS = [
    (Stage.CONTACT, 14),
    (Stage.REABLEMENT, 8),
    (Stage.ASSESSMENT, 14),
    (Stage.INDICATIVE_BUDGET, 8),
    (Stage.SUPPORT_PLANNING, 12),
    (Stage.VALIDATION, 6),
    (Stage.LIVE, 20),
    (Stage.REVIEW, 8),
    (Stage.CLOSED, 10),
]
JOURNEY = [
    Stage.CONTACT,
    Stage.ASSESSMENT,
    Stage.INDICATIVE_BUDGET,
    Stage.SUPPORT_PLANNING,
    Stage.VALIDATION,
    Stage.PLAN_AGREED,
    Stage.LIVE,
    Stage.REVIEW,
]

STAFF = [
    ("adviser", "Amira", "Hassan", Role.ADVISER, "Front Door contact centre"),
    ("practitioner", "Pat", "Okonjo", Role.PRACTITIONER, "North locality team"),
    ("practitioner2", "Sam", "Fletcher", Role.PRACTITIONER, "North locality team"),
    ("manager", "Tess", "Marlow", Role.TEAM_MANAGER, "North locality team"),
    ("servicemanager", "Sunil", "Varma", Role.SERVICE_MANAGER, None),
    ("head", "Helen", "Ashby", Role.HEAD_OF_SERVICE, None),
    ("finance", "Fiona", "Reid", Role.FINANCE_OFFICER, None),
    ("editor", "Dev", "Collins", Role.DIRECTORY_EDITOR, None),
    ("admin", "Alex", "Morgan", Role.COUNCIL_ADMIN, None),
]
TEAMS = {
    "Front Door contact centre": "First contact by phone, web and email; resolving at first contact",
    "North locality team": "Assessment, support planning and review for the north of the county",
    "South locality team": "Assessment, support planning and review for the south of the county",
}


def nhs_number(rng: random.Random) -> str:
    """A number in the 999 range, which the NHS keeps for testing, with a correct check digit."""
    while True:
        candidate = "999" + "".join(rng.choice("0123456789") for _ in range(6))
        for check in "0123456789":
            if is_valid_nhs_number(candidate + check):
                return candidate + check


def postcode(rng: random.Random, outward: str) -> str:
    return f"{outward} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def invented_person(rng: random.Random, today: datetime.date) -> Person:
    town, outward = rng.choice(TOWNS)
    born = today - datetime.timedelta(days=rng.randint(19 * 365, 97 * 365))
    given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return Person(
        given_name=given,
        family_name=family,
        preferred_name=rng.choice(["", "", "", "", given[:3]]) if len(given) > 4 else "",
        date_of_birth=born,
        nhs_number=nhs_number(rng) if rng.random() < 0.8 else "",
        address_line_1=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
        town=town,
        postcode=postcode(rng, outward),
        phone=f"01603 {rng.randint(100000, 999999)}",
        email=f"{given.lower()}.{family.lower()}{rng.randint(1, 99)}@example.com"
        if rng.random() < 0.5
        else "",
        communication_needs=rng.choice(COMMUNICATION),
        interpreter_language=rng.choice(LANGUAGES),
        consent_to_share=rng.random() < 0.85,
    )


@dataclass
class Cast:
    teams: dict[str, Team]
    staff: dict[str, User]


def ensure_council_and_staff() -> Cast:
    CouncilSettings.objects.get_or_create(pk=1)
    teams = {
        name: Team.objects.get_or_create(name=name, defaults={"description": description})[0]
        for name, description in TEAMS.items()
    }
    staff = {}
    for username, first, last, role, team in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "team": teams.get(team),
                "email": f"{username}@northbrook.example.gov.uk",
                "is_staff": role == Role.COUNCIL_ADMIN,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        staff[username] = user
    return Cast(teams=teams, staff=staff)


def _journey_events(
    case: Case, rng: random.Random, cast: Cast, now: datetime.datetime, *, with_letter: bool
) -> list[CaseEvent]:
    """Backdated events that walk the case from first contact to its current stage."""
    path = [Stage.CONTACT]
    if case.stage == Stage.REABLEMENT or (case.stage != Stage.CONTACT and rng.random() < 0.3):
        path.append(Stage.REABLEMENT)
    target = case.stage
    if target not in (Stage.CONTACT, Stage.REABLEMENT):
        end = JOURNEY.index(target) if target in JOURNEY else rng.randint(0, len(JOURNEY) - 1)
        path += JOURNEY[1 : end + 1]
    if target == Stage.CLOSED:
        path.append(Stage.CLOSED)
    span = (now - case.opened_at).total_seconds()
    moments = sorted(
        case.opened_at + datetime.timedelta(seconds=rng.uniform(LETTER_DELAY.total_seconds() + 60, span))
        for _ in path[1:]
    )
    adviser, worker = cast.staff["adviser"], case.allocated_worker or cast.staff["practitioner"]
    events = [
        new_event(
            case,
            Milestone.CASE_OPENED,
            adviser,
            stage=Stage.CONTACT,
            occurred_at=case.opened_at,
            summary="Case opened",
            team=case.team_id,
        )
    ]
    if with_letter:
        events.append(
            new_event(
                case,
                Milestone.LETTER_REQUESTED,
                adviser,
                stage=Stage.CONTACT,
                occurred_at=case.opened_at + LETTER_DELAY,
                summary="Letter requested: Your case reference",
                letter_type=LetterType.CASE_REFERENCE,
            )
        )
    for previous, stage, moment in zip(path, path[1:], moments, strict=False):
        closing = stage == Stage.CLOSED
        events.append(
            new_event(
                case,
                milestone_for_move(previous, stage),
                adviser if previous == Stage.CONTACT else worker,
                stage=stage,
                occurred_at=moment,
                summary="Case closed" if closing else f"Moved to {Stage(stage).label.lower()}",
                **{"from": previous, "to": stage},
            )
        )
    case.stage_changed_at = moments[-1] if moments else case.opened_at
    if target == Stage.CLOSED:
        case.closed_at = case.stage_changed_at
    return events


@transaction.atomic
def load_people_and_cases(count: int, *, seed: int = 2026, cast: Cast, with_letters: bool = False) -> int:
    """Add `count` invented people, each with one case somewhere on the journey. Returns how many were added.

    With `with_letters`, each case also gets its reference letter, queued for the worker to render.
    """
    rng = random.Random(seed)
    now = timezone.now()
    stages = [stage for stage, _ in STAGE_WEIGHTS]
    weights = [weight for _, weight in STAGE_WEIGHTS]
    workers = [cast.staff["practitioner"], cast.staff["practitioner2"]]
    people = [invented_person(rng, now.date()) for _ in range(count)]
    seen = set(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    for person in people:  # the odd repeat from the random draw would break the unique NHS number
        if person.nhs_number in seen:
            person.nhs_number = ""
        seen.add(person.nhs_number)
    Person.objects.bulk_create(people, batch_size=2000)
    cases = []
    for person in people:
        stage = rng.choices(stages, weights)[0]
        at_front_door = stage in (Stage.CONTACT, Stage.REABLEMENT)
        cases.append(
            Case(
                person=person,
                stage=stage,
                opened_at=now - datetime.timedelta(days=rng.uniform(0.2, 300)),
                team=cast.teams["Front Door contact centre" if at_front_door else "North locality team"],
                allocated_worker=None if at_front_door or rng.random() < 0.15 else rng.choice(workers),
            )
        )
    events = [
        event for case in cases for event in _journey_events(case, rng, cast, now, with_letter=with_letters)
    ]
    Case.objects.bulk_create(cases, batch_size=2000)
    for event in events:
        event.case_id = event.case.pk
    CaseEvent.objects.bulk_create(events, batch_size=5000)
    if with_letters:
        _queue_reference_letters(cases, cast.staff["adviser"])
    _add_carers(rng, people[: max(1, count // 10)], now.date())
    return count


def _queue_reference_letters(cases: list[Case], adviser: User) -> None:
    letters = Letter.objects.bulk_create(
        Letter(
            case=case,
            letter_type=LetterType.CASE_REFERENCE,
            requested_by=adviser,
            requested_at=case.opened_at + LETTER_DELAY,
        )
        for case in cases
    )
    ids = [letter.pk for letter in letters]
    transaction.on_commit(lambda: [render_letter_task.delay(letter_id) for letter_id in ids])


def _add_carers(rng: random.Random, cared_for: list[Person], today: datetime.date) -> None:
    carers = [invented_person(rng, today) for _ in cared_for]
    for carer, person in zip(carers, cared_for, strict=True):
        carer.family_name, carer.address_line_1, carer.town, carer.postcode = (
            person.family_name,
            person.address_line_1,
            person.town,
            person.postcode,
        )
        carer.nhs_number = ""
    Person.objects.bulk_create(carers)
    Relationship.objects.bulk_create(
        Relationship(person=carer, for_person=person, kind=RelationshipKind.CARER)
        for carer, person in zip(carers, cared_for, strict=True)
    )


def link_demo_citizen(cast: Cast) -> User:
    """A citizen account for the first demo person with an open case."""
    citizen = User.objects.filter(username="citizen").first()
    if citizen:
        return citizen
    case = Case.objects.open().exclude(stage=Stage.CONTACT).order_by("pk").first()
    citizen = User.objects.create(
        username="citizen",
        role=Role.CITIZEN,
        person=case.person if case else None,
        first_name=case.person.given_name if case else "Demo",
        last_name=case.person.family_name if case else "",
    )
    citizen.set_password(DEMO_PASSWORD)
    citizen.save(update_fields=["password"])
    return citizen
