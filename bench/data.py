"""One Postgres database per data size, loaded once with invented cases and kept between runs.

The databases live in whichever cluster DATABASE_URL points at (with `make bench`, the bench's own cluster
under .data/bench) and are named after the database in DATABASE_URL: frontdoor_bench_10000, and so on.
A bigger size starts as a copy of the biggest smaller one (CREATE DATABASE ... TEMPLATE, a file copy) and is
topped up, so ten times the data costs nine times the loading, once.
"""

import datetime
import time
from dataclasses import asdict, dataclass
from decimal import Decimal
from urllib.parse import urlsplit, urlunsplit

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Count
from django.utils import timezone

from assessment.models import Assessment
from bench import autosave
from cases import demo, journey_times
from cases.journey import new_event
from cases.milestones import Milestone
from cases.models import Case, CaseEvent, Person, User
from cases.roles import Role
from directory.demo import make_services
from directory.models import Organization, Service
from directory.services import load_full_postcodes, load_postcodes
from support_planning.models import Holder, PlanItem, PlanOutcome, SupportPlan
from validation import past_sign_offs
from validation.models import DelegationScheme, SignOffDecision

SEED = 2026
# Directory services loaded beside the cases: 5,000 at 10,000 cases and 50,000 at 100,000.
SERVICES_PER_CASE_DIVISOR = 2
CHUNK = 10_000  # cases per call to the demo loader: bounded memory, one transaction each
PREFIX = "bench_"


def _ensure_services(target: int, say) -> int:
    """Top the directory up to `target` invented services (postcodes first, for "near a postcode")."""
    load_postcodes()
    load_full_postcodes()
    have = Service.objects.count()
    added = 0
    while have < target:
        count = min(CHUNK, target - have)
        started = time.perf_counter()
        have = make_services(count, seed=SEED + have)
        added += count
        say(
            f"  loaded {have:,}/{target:,} directory services ({time.perf_counter() - started:.1f}s for {count:,})"
        )
    return added


# Cases with a plan sent and decided over the last 16 weeks: 1,000 at 10,000 cases (about 1,300 decisions).
SIGNED_OFF_PER_CASE_DIVISOR = 10


def _ensure_sign_offs(target: int, say) -> int:
    """Top the sign-off history up to `target` cases (validation.past_sign_offs): the assessed cases with the
    highest keys and no plan, so the plan pages' subjects (the lowest after the busy case) keep theirs."""
    have = SignOffDecision.objects.values("case").distinct().count()
    staff, scheme = past_sign_offs.cast(), DelegationScheme.objects.in_force_on(datetime.date.today())
    if have >= target or staff is None or scheme is None:
        return 0
    cases = list(
        Case.objects.filter(assessments__isnull=False)
        .exclude(pk__in=SupportPlan.objects.values("case"))
        .distinct()
        .order_by("-pk")[: target - have]
    )
    started = time.perf_counter()
    made = past_sign_offs.invent(cases, scheme=scheme, staff=staff, now=timezone.now(), seed=SEED + have)
    say(
        f"  recorded {made:,} sign-off decisions on {len(cases):,} cases ({time.perf_counter() - started:.1f}s)"
    )
    return made


@dataclass
class Loaded:
    database: str
    cases: int
    people: int
    events: int
    assessments: int
    sign_off_decisions: int
    added: int
    load_seconds: float
    copied_from: str | None


_base_name: str = ""  # the database DATABASE_URL names; the per-size ones are created and dropped from it


def remember_base() -> None:
    global _base_name
    if not _base_name:
        _base_name = connection.settings_dict["NAME"]


def database_for(size: int) -> str:
    return f"{_base_name}_{PREFIX}{size}"


def database_url(base_url: str, name: str) -> str:
    """DATABASE_URL with its database swapped for `name` (host, socket and credentials kept)."""
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def use_database(name: str) -> None:
    """Point the default connection at another database in the same cluster."""
    connections.close_all()
    connection.settings_dict["NAME"] = name
    ContentType.objects.clear_cache()


def open_database(name: str, say, *, template: str | None = None) -> None:
    """Point the default connection at database `name` in the cluster, created first if missing (as a copy of
    `template`, if given, or empty), and migrated."""
    remember_base()
    use_database(_base_name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            say(f"creating {name}" + (f" from {template}" if template else ""))
            cursor.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    use_database(name)
    call_command("migrate", interactive=False, verbosity=0)


def _existing() -> dict[str, bool]:
    use_database(_base_name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{_base_name}_{PREFIX}%"])
        return {row[0]: True for row in cursor.fetchall()}


def _size_of(name: str) -> int | None:
    suffix = name.rsplit(PREFIX, 1)[-1]
    return int(suffix) if suffix.isdigit() else None


def drop_all(say) -> None:
    remember_base()
    for name in _existing():
        use_database(_base_name)
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        say(f"dropped {name}")


def ensure_size(size: int, say) -> Loaded:
    """Create (or reuse) the database for `size` cases, migrate it and top it up to `size` cases."""
    remember_base()
    name = database_for(size)
    existing = _existing()
    copied_from = None
    if name not in existing:
        smaller = sorted(
            (s, n) for n in existing if (s := _size_of(n)) is not None and s < size and n != name
        )
        with connection.cursor() as cursor:
            if smaller:
                copied_from = smaller[-1][1]
                say(f"creating {name} as a copy of {copied_from}")
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{copied_from}"')
            else:
                say(f"creating {name}")
                cursor.execute(f'CREATE DATABASE "{name}"')
    use_database(name)
    call_command("migrate", interactive=False, verbosity=0)
    cast = demo.ensure_council_and_staff()
    started = time.perf_counter()
    have = Case.objects.count()
    added = 0
    if have > size:
        say(f"{name} holds {have:,} cases, more than {size:,}; measuring what is there (--fresh reloads)")
    while have < size:
        count = min(CHUNK, size - have)
        chunk_started = time.perf_counter()
        demo.load_people_and_cases(count, seed=SEED + have, cast=cast)
        have += count
        added += count
        say(f"  loaded {have:,}/{size:,} cases ({time.perf_counter() - chunk_started:.1f}s for {count:,})")
    added += _ensure_services(size // SERVICES_PER_CASE_DIVISOR, say)
    added += autosave.ensure_assessments(
        size // autosave.ASSESSMENTS_PER_CASE_DIVISOR, cast.staff["practitioner"], say
    )
    added += _ensure_sign_offs(size // SIGNED_OFF_PER_CASE_DIVISOR, say)
    if added:
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM ANALYZE"
            )  # fresh planner statistics, as autovacuum would give a live system
    load_seconds = time.perf_counter() - started
    return Loaded(
        database=name,
        cases=have,
        people=Person.objects.count(),
        events=CaseEvent.objects.count(),
        assessments=Assessment.objects.count(),
        sign_off_decisions=SignOffDecision.objects.count(),
        added=added,
        load_seconds=load_seconds,
        copied_from=copied_from,
    )


@dataclass
class Subjects:
    """The records the pages are measured on: the same choice rule at every size."""

    case_pk: int
    person_pk: int
    case_events: int
    search: str
    busy_case_pk: int = 0
    busy_case_events: int = 0
    plan_case_pk: int = 0  # a support plan with PLAN_ITEMS[0] items
    big_plan_case_pk: int = 0  # and one with PLAN_ITEMS[1]
    draft_plan_pk: int = 0  # a draft held by DRAFTER's organisation with PLAN_ITEMS[0] items
    big_draft_plan_pk: int = 0  # and one with PLAN_ITEMS[1]


# The case page is measured again on a case with this many journey events: its queries must not grow with them.
BUSY_CASE_EVENTS = 200


def pick_subjects(practitioner) -> Subjects:
    """The earliest open case allocated to the practitioner with at least four journey events, and the next one,
    topped up to BUSY_CASE_EVENTS events.

    The earliest cases come from the first chunk loaded, so the same rule picks the same case at every size.
    """
    allocated = Case.objects.open().filter(allocated_worker=practitioner).annotate(n_events=Count("events"))
    case = allocated.filter(n_events__gte=4).order_by("pk").first() or allocated.order_by("pk").first()
    if case is None:
        raise RuntimeError("No case is allocated to the practitioner; is the data loaded?")
    busy = allocated.filter(pk__gt=case.pk).order_by("pk").first() or case
    busy_events = _make_busy(busy, practitioner)
    planned = list(
        Case.objects.open().filter(assessments__isnull=False, pk__gt=busy.pk).distinct().order_by("pk")[:4]
    )
    for planned_case, items in zip(planned[:2], PLAN_ITEMS, strict=False):
        _make_plan(planned_case, practitioner, items)
    organisation = _ensure_drafter()
    drafts = [
        _make_plan(
            drafted_case, practitioner, items, held_by=Holder.ORGANISATION, drafting_organisation=organisation
        )
        for drafted_case, items in zip(planned[2:], PLAN_ITEMS, strict=False)
    ]
    return Subjects(
        case_pk=case.pk,
        person_pk=case.person_id,
        case_events=case.n_events,
        search="Smith",
        busy_case_pk=busy.pk,
        busy_case_events=busy_events,
        plan_case_pk=planned[0].pk if planned else case.pk,
        big_plan_case_pk=planned[1].pk if len(planned) > 1 else case.pk,
        draft_plan_pk=drafts[0].pk if drafts else 0,
        big_draft_plan_pk=drafts[-1].pk if drafts else 0,
    )


# What a long case's timeline is mostly made of, in turn: contacts, letters, changed details, reallocations.
BUSY_MILESTONES = [
    (Milestone.CONTACT_RECEIVED, "Contact recorded: information and advice", {"outcomes": ["advice"]}),
    (
        Milestone.LETTER_REQUESTED,
        "Letter requested: What we talked about",
        {"letter_type": "contact_summary"},
    ),
    (Milestone.DETAILS_UPDATED, "Personal details updated", {"fields": ["phone"]}),
    (Milestone.REALLOCATED, "Reallocated", {"note": "Covering while on leave"}),
]


def _make_busy(case: Case, practitioner) -> int:
    """Top the case up to BUSY_CASE_EVENTS events (once: later runs find it full), backdated an hour apart."""
    have = case.events.count()
    if have < BUSY_CASE_EVENTS:
        start = case.opened_at
        CaseEvent.objects.bulk_create(
            new_event(
                case,
                milestone,
                practitioner,
                summary=summary,
                occurred_at=start + datetime.timedelta(hours=n + 1),
                **facts,
            )
            for n, (milestone, summary, facts) in enumerate(
                BUSY_MILESTONES[i % len(BUSY_MILESTONES)] for i in range(BUSY_CASE_EVENTS - have)
            )
        )
    return max(have, BUSY_CASE_EVENTS)


# The plan page is measured with this many items, then this many: its queries must not grow with them.
PLAN_ITEMS = (10, 30)
PLAN_OUTCOMES = 5


# Who drafts the bench's drafts online: someone at a user-led organisation.
DRAFTER = "ulo"


def _ensure_drafter() -> Organization:
    organisation, _ = Organization.objects.get_or_create(name="Bench user-led organisation")
    User.objects.get_or_create(
        username=DRAFTER, defaults={"role": Role.PROVIDER, "team": None, "organisation": organisation}
    )
    return organisation


def _make_plan(case: Case, practitioner, items: int, **fields) -> SupportPlan:
    """A draft plan on the case with PLAN_OUTCOMES outcomes sharing `items` paid items (once: later runs find it);
    `fields` say who holds it when not the worker."""
    if plan := SupportPlan.objects.filter(case=case).first():
        return plan
    plan = SupportPlan.objects.create(
        case=case, assessment=case.assessments.first(), started_by=practitioner, **fields
    )
    outcomes = PlanOutcome.objects.bulk_create(
        PlanOutcome(plan=plan, order=n, in_my_words=f"Outcome {n + 1} in my words")
        for n in range(PLAN_OUTCOMES)
    )
    PlanItem.objects.bulk_create(
        PlanItem(
            outcome=outcomes[n % PLAN_OUTCOMES],
            kind=PlanItem.Kind.PAID,
            description=f"Paid support {n + 1}",
            provider=f"Provider {n % 3 + 1}",
            management="council_managed",
            basis="hourly",
            hours=Decimal("2"),
            rate=Decimal("24.50"),
        )
        for n in range(items)
    )
    return plan


def time_days_per_stage(repeats: int = 3) -> dict:
    """Run the "days per stage" analysis over the whole journey log a few times: its rows and median time."""
    times, rows = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        rows = journey_times.days_per_stage()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(sorted(times)[len(times) // 2], 1),
        "times_ms": [round(t, 1) for t in times],
        "rows": [asdict(row) for row in rows],
    }
