"""How long the morning's review invitations take, and how much memory, over N and 10×N support plans gone live.

    .venv/bin/python -m bench.review_invitations [--plans 10000] [--scale 10] [--batch 500]

Each size has its own database in the bench's cluster (`<name>_bench_reviews_<N>`), loaded once and kept: N
people with a case at "support in place", an agreed plan gone live on it (a third with a direct payment, half
with an order to a provider, one in ten with an account to sign in with) and one scheduled review each, whose
windows open from 60 days ago to a year ahead, spread evenly. Each measurement runs on a fresh copy of it
(CREATE DATABASE … TEMPLATE), in this process, with the settings production runs with, publishing each letter's
task to the real Redis broker (a queue of its own, emptied after). The runs:

- first run: nobody invited yet; everyone whose window opens within the invitation period, or has opened, is
  invited (about a fifth: a deployment's first morning, or a long outage caught up);
- next day: the day after, those whose window has come within the period overnight (about N / 425);
- same day again: nothing to do (beat sent it twice, or a worker restarted);
- everyone due: every review's window already open and nobody invited: N invitations and N letters.

Wall time is measured with tracing off; "everyone due" is run a second time, on another copy, under tracemalloc
for the peak of Python memory the job allocated. Peak RSS (resource.getrusage) is the process's high-water mark,
Django and the loaded data included.
"""

import argparse
import datetime
import os
import random
import resource
import secrets
import sys
import time
import tracemalloc
from decimal import Decimal

STARTED = time.perf_counter()
QUEUE = "bench-review-invitations"
CHUNK = 10_000
DAYS_BEHIND, DAYS_AHEAD = 60, 365
# The day the reviews' windows are spread around, the same every run, so each size invites the same share.
LOADED_FOR = datetime.date(2027, 3, 1)


def say(message: str) -> None:
    print(f"[bench {time.perf_counter() - STARTED:6.1f}s] {message}", flush=True)


def load(size: int, today: datetime.date) -> None:
    """Top the current database up to `size` plans gone live, each with its scheduled review."""
    from django.db import connection, transaction

    from assessment.models import Assessment, Mode, Questionnaire
    from cases import demo
    from cases.models import Case, Person, User
    from cases.roles import Role
    from cases.stages import Stage
    from reviews.models import DirectPaymentAgreement, GoLive, Review, ServiceOrder
    from reviews.schedule import Why
    from support_planning.models import Management, PlanItem, PlanOutcome, SupportPlan

    worker = demo.ensure_council_and_staff().staff["practitioner"]
    questionnaire = Questionnaire.objects.current("adult")
    have = Review.objects.count()
    rng = random.Random(size)
    while have < size:
        count = min(CHUNK, size - have)
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")  # no row history for invented rows
            people = Person.objects.bulk_create(
                Person(
                    given_name=rng.choice(["Margaret", "Winston", "Aisha", "Dev", "Grace", "Tomasz"]),
                    family_name=rng.choice(["Ellis", "Okafor", "Khan", "Patel", "Nowak", "Smith"]),
                    date_of_birth=datetime.date(1930 + rng.randrange(60), 1 + rng.randrange(12), 1),
                    address_line_1=f"{1 + rng.randrange(200)} Mill Lane",
                    town="Northbrook",
                    postcode="NR1 3QQ",
                    communication_needs="Large print" if rng.random() < 0.05 else "",
                )
                for _ in range(count)
            )
            User.objects.bulk_create(
                User(username=f"bench-citizen-{person.pk}", role=Role.CITIZEN, person=person)
                for person in people
                if person.pk % 10 == 0
            )
            cases = Case.objects.bulk_create(
                Case(person=person, stage=Stage.LIVE, allocated_worker=worker if person.pk % 3 else None)
                for person in people
            )
            assessments = Assessment.objects.bulk_create(
                Assessment(case=case, questionnaire=questionnaire, mode=Mode.VISIT, started_by=worker)
                for case in cases
            )
            plans = SupportPlan.objects.bulk_create(
                SupportPlan(case=case, assessment=assessment, status=SupportPlan.Status.AGREED)
                for case, assessment in zip(cases, assessments, strict=True)
            )
            opens = [today + datetime.timedelta(days=rng.randrange(-DAYS_BEHIND, DAYS_AHEAD)) for _ in plans]
            started_on = [day - datetime.timedelta(weeks=6) for day in opens]
            lives = GoLive.objects.bulk_create(
                GoLive(plan=plan, case=plan.case, starts_on=day, recorded_by=worker)
                for plan, day in zip(plans, started_on, strict=True)
            )
            DirectPaymentAgreement.objects.bulk_create(
                DirectPaymentAgreement(
                    go_live=live,
                    signed_on=live.starts_on,
                    first_payment_on=live.starts_on,
                    amount=Decimal("560.00"),
                    frequency="four_weekly",
                    recipient="person",
                )
                for live in lives
                if live.pk % 3 == 0
            )
            ordered = [live for live in lives if live.pk % 2 == 0]
            outcomes = PlanOutcome.objects.bulk_create(
                PlanOutcome(plan=live.plan, in_my_words="To have a hot meal each day") for live in ordered
            )
            items = PlanItem.objects.bulk_create(
                PlanItem(
                    outcome=outcome,
                    kind=PlanItem.Kind.PAID,
                    description="Lunch delivered on weekdays",
                    provider="Riverside Home Care",
                    management=Management.COUNCIL_MANAGED,
                    amount=Decimal("35.00"),
                )
                for outcome in outcomes
            )
            ServiceOrder.objects.bulk_create(
                ServiceOrder(
                    go_live=live,
                    item=item,
                    provider=item.provider,
                    starts_on=live.starts_on,
                    weekly=item.amount,
                )
                for live, item in zip(ordered, items, strict=True)
            )
            Review.objects.bulk_create(
                Review(
                    case=plan.case,
                    plan=plan,
                    opens=day,
                    due_by=day + datetime.timedelta(weeks=2),
                    why=Why.FIRST,
                )
                for plan, day in zip(plans, opens, strict=True)
            )
        have += count
        say(
            f"  loaded {have:,}/{size:,} plans gone live ({time.perf_counter() - started:.1f}s for {count:,})"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def empty_queue() -> None:
    from config.celery import app

    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge(QUEUE)


def measure(label: str, today: datetime.date, batch: int, *, trace: bool = False) -> dict:
    from reviews import invitations

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    invited = invitations.invite_to_reviews(today=today, batch_size=batch)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    empty_queue()
    result = {
        "run": label,
        "invited": invited,
        "seconds": round(seconds, 2),
        "per_invitation_ms": round(seconds / invited * 1000, 2) if invited else None,
        "traced_peak_mb": round(peak / 2**20, 1) if peak is not None else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    say(
        f"  {label}: {invited:,} invited in {seconds:.2f}s"
        + (f", traced peak {result['traced_peak_mb']} MB" if trace else "")
    )
    return result


def fresh_copy(data, loaded: str) -> None:
    from django.db import connection

    copy = f"{loaded}_run"
    data.use_database(data._base_name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{loaded}"')
    data.use_database(copy)


def ensure_loaded(size: int, today: datetime.date = LOADED_FOR) -> str:
    """The name of the database holding `size` plans gone live (created, migrated and topped up as needed); the
    default connection is left on it."""
    from bench import data
    from reviews.models import Review

    data.remember_base()
    loaded = f"{data._base_name}_{data.PREFIX}reviews_{size}"
    data.open_database(loaded, say)
    load(size, today)
    scheduled = Review.objects.filter(status=Review.Status.SCHEDULED).count()
    say(f"{size:,} plans gone live, {scheduled:,} reviews scheduled")
    return loaded


def measure_size(size: int, batch: int, today: datetime.date) -> list[dict]:
    from django.db import connection

    from bench import data
    from reviews.models import Review

    loaded = ensure_loaded(size, today)
    fresh_copy(data, loaded)
    runs = [
        measure("first run", today, batch),
        measure("next day", today + datetime.timedelta(days=1), batch),
        measure("same day again", today + datetime.timedelta(days=1), batch),
    ]
    for trace in (False, True):
        fresh_copy(data, loaded)
        Review.objects.update(
            opens=today - datetime.timedelta(days=1), due_by=today + datetime.timedelta(days=13)
        )
        runs.append(measure("everyone due" + (" (traced)" if trace else ""), today, batch, trace=trace))
    data.use_database(data._base_name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{loaded}_run" WITH (FORCE)')
    return [{"size": size, **run} for run in runs]


def add_size_options(parser: argparse.ArgumentParser, plans: int) -> None:
    """--plans (N, by default `plans`) and --scale (10×N by default)."""
    parser.add_argument(
        "--plans", type=int, default=plans, help=f"plans gone live at the first size (default {plans})"
    )
    parser.add_argument(
        "--scale", type=int, default=10, help="the second size is plans × scale (1: one size)"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.review_invitations", description=__doc__.split("\n\n")[0]
    )
    add_size_options(parser, 10_000)
    parser.add_argument(
        "--batch", type=int, default=None, help="reviews a batch (default reviews.invitations.BATCH)"
    )
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        from bench.run import relaunch_with_services

        return relaunch_with_services(argv, module="bench.review_invitations")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import logging

    import django

    django.setup()
    from config.celery import app
    from reviews import invitations

    logging.getLogger("reviews.invitations").setLevel(logging.WARNING)
    app.conf.task_default_queue = QUEUE
    batch = args.batch or invitations.BATCH
    today = LOADED_FOR
    sizes = [args.plans] if args.scale == 1 else [args.plans, args.plans * args.scale]
    say(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; batches of {batch}")
    rows = [row for size in sizes for row in measure_size(size, batch, today)]
    print()
    print(
        f"{'plans':>8}  {'run':<22} {'invited':>8} {'seconds':>8} {'ms each':>8} {'traced MB':>9} {'RSS MB':>7}"
    )
    for row in rows:
        each = f"{row['per_invitation_ms']:.2f}" if row["per_invitation_ms"] is not None else "–"
        traced = f"{row['traced_peak_mb']:.1f}" if row["traced_peak_mb"] is not None else "–"
        print(
            f"{row['size']:>8,}  {row['run']:<22} {row['invited']:>8,} {row['seconds']:>8.2f} {each:>8} "
            f"{traced:>9} {row['peak_rss_mb']:>7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
