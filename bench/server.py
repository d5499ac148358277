"""gunicorn on a free loopback port, started and stopped by the benchmark."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(*, database_url: str, workers: int, settings_module: str, say, timeout: float = 60.0):
    """Yield the base URL of a gunicorn serving config.wsgi against `database_url`; stop it on exit."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": settings_module}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {process.returncode} before it was ready")
            try:
                if httpx.get(f"{base_url}/healthz/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz/ within {timeout:.0f}s")
            time.sleep(0.2)
        say(f"gunicorn ({workers} workers, pid {process.pid}) serving {base_url}")
        yield base_url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the arbiter stops its workers gracefully
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # its own session: only gunicorn and its workers
                process.wait()
        say("gunicorn stopped")
