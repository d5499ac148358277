"""Front Door benchmark: load N and 10×N invented cases, serve with gunicorn, measure the key pages.

    make bench
    python -m bench.run [--cases 10000] [--scale 10] [--requests 200] [--concurrency 8] [--time-cap 20] ...

For each data size it counts the SQL queries one request to each page makes (in-process, Django's test client)
and then puts bounded load on the pages over loopback http (gunicorn, asyncio + httpx clients), reporting
median and 95th-percentile latency, requests per second and each page's median as a multiple of the bare
baseline page's in the same run. Prints a table and writes bench/results/latest.json. See bench/README.md.
"""

import argparse
import hashlib
import json
import logging
import os
import platform
import secrets
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
STARTED = time.perf_counter()


def say(message: str) -> None:
    print(f"[bench {time.perf_counter() - STARTED:6.1f}s] {message}", flush=True)


def add_load_options(parser: argparse.ArgumentParser, *, output: str) -> None:
    """The options for counting queries and putting load on pages, shared with the other page benchmarks."""
    parser.add_argument("--requests", type=int, default=200, help="counted requests per page (default 200)")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument(
        "--warmup", type=int, default=None, help="uncounted requests per page first (default 2 × concurrency)"
    )
    parser.add_argument(
        "--time-cap",
        type=float,
        default=20.0,
        help="seconds per page before the run stops early (default 20)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--settings", default="bench.settings", help="settings module (default bench.settings: production's)"
    )
    parser.add_argument(
        "--queries-only", action="store_true", help="count queries; skip gunicorn and the load"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=BASE_DIR / "bench" / "results" / output,
        help="where the JSON goes",
    )


def check_load_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    if args.scale < 1 or args.requests < 1 or args.concurrency < 1:
        parser.error("--scale, --requests and --concurrency must be at least 1")
    if args.warmup is None:
        args.warmup = 2 * args.concurrency
    return args


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases at the first size (default 10000)")
    parser.add_argument(
        "--scale",
        type=int,
        default=10,
        help="the second size is cases × scale (default 10; 1 measures one size)",
    )
    parser.add_argument("--fresh", action="store_true", help="drop the bench databases and load from nothing")
    add_load_options(parser, output="latest.json")
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be at least 1")
    return check_load_options(parser, args)


def relaunch_with_services(argv: list[str], module: str = "bench.run") -> int:
    """Without DATABASE_URL, run `module` again inside the launcher, with the bench's own data directory."""
    env = {**os.environ, "FRONTDOOR_DATA_DIR": os.environ.get("FRONTDOOR_DATA_DIR", ".data/bench")}
    command = [
        sys.executable,
        "-m",
        "config.launcher",
        "exec",
        "--",
        sys.executable,
        "-m",
        module,
        *argv,
    ]
    return subprocess.call(command, cwd=BASE_DIR, env=env)


@dataclass
class Page:
    name: str
    user: str | None  # demo username, or None for a signed-out request
    url_name: str
    query: str = ""
    case: str = "case_pk"  # which of the subjects' cases a case page shows

    def path(self, subjects) -> str:
        from django.urls import reverse

        case = getattr(subjects, self.case)
        args = {
            "person": [subjects.person_pk],
            "case": [case],
            "support_plan": [case],
            "draft_check": [case],  # for a draft's pages, `case` names the plan
            "draft_outcome": [case, 1],
        }.get(self.url_name, [])
        query = self.query.format(search=subjects.search)
        return reverse(self.url_name, args=args) + (f"?{query}" if query else "")


BASELINE = "baseline"
PAGES = [
    Page(BASELINE, "practitioner", "baseline"),
    Page("baseline (signed out)", None, "baseline"),
    Page("home (practitioner)", "practitioner", "home"),
    Page("home (manager)", "manager", "home"),
    Page("home (head of service)", "head", "home"),
    Page("person_search", "practitioner", "person_search", "q={search}"),
    # What an adviser types from a phone call: a misspelt surname, and a misspelt first name and surname.
    Page("person_search (Smyth)", "practitioner", "person_search", "q=Smyth"),
    Page("person_search (2 typos)", "practitioner", "person_search", "q=Margret+Smyth"),
    Page("person", "practitioner", "person"),
    Page("case", "practitioner", "case"),
    Page("case (200 events)", "practitioner", "case", case="busy_case_pk"),
    Page("support plan (10 items)", "practitioner", "support_plan", case="plan_case_pk"),
    Page("support plan (30 items)", "practitioner", "support_plan", case="big_plan_case_pk"),
    # A draft written online, here by someone at an organisation (bench.data.DRAFTER); the person's own draft
    # uses the same pages.
    Page("draft check (10 items)", "ulo", "draft_check", case="draft_plan_pk"),
    Page("draft check (30 items)", "ulo", "draft_check", case="big_draft_plan_pk"),
    Page("draft outcome page (30 items)", "ulo", "draft_outcome", case="big_draft_plan_pk"),
    Page("caseload", "practitioner", "caseload"),
    Page("team_queue", "manager", "team_queue"),
    Page("sign-off turnaround (12 weeks)", "manager", "sign_off_turnaround"),
    Page(
        "directory (keyword, category, 5 miles)",
        None,
        "directory_search",
        "q=lunch&category=lunch-clubs&postcode=NR1+3QQ&radius=5",
    ),
    Page("directory (10 miles, any service)", None, "directory_search", "postcode=NR1+3QQ&radius=10"),
]


def count_queries(
    path: str,
    user,
    warm_path: str,
    *,
    budget: float = 2.0,
    most: int = 5,
    form: dict | None = None,
    headers: dict | None = None,
    refuse: str | None = None,
) -> dict:
    """SQL queries made by one request to `path`, and its time, measured in this process.

    A request to `warm_path` (the cheap baseline) goes first, so the count is of a session already in use,
    as every request but a user's first is, without paying twice for a slow page. The request is repeated
    (up to `most` times, while under `budget` seconds in all) for a steadier median time; the query count is
    the first request's, and every repeat must make the same number. With `form` the request is a POST of it
    (with `headers`); a 200 whose body contains `refuse` is reported as an error.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cases.backends import USER_AND_TEAM

    client = Client(SERVER_NAME="localhost")
    if user is not None:
        client.force_login(user, backend=USER_AND_TEAM)
    samples: list[tuple[float, float, int]] = []  # (total ms, SQL ms, queries)
    sql_seconds = 0.0

    def timed(execute, sql, params, many, context):  # finer than the captured queries' millisecond times
        nonlocal sql_seconds
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds += time.perf_counter() - started

    try:
        client.get(warm_path)
        first = None
        while len(samples) < most and (not samples or sum(total for total, _, _ in samples) < budget * 1000):
            sql_seconds = 0.0
            with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
                started = time.perf_counter()
                response = client.post(path, form, headers=headers) if form else client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
            samples.append((elapsed, sql_seconds * 1000, len(captured)))
            if first is None:
                first, sql = response, [query["sql"] for query in captured.captured_queries]
            if response.status_code != 200:
                break
    except Exception as failure:  # a page that does not render yet is reported, not fatal
        return {"status": None, "error": f"{type(failure).__name__}: {failure}"[:500], "queries": None}
    counts = sorted({queries for _, _, queries in samples})
    error = None if first.status_code == 200 else f"HTTP {first.status_code}"
    if error is None and refuse and refuse in first.content.decode():
        error = f"answer contains {refuse}"
    return {
        "status": first.status_code,
        "error": error,
        "queries": samples[0][2],
        "queries_vary": counts if len(counts) > 1 else None,
        "sql": sql,
        "bytes": len(first.content),
        "samples": len(samples),
        "in_process_ms": round(statistics.median(total for total, _, _ in samples), 2),
        "sql_ms": round(statistics.median(sql_ms for _, sql_ms, _ in samples), 2),
    }


def make_sessions(user, count: int) -> list[str]:
    """Signed-in sessions made directly in the session store (no sign-in form, no password hashing)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from cases.backends import USER_AND_TEAM

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for _ in range(count):
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = USER_AND_TEAM
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        keys.append(session.session_key)
    return keys


def put_load(url: str, targets: list[tuple], pages: dict, sessions: dict, args, *, csrf: str = "") -> None:
    """Load each target (name, user, path or paths, forms, headers, refuse) from the served `url`, in turn, with
    args.concurrency clients each signed in with one of `sessions[user]`, and keep what it measured in
    pages[name]["load"]."""
    from django.conf import settings

    from bench import load

    for name, user, path, forms, headers, refuse in targets:
        cookies = (
            [f"{settings.SESSION_COOKIE_NAME}={key}" for key in sessions[user]]
            if user
            else [None] * args.concurrency
        )
        if forms:  # a POST needs the CSRF cookie and the same secret in the header
            cookies = [f"{cookie}; {settings.CSRF_COOKIE_NAME}={csrf}" for cookie in cookies]
            headers = {**headers, "X-CSRFToken": csrf}
        result = load.hammer(
            url,
            path,
            cookies,
            requests=args.requests,
            warmup=args.warmup,
            time_cap=args.time_cap,
            warm_slots=args.workers,
            forms=forms,
            headers=headers,
            refuse=refuse,
        )
        pages[name]["load"] = asdict(result)
        if result.median_ms is None:
            say(f"{name:<22} no requests completed")
            continue
        note = f" errors {result.statuses}" if result.errors else ""
        note += " (time cap)" if result.capped else ""
        say(
            f"{name:<22} {result.requests} requests: median {result.median_ms:.1f} ms, "
            f"p95 {result.p95_ms:.1f} ms, {result.per_second:.1f}/s{note}"
        )


def add_ratios(pages: dict) -> None:
    """Each page's median under load as a multiple of the signed-in baseline's, in the same run."""
    baseline = pages[BASELINE].get("load", {}).get("median_ms")
    for entry in pages.values():
        median = entry.get("load", {}).get("median_ms")
        entry["ratio"] = round(median / baseline, 2) if median and baseline else None


def measure_size(size: int, args, base_url: str) -> dict:
    from django.contrib.sessions.models import Session
    from django.urls import reverse

    from bench import autosave, data, server
    from cases.models import User

    say(f"--- {size:,} cases ---")
    loaded = data.ensure_size(size, say)
    how = f"added {loaded.added:,} in {loaded.load_seconds:.1f}s" if loaded.added else "already loaded"
    say(
        f"{loaded.database}: {loaded.cases:,} cases, {loaded.people:,} people, {loaded.events:,} events, "
        f"{loaded.sign_off_decisions:,} sign-off decisions ({how})"
    )
    subjects = data.pick_subjects(User.objects.get(username="practitioner"))
    users = {
        user.username: user for user in User.objects.filter(username__in={p.user for p in PAGES if p.user})
    }
    say(
        f"case {subjects.case_pk} ({subjects.case_events} events), busy case {subjects.busy_case_pk} "
        f"({subjects.busy_case_events} events), person {subjects.person_pk}, search {subjects.search!r}"
    )
    stage_times = data.time_days_per_stage()
    say(
        f"days per stage over {loaded.cases:,} cases: {stage_times['median_ms']:.0f} ms (median of "
        f"{len(stage_times['times_ms'])}); "
        + ", ".join(
            f"{row['stage']} {row['median_days']}d (p90 {row['p90_days']}d)" for row in stage_times["rows"]
        )
    )

    pages = {}
    for page in PAGES:
        path = page.path(subjects)
        counted = count_queries(path, users.get(page.user), warm_path=reverse("baseline"))
        pages[page.name] = {"path": path, "user": page.user, **counted}
        outcome = counted["error"] or (
            f"{counted['queries']} queries, {counted['in_process_ms']:.0f} ms, {counted['bytes'] / 1024:.0f} KB"
            + (f" (query count varied: {counted['queries_vary']})" if counted["queries_vary"] else "")
        )
        say(f"{page.name:<22} {path:<24} {outcome}")
    saves = autosave.prepare(
        users["practitioner"], after_case=subjects.case_pk, clients=args.concurrency, say=say
    )
    for save in saves:
        counted = count_queries(
            save.paths[0],
            users["practitioner"],
            warm_path=reverse("baseline"),
            form=save.forms[0],
            headers=autosave.HEADERS,
            refuse=autosave.CONFLICT,
        )
        pages[save.name] = {"path": save.paths[0], "user": "practitioner", "method": "POST", **counted}
        outcome = counted["error"] or f"{counted['queries']} queries, {counted['in_process_ms']:.0f} ms"
        say(f"{save.name:<22} POST {save.paths[0]:<24} {outcome}")

    if not args.queries_only:
        sessions = {name: make_sessions(user, args.concurrency) for name, user in users.items()}
        csrf = autosave.csrf_secret()
        database_url = data.database_url(base_url, loaded.database)
        try:
            with server.gunicorn(
                database_url=database_url, workers=args.workers, settings_module=args.settings, say=say
            ) as url:
                targets = [
                    (page.name, page.user, pages[page.name]["path"], None, {}, None) for page in PAGES
                ] + [
                    (save.name, "practitioner", save.paths, save.forms, autosave.HEADERS, autosave.CONFLICT)
                    for save in saves
                ]
                put_load(url, targets, pages, sessions, args, csrf=csrf)
        finally:
            Session.objects.filter(session_key__in=[k for keys in sessions.values() for k in keys]).delete()
        add_ratios(pages)
    return {
        "size": size,
        "data": asdict(loaded),
        "subjects": asdict(subjects),
        "pages": pages,
        "days_per_stage": stage_times,
    }


def _cell(value, spec: str, width: int) -> str:
    return (format(value, spec) if value is not None else "–").rjust(width)


NAME_WIDTH = 24


def _name_width(runs: list[dict]) -> int:
    """The first column's width: NAME_WIDTH, or wider for a longer page name."""
    return max(NAME_WIDTH, *(len(name) + 1 for name in runs[0]["pages"]))


def _page_rows(runs: list[dict], cells) -> list[str]:
    """One line per page: its name, then `cells(entry)` for each size, sizes separated by a bar."""
    width = _name_width(runs)
    return [
        name.ljust(width) + " │ ".join(cells(run["pages"][name]) for run in runs) for name in runs[0]["pages"]
    ]


def load_table(runs: list[dict], args) -> str:
    """The main table: query counts at every size side by side, then the load results at each size."""
    q_width = max(8, *(len(f"{run['size']:,}") + 1 for run in runs))
    load_width = 37
    name_width = _name_width(runs)
    head_one = " " * name_width + "SQL queries".rjust(q_width * len(runs))
    head_two = "page".ljust(name_width) + "".join(f"{run['size']:,}".rjust(q_width) for run in runs)
    if not args.queries_only:
        for run in runs:
            head_one += " │ " + f"{run['size']:,} cases".center(load_width)
            head_two += " │ " + f"{'median':>8}{'p95':>8}{'req/s':>8}{'×base':>7}{'n':>6}"
    footnotes = set()

    def row(name: str) -> str:
        entries = [run["pages"][name] for run in runs]
        line = name.ljust(name_width)
        line += "".join(
            (str(entry["queries"]) if entry["queries"] is not None else "error").rjust(q_width)
            for entry in entries
        )
        if args.queries_only:
            return line
        for entry in entries:
            result = entry.get("load") or {}
            mark = ""
            if result.get("errors") or entry["error"]:
                mark = "!"
                footnotes.add("! some answers were not 200 (see the JSON)")
            elif result.get("capped"):
                mark = "*"
                footnotes.add(f"* stopped by the {args.time_cap:g}s time cap before {args.requests} requests")
            line += " │ " + (
                _cell(result.get("median_ms"), ".1f", 8)
                + _cell(result.get("p95_ms"), ".1f", 8)
                + _cell(result.get("per_second"), ".1f", 8)
                + _cell(entry.get("ratio"), ".2f", 7)
                + (str(result.get("requests", "–")) + mark).rjust(6)
            )
        return line

    rows = [row(name) for name in runs[0]["pages"]]
    legend = (
        "latency in ms over loopback http under load; req/s = counted requests ÷ wall time; "
        "×base = median ÷ baseline's median at the same size; n = counted requests"
    )
    return "\n".join(
        [
            head_one,
            head_two,
            "─" * len(head_two),
            *rows,
            *sorted(footnotes),
            *([] if args.queries_only else [legend]),
        ]
    )


def stage_table(runs: list[dict]) -> str:
    """The journey analysis over the whole log at each size: its time, and the median and p90 days per stage."""
    width = 26
    head_one = " " * NAME_WIDTH + " │ ".join(f"{run['size']:,} cases".center(width) for run in runs)
    head_two = "days per stage".ljust(NAME_WIDTH) + " │ ".join(
        f"{'stays':>8}{'median':>9}{'p90':>9}" for _ in runs
    )
    stages = list(dict.fromkeys(row["stage"] for run in runs for row in run["days_per_stage"]["rows"]))

    def cells(run, stage):
        row = next((row for row in run["days_per_stage"]["rows"] if row["stage"] == stage), None)
        if row is None:
            return " " * width
        return f"{row['stays']:>8,}{row['median_days']:>9.1f}{row['p90_days']:>9.1f}"

    rows = [stage.ljust(NAME_WIDTH) + " │ ".join(cells(run, stage) for run in runs) for stage in stages]
    timing = "query ms".ljust(NAME_WIDTH) + " │ ".join(
        f"{run['days_per_stage']['median_ms']:>26.0f}" for run in runs
    )
    return "\n".join([head_one, head_two, "─" * len(head_two), *rows, timing])


def detail_table(runs: list[dict]) -> str:
    """One request per page in-process: time in SQL, total time and page size, at each size."""
    width = 26
    name_width = _name_width(runs)
    head_one = " " * name_width + " │ ".join(f"{run['size']:,} cases".center(width) for run in runs)
    head_two = "page".ljust(name_width) + " │ ".join(f"{'SQL ms':>8}{'total ms':>10}{'KB':>8}" for _ in runs)
    rows = _page_rows(
        runs,
        lambda entry: (
            _cell(entry.get("sql_ms"), ".1f", 8)
            + _cell(entry.get("in_process_ms"), ".1f", 10)
            + _cell(entry["bytes"] / 1024 if entry.get("bytes") is not None else None, ".0f", 8)
        ),
    )
    return "\n".join(
        [
            "In-process, no load (Django test client; median of up to 5 requests): time in SQL, total time, HTML size",
            head_one,
            head_two,
            "─" * len(head_two),
            *rows,
        ]
    )


def collect_static() -> None:
    """collectstatic (production's manifest storage needs it, even in-process), skipped when nothing changed.

    Compressing every file takes a while on a small machine, so a fingerprint of the sources' names, sizes and
    modification times is kept beside the collected files.
    """
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    sources = sorted(
        (
            path,
            storage.path(path),
            os.stat(storage.path(path)).st_size,
            os.stat(storage.path(path)).st_mtime_ns,
        )
        for finder in get_finders()
        for path, storage in finder.list(["CVS", ".*", "*~"])
    )
    fingerprint = hashlib.sha256(repr(sources).encode()).hexdigest()
    marker = Path(settings.STATIC_ROOT) / ".bench-fingerprint"
    if (
        marker.exists()
        and marker.read_text() == fingerprint
        and (marker.parent / "staticfiles.json").exists()
    ):
        say(f"static files unchanged since the last collectstatic into {settings.STATIC_ROOT}")
        return
    say(f"collecting static files into {settings.STATIC_ROOT}")
    call_command("collectstatic", interactive=False, verbosity=0)
    marker.write_text(fingerprint)


def git_commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    load_average = os.getloadavg()[0]
    if not os.environ.get("DATABASE_URL"):
        return relaunch_with_services(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    # One key for this run, shared with gunicorn's workers so the sessions made here are valid there.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    base_url = os.environ["DATABASE_URL"]

    import django

    django.setup()
    from django.conf import settings

    from bench import data

    say(f"settings {args.settings} (DEBUG {settings.DEBUG}), database cluster {base_url}")
    if ".data/bench" not in base_url:
        say(
            "note: not the bench's own cluster (.data/bench); set FRONTDOOR_DATA_DIR=.data/bench to keep it apart"
        )
    if load_average > 0.5 * (os.cpu_count() or 1):
        say(
            f"note: the machine was busy before the run (load average {load_average:.1f}); numbers will be noisy"
        )
    if args.fresh:
        data.drop_all(say)
    # Axes logs each sign-in and httpx each request at INFO. Only this process is quietened, not gunicorn.
    logging.getLogger("axes").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    collect_static()

    sizes = [args.cases] if args.scale == 1 else [args.cases, args.cases * args.scale]
    runs = [measure_size(size, args, base_url) for size in sizes]

    total = time.perf_counter() - STARTED
    print()
    print(
        f"Front Door benchmark: {platform.node()}, {os.cpu_count()} CPUs, {args.workers} gunicorn workers, "
        f"{args.concurrency} clients, {args.requests} requests per page (cap {args.time_cap:g}s), "
        f"settings {args.settings}, load average {load_average:.1f} at the start"
    )
    print(load_table(runs, args))
    print()
    print(detail_table(runs))
    print()
    print(stage_table(runs))
    print(f"\nTotal run time {total:.0f}s")

    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": {
            "node": platform.node(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": load_average,
        },
        "settings": args.settings,
        "debug": settings.DEBUG,
        "options": options(args),
        "total_seconds": round(total, 1),
        "runs": runs,
    }
    return finish(runs, result, args.output)


def options(args: argparse.Namespace) -> dict:
    return {key: (str(value) if isinstance(value, Path) else value) for key, value in vars(args).items()}


def finish(runs: list[dict], result: dict, output: Path) -> int:
    """Write `result` to `output` as JSON; 1 if any page answered anything but a 200, else 0."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, default=str) + "\n")
    say(f"wrote {output.relative_to(BASE_DIR) if output.is_relative_to(BASE_DIR) else output}")
    failed = [
        f"{run['size']:,}: {name}"
        for run in runs
        for name, entry in run["pages"].items()
        if entry["error"] or (entry.get("load") or {}).get("errors")
    ]
    if failed:
        say(f"pages that did not answer 200: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
