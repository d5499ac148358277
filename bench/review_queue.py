"""The reviews queue over N and 10×N support plans gone live: SQL queries a request, and latency under load.

    .venv/bin/python -m bench.review_queue [--plans 5000] [--scale 10] [--requests 200] [--concurrency 8] ...

The plans are bench.review_invitations' (N people with a case at "support in place", an agreed plan gone live and
one scheduled review each, the windows opening from 60 days before the day they were loaded for to a year after),
loaded once into `<name>_bench_reviews_<N>`. The queue needs more, so each size has a copy of that database of its
own (`<name>_bench_review_queue_<N>`, CREATE DATABASE … TEMPLATE, made and filled once, then kept):

- teams: one locality team for every PLANS_PER_TEAM plans (the demo's north and south teams first), each with
  WORKERS_PER_TEAM practitioners (the north team's include the demo's `practitioner` and `practitioner2`); every
  case belongs to a team, and all but one in five is allocated to one of its workers;
- what was sent for the reviews: of the people with an account, most of those whose review is near have sent their
  self-review, and a few whose review is months off; providers have recorded progress for a quarter of the plans
  with an order, one report in three a concern (less independent, or not moving towards the outcome);
- the reviews' windows moved so they are spread around today, the day the server's queue works from (the day the
  copy is aligned to is kept as the database's comment, so a run on a later day moves them on).

Then, like bench.run: queries one request makes (in-process, Django's test client), and median and 95th
percentile latency under load from gunicorn over loopback, each page's median as a multiple of the signed-in
baseline page's in the same run. See bench/README.md.
"""

import argparse
import datetime
import os
import platform
import random
import secrets
import sys
import time
from datetime import UTC

from bench.run import BASELINE, say

PLANS_PER_TEAM = 2_500
WORKERS_PER_TEAM = 12
UNALLOCATED = 0.2  # cases waiting in their team's queue for a worker
SELF_REVIEW_NEAR, SELF_REVIEW_FAR = 0.6, 0.05  # of people with an account, review within 28 days or later
PROGRESS, CONCERN = 0.25, 1 / 3  # of plans with an order; of those reports
PROVIDER = "Riverside Home Care"  # the provider bench.review_invitations names on every order

# (row, user, ?query) — the signed-in baseline first, as bench.run's ratios expect.
PAGES = [
    (BASELINE, "practitioner", "baseline", ""),
    ("reviews, team's (manager)", "manager", "review_queue", ""),
    ("reviews, only mine (manager)", "manager", "review_queue", "whose=mine"),
    ("reviews, team's (practitioner)", "practitioner", "review_queue", ""),
    ("reviews, only mine (practitioner)", "practitioner", "review_queue", "whose=mine"),
    ("reviews, everyone's (service manager)", "servicemanager", "review_queue", ""),
]


def parse_args(argv: list[str]) -> argparse.Namespace:
    from bench import review_invitations
    from bench.run import add_load_options, check_load_options

    parser = argparse.ArgumentParser(
        prog="python -m bench.review_queue", description=__doc__.split("\n\n")[0]
    )
    review_invitations.add_size_options(parser, 5_000)
    add_load_options(parser, output="review_queue.json")
    args = parser.parse_args(argv)
    if args.plans < 1:
        parser.error("--plans must be at least 1")
    return check_load_options(parser, args)


def ensure_database(size: int) -> str:
    """The queue's database for `size` plans, made from bench.review_invitations' and filled once; the default
    connection is left on it."""
    from django.db import connection, transaction

    from bench import data, review_invitations
    from reviews.models import SelfReview

    loaded = review_invitations.ensure_loaded(size)
    name = f"{data._base_name}_{data.PREFIX}review_queue_{size}"
    data.open_database(name, say, template=loaded)
    if not SelfReview.objects.exists():
        started = time.perf_counter()
        rng = random.Random(size)
        with transaction.atomic():  # all or nothing, so a run cut short fills it again from the start
            teams = spread_over_teams(size, rng)
            sent, reports = add_what_was_sent(rng, review_invitations.LOADED_FOR)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        say(
            f"  {teams} teams, {sent:,} self-reviews sent, {reports:,} provider reports "
            f"({time.perf_counter() - started:.1f}s)"
        )
    return name


def spread_over_teams(size: int, rng: random.Random) -> int:
    """Put every case in a locality team and allocate most to the team's workers; how many teams."""
    from django.db import connection, transaction

    from cases import demo
    from cases.models import Case, Team, User
    from cases.roles import Role

    cast = demo.ensure_council_and_staff()
    teams = [cast.teams["North locality team"], cast.teams["South locality team"]] + [
        Team.objects.get_or_create(
            name=f"Locality team {number}", defaults={"description": "Support planning and review"}
        )[0]
        for number in range(3, max(2, round(size / PLANS_PER_TEAM)) + 1)
    ]
    workers = {team.pk: [] for team in teams}
    workers[teams[0].pk] += [cast.staff["practitioner"].pk, cast.staff["practitioner2"].pk]
    for number, team in enumerate(teams, start=1):
        made = User.objects.bulk_create(
            User(
                username=f"bench-worker-{number}-{n}",
                first_name=rng.choice(["Jo", "Ravi", "Ola", "Kim", "Mel", "Chris"]),
                last_name=f"Worker {number}-{n}",
                role=Role.PRACTITIONER,
                team=team,
            )
            for n in range(len(workers[team.pk]), WORKERS_PER_TEAM)
        )
        workers[team.pk] += [user.pk for user in made]
    ids, team_ids, worker_ids = [], [], []
    for case in Case.objects.order_by("pk").values_list("pk", flat=True).iterator():
        team = rng.choice(teams).pk
        ids.append(case)
        team_ids.append(team)
        worker_ids.append(None if rng.random() < UNALLOCATED else rng.choice(workers[team]))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no row history for invented rows
        cursor.execute(
            "UPDATE cases_case SET team_id = t.team, allocated_worker_id = t.worker "
            "FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[]) AS t(id, team, worker) WHERE cases_case.id = t.id",
            [ids, team_ids, worker_ids],
        )
    return len(teams)


def add_what_was_sent(rng: random.Random, today: datetime.date) -> tuple[int, int]:
    """Self-reviews sent and providers' progress recorded for the scheduled reviews, as of `today`."""
    from django.db import connection, transaction
    from django.utils import timezone

    from cases.models import User
    from cases.roles import Role
    from directory.models import Organization
    from reviews.models import Independence, Progress, ProgressNote, ProgressReport, Review, SelfReview
    from reviews.schedule import SOON
    from support_planning.models import PlanOutcome

    now = timezone.now()
    accounts = dict(
        User.objects.filter(role=Role.CITIZEN, person__isnull=False).values_list("person_id", "pk")
    )
    outcomes = dict(PlanOutcome.objects.values_list("plan_id", "pk"))
    reviews = Review.objects.filter(status=Review.Status.SCHEDULED).order_by("pk")
    organisation = Organization.objects.get_or_create(name=PROVIDER)[0]
    provider = User.objects.get_or_create(
        username="bench-provider", defaults={"role": Role.PROVIDER, "organisation": organisation}
    )[0]
    self_reviews, reports, notes = [], [], []
    for review, case, plan, opens, person in reviews.values_list(
        "pk", "case_id", "plan_id", "opens", "case__person_id"
    ).iterator():
        near = opens <= today + SOON
        if person in accounts and rng.random() < (SELF_REVIEW_NEAR if near else SELF_REVIEW_FAR):
            self_reviews.append(
                SelfReview(
                    case_id=case,
                    plan_id=plan,
                    review_id=review,
                    written_by_id=accounts[person],
                    what_changed="My daughter moved away, so the evenings are harder",
                    anything_else_seen=True,
                    sent_at=now,
                )
            )
        if plan in outcomes and rng.random() < PROGRESS:
            concern = rng.random() < CONCERN
            report = ProgressReport(
                case_id=case,
                plan_id=plan,
                review_id=review,
                organisation=organisation,
                recorded_by=provider,
                independence=Independence.LESS if concern and rng.random() < 0.5 else Independence.SAME,
            )
            reports.append(report)
            progress = (
                Progress.NOT if concern and report.independence == Independence.SAME else Progress.TOWARDS
            )
            notes.append(ProgressNote(report=report, outcome_id=outcomes[plan], progress=progress))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        SelfReview.objects.bulk_create(self_reviews, batch_size=5_000)
        ProgressReport.objects.bulk_create(reports, batch_size=5_000)
        for note in notes:
            note.report_id = note.report.pk
        ProgressNote.objects.bulk_create(notes, batch_size=5_000)
    return len(self_reviews), len(reports)


def align(name: str, today: datetime.date) -> None:
    """Move the scheduled reviews' windows so they lie around `today` as they lay around the day they were
    loaded for (or, later, aligned to)."""
    from django.db import connection

    from bench import review_invitations

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        )
        comment = cursor.fetchone()[0]
        aligned = datetime.date.fromisoformat(comment) if comment else review_invitations.LOADED_FOR
        if aligned != today:
            cursor.execute(
                "UPDATE reviews_review SET opens = opens + %s, due_by = due_by + %s WHERE status = 'scheduled'",
                [(today - aligned).days] * 2,
            )
            cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS '{today.isoformat()}'")
            say(f"  reviews moved on {(today - aligned).days} days, to lie around {today}")


def measure_size(size: int, args, base_url: str) -> dict:
    from django.contrib.sessions.models import Session
    from django.urls import reverse
    from django.utils import timezone

    from bench import data, server
    from bench.run import add_ratios, count_queries, make_sessions, put_load
    from cases.models import User
    from reviews import selectors

    say(f"--- {size:,} plans gone live ---")
    name = ensure_database(size)
    today = timezone.localdate()
    align(name, today)
    users = {user.username: user for user in User.objects.filter(username__in={page[1] for page in PAGES})}
    pages = {}
    for row, username, url_name, query in PAGES:
        path = reverse(url_name) + (f"?{query}" if query else "")
        counted = count_queries(path, users[username], warm_path=reverse("baseline"))
        shown = (
            {
                str(standing): count
                for standing, count in selectors.standing_counts(
                    selectors.reviews_for(users[username], today, mine_only=bool(query)), today
                ).items()
            }
            if url_name == "review_queue"
            else {}
        )
        pages[row] = {"path": path, "user": username, "reviews_shown": shown, **counted}
        outcome = counted["error"] or (
            f"{counted['queries']} queries, {counted['in_process_ms']:.0f} ms, {counted['bytes'] / 1024:.0f} KB"
            + (f", {sum(shown.values()):,} reviews on the queue {shown}" if shown else "")
        )
        say(f"{row:<38} {outcome}")
    if not args.queries_only:
        sessions = {username: make_sessions(user, args.concurrency) for username, user in users.items()}
        try:
            with server.gunicorn(
                database_url=data.database_url(base_url, name),
                workers=args.workers,
                settings_module=args.settings,
                say=say,
            ) as url:
                targets = [(row, user, pages[row]["path"], None, {}, None) for row, user, _, _ in PAGES]
                put_load(url, targets, pages, sessions, args)
        finally:
            Session.objects.filter(session_key__in=[k for keys in sessions.values() for k in keys]).delete()
        add_ratios(pages)
    return {"size": size, "database": name, "today": today.isoformat(), "pages": pages}


def shown_table(runs: list[dict]) -> str:
    """How many reviews each queue page lists at each size, and under which headings."""
    lines = ["Reviews on the queue (overdue / due / due soon / not yet due, with something to read)"]
    for row, *_ in PAGES[1:]:
        cells = []
        for run in runs:
            shown = run["pages"][row]["reviews_shown"]
            cells.append(
                f"{sum(shown.values()):>6,} = " + " / ".join(f"{count:,}" for count in shown.values())
            )
        lines.append(row.ljust(38) + " │ ".join(cell.ljust(30) for cell in cells))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    load_average = os.getloadavg()[0]
    if not os.environ.get("DATABASE_URL"):
        from bench.run import relaunch_with_services

        return relaunch_with_services(argv, module="bench.review_queue")
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import logging

    import django

    django.setup()
    from django.conf import settings

    from bench import data
    from bench.run import collect_static, detail_table, finish, git_commit, load_table, options

    logging.getLogger("axes").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("frontdoor.requests").setLevel(logging.WARNING)  # production logs each request
    say(
        f"settings {args.settings} (DEBUG {settings.DEBUG}); load average {load_average:.1f} on {os.cpu_count()} CPUs"
    )
    data.remember_base()
    collect_static()
    sizes = [args.plans] if args.scale == 1 else [args.plans, args.plans * args.scale]
    runs = [measure_size(size, args, os.environ["DATABASE_URL"]) for size in sizes]
    print()
    print(
        f"Reviews queue: {platform.node()}, {os.cpu_count()} CPUs, {args.workers} gunicorn workers, "
        f"{args.concurrency} clients, {args.requests} requests per page (cap {args.time_cap:g}s), "
        f"settings {args.settings}, load average {load_average:.1f} at the start; sizes in plans gone live"
    )
    print(load_table(runs, args))
    print()
    print(detail_table(runs))
    print()
    print(shown_table(runs))
    return finish(
        runs,
        {
            "when": datetime.datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": git_commit(),
            "machine": {
                "node": platform.node(),
                "cpus": os.cpu_count(),
                "load_average_at_start": load_average,
            },
            "options": options(args),
            "runs": runs,
        },
        args.output,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
