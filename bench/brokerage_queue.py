"""The brokerage queue and one request on it, at N and 10×N requests waiting for a provider.

    .venv/bin/python -m bench.brokerage_queue [--requests 1000] [--scale 10]

Each size has its own database in the bench's cluster (`<name>_bench_brokerage_<N>`), loaded once and kept: N
people, each with an agreed plan whose paid support is on the brokerage queue, asked for over the last 90 days,
with three providers approached (two offers and one not yet answered). In this process, with the settings
production runs with, the queue's first page and the oldest request's page are requested as the practitioner
(`bench.run.count_queries`): the SQL queries of one request, its median time and its HTML size. Both should be the
same at both sizes: the queue is read a page at a time, a request with its outcomes and approaches in a fixed
number of queries.
"""

import argparse
import datetime
import os
import secrets
import sys
import time
from decimal import Decimal

STARTED = time.perf_counter()
CHUNK = 10_000


def say(message: str) -> None:
    print(f"[bench {time.perf_counter() - STARTED:6.1f}s] {message}", flush=True)


def load(size: int) -> None:
    """Top the current database up to `size` requests waiting for a provider."""
    from django.db import connection, transaction
    from django.utils import timezone

    from assessment.models import Assessment, Mode, Questionnaire
    from cases import demo
    from cases.models import Case, Person
    from cases.stages import Stage
    from reviews.brokerage_models import BrokerageApproach, BrokerageRequest
    from support_planning.models import Management, PlanItem, PlanOutcome, SupportPlan

    worker = demo.ensure_council_and_staff().staff["practitioner"]
    questionnaire = Questionnaire.objects.current("adult")
    have = BrokerageRequest.objects.count()
    now = timezone.now()
    while have < size:
        count = min(CHUNK, size - have)
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")  # no row history for invented rows
            people = Person.objects.bulk_create(
                Person(
                    given_name="Grace",
                    family_name=f"Okafor {have + n}",
                    date_of_birth=datetime.date(1940, 1, 1),
                    postcode="NR1 3QQ",
                )
                for n in range(count)
            )
            cases = Case.objects.bulk_create(
                Case(person=person, stage=Stage.PLAN_AGREED, allocated_worker=worker) for person in people
            )
            assessments = Assessment.objects.bulk_create(
                Assessment(case=case, questionnaire=questionnaire, mode=Mode.VISIT, started_by=worker)
                for case in cases
            )
            plans = SupportPlan.objects.bulk_create(
                SupportPlan(case=case, assessment=assessment, status=SupportPlan.Status.AGREED)
                for case, assessment in zip(cases, assessments, strict=True)
            )
            outcomes = PlanOutcome.objects.bulk_create(
                PlanOutcome(plan=plan, in_my_words=words)
                for plan in plans
                for words in ("To get washed and dressed each morning", "To have a hot meal each day")
            )
            items = PlanItem.objects.bulk_create(
                PlanItem(
                    outcome=outcome,
                    kind=PlanItem.Kind.PAID,
                    description="Help to wash and dress each morning",
                    management=Management.COUNCIL_MANAGED,
                    basis=PlanItem.Basis.HOURLY,
                    hours=Decimal("7"),
                    rate=Decimal("22.00"),
                )
                for outcome in outcomes[::2]
            )
            requests = BrokerageRequest.objects.bulk_create(
                BrokerageRequest(
                    case=plan.case,
                    plan=plan,
                    item=item,
                    needed_from=now.date() + datetime.timedelta(days=14),
                    hours=item.hours,
                    agreed_weekly=Decimal("154.00"),
                    area="NR1",
                    asked_by=worker,
                    asked_at=now - datetime.timedelta(minutes=(have + n) % (90 * 24 * 60)),
                )
                for n, (plan, item) in enumerate(zip(plans, items, strict=True))
            )
            BrokerageApproach.objects.bulk_create(
                BrokerageApproach(
                    request=request,
                    provider=provider,
                    answer=answer,
                    starts_on=now.date() + datetime.timedelta(days=21) if rate else None,
                    hours=Decimal("7") if rate else None,
                    rate=rate,
                    recorded_by=worker,
                )
                for request in requests
                for provider, answer, rate in (
                    ("Riverside Home Care", "offered", Decimal("21.50")),
                    ("Wensum Care Co-operative", "offered", Decimal("23.00")),
                    ("Yare Valley Care", "waiting", None),
                )
            )
        have += count
        say(f"  loaded {have:,}/{size:,} requests ({time.perf_counter() - started:.1f}s for {count:,})")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def measure_size(size: int) -> list[dict]:
    from django.urls import reverse

    from bench import data
    from bench.run import count_queries
    from cases import demo
    from reviews.brokerage_models import BrokerageRequest

    data.remember_base()
    data.open_database(f"{data._base_name}_{data.PREFIX}brokerage_{size}", say)
    load(size)
    practitioner = demo.ensure_council_and_staff().staff["practitioner"]
    oldest = BrokerageRequest.objects.filter(status="open").order_by("asked_at", "pk").first()
    rows = []
    for page, path in (
        ("brokerage queue", reverse("brokerage_queue")),
        ("brokerage request", reverse("brokerage_request", args=[oldest.pk])),
    ):
        found = count_queries(path, practitioner, warm_path=reverse("baseline"))
        if found.get("error"):
            say(f"  {page}: {found['error']}")
        rows.append({"size": size, "page": page, **{k: found.get(k) for k in ("status", "queries", "bytes")}})
        rows[-1]["ms"] = found.get("in_process_ms")
        say(f"  {page}: {found.get('queries')} queries, {found.get('in_process_ms')} ms")
    data.use_database(data._base_name)
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.brokerage_queue", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--requests", type=int, default=1_000, help="requests at the first size (default 1000)"
    )
    parser.add_argument(
        "--scale", type=int, default=10, help="the second size is requests × scale (1: one size)"
    )
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        from bench.run import relaunch_with_services

        return relaunch_with_services(argv, module="bench.brokerage_queue")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from bench.run import collect_static

    collect_static()
    sizes = [args.requests] if args.scale == 1 else [args.requests, args.requests * args.scale]
    say(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    rows = [row for size in sizes for row in measure_size(size)]
    print()
    print(f"{'requests':>9}  {'page':<18} {'status':>6} {'queries':>7} {'ms':>7} {'KB':>5}")
    for row in rows:
        print(
            f"{row['size']:>9,}  {row['page']:<18} {row['status']!s:>6} {row['queries']!s:>7} "
            f"{row['ms']!s:>7} {(row['bytes'] or 0) / 1024:>5.0f}"
        )
    return 0 if all(row["status"] == 200 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
