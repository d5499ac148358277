"""What the launcher does with a cluster an older embedded PostgreSQL made: plain functions, on files only."""

import contextlib
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from config import launcher


def cluster(data_dir, version: str):
    pgdata = data_dir / "postgres"
    pgdata.mkdir(parents=True)
    (pgdata / "PG_VERSION").write_text(f"{version}\n")
    (pgdata / "base").mkdir()
    return pgdata


def test_an_old_test_cluster_is_made_again_with_a_message(tmp_path, capsys):
    pgdata = cluster(tmp_path / "test", "16")
    launcher.check_cluster(pgdata)
    assert not pgdata.exists()
    assert "was made by PostgreSQL 16" in capsys.readouterr().out


def test_an_old_development_cluster_is_left_alone_and_the_message_says_how_to_keep_it(tmp_path):
    pgdata = cluster(tmp_path / ".data", "16")
    with pytest.raises(launcher.OldCluster) as stopped:
        launcher.check_cluster(pgdata)
    assert (pgdata / "PG_VERSION").read_text() == "16\n"
    assert (pgdata / "base").is_dir()
    message = str(stopped.value)
    assert "Nothing has been changed" in message
    assert "-m config.launcher upgrade" in message
    assert f"mv {pgdata} {pgdata}-16" in message


@pytest.mark.parametrize("data_dir", ["test", ".data"])
def test_a_cluster_of_this_version_or_none_yet_is_used_as_it_is(tmp_path, data_dir):
    pgdata = cluster(tmp_path / data_dir, launcher.POSTGRES_MAJOR)
    launcher.check_cluster(pgdata)
    launcher.check_cluster(tmp_path / "other" / "postgres")
    assert (pgdata / "base").is_dir()


def test_the_launcher_stops_with_the_message_rather_than_a_traceback(tmp_path, monkeypatch, capsys):
    cluster(tmp_path, "16")
    monkeypatch.setattr(launcher, "DATA_DIR", tmp_path)
    monkeypatch.setattr(launcher.signal, "signal", lambda *handler: None)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://not-started")
    assert launcher.main(["exec", "--", "true"]) == 1
    assert "cannot open it" in capsys.readouterr().out


# A server named in a postmaster.pid: stood in for by a Python process whose command line reads `postgres ... -D
# <cluster>`, as a real server's does.

STANDS_IN = """
import signal, sys, time
if sys.argv[1] == "stubborn":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
print("ready", flush=True)
time.sleep(60)
"""


@pytest.fixture
def processes():
    started = []

    def start(*args, name="postgres"):
        process = subprocess.Popen(
            [name, "-c", STANDS_IN, *args], executable=sys.executable, stdout=subprocess.PIPE, text=True
        )
        started.append(process)
        assert process.stdout.readline() == "ready\n"
        return process

    yield start
    for process in started:
        process.kill()
        process.wait()


def named_in_postmaster_pid(pgdata, process):
    (pgdata / "postmaster.pid").write_text(f"{process.pid}\n{pgdata}\n")


def test_a_server_on_the_old_test_cluster_is_stopped_before_the_cluster_is_made_again(tmp_path, processes):
    pgdata = cluster(tmp_path / "test", "16")
    server = processes("obliging", "-D", str(pgdata))
    named_in_postmaster_pid(pgdata, server)
    launcher.check_cluster(pgdata)
    assert server.wait(timeout=5) != 0
    assert not pgdata.exists()


@pytest.mark.parametrize(
    ("name", "cluster_of_its_own"),
    [("sleeper", False), ("postgres", True)],
    ids=["not postgres", "elsewhere"],
)
def test_a_stale_pid_is_never_signalled_whatever_has_it_now(tmp_path, processes, name, cluster_of_its_own):
    pgdata = cluster(tmp_path / "test", "16")
    other = processes("obliging", "-D", str(tmp_path / "other" if cluster_of_its_own else pgdata), name=name)
    named_in_postmaster_pid(pgdata, other)
    launcher.check_cluster(pgdata)
    assert not pgdata.exists()
    assert other.poll() is None


def test_a_server_that_will_not_stop_leaves_its_cluster_where_it_is_with_a_message(
    tmp_path, processes, monkeypatch, capsys
):
    monkeypatch.setattr(launcher, "STOP_WAIT_SECONDS", 0.3)
    monkeypatch.setattr(launcher, "DATA_DIR", tmp_path / "test")
    monkeypatch.setattr(launcher.signal, "signal", lambda *handler: None)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://not-started")
    pgdata = cluster(tmp_path / "test", "16")
    server = processes("stubborn", "-D", str(pgdata))
    named_in_postmaster_pid(pgdata, server)
    assert launcher.main(["exec", "--", "true"]) == 1
    assert (pgdata / "PG_VERSION").read_text() == "16\n"
    assert server.poll() is None
    message = capsys.readouterr().out
    assert f"A PostgreSQL server (pid {server.pid}) is still running on {pgdata}" in message
    assert "nothing there has been moved or removed" in message


class HalfRestored:
    """The new cluster's server, as open_cluster gives it: its cluster already made."""

    def __init__(self, pgdata):
        pgdata.mkdir()
        (pgdata / "PG_VERSION").write_text(f"{launcher.POSTGRES_MAJOR}\n")
        self.pgdata = pgdata

    def get_uri(self, database):
        return f"postgresql:///{database}?host={self.pgdata}"


def test_an_upgrade_whose_restore_fails_puts_the_old_cluster_back(tmp_path, monkeypatch, capsys):
    pgdata = cluster(tmp_path, "16")
    monkeypatch.setattr(launcher, "DATA_DIR", tmp_path)
    monkeypatch.setattr(launcher.subprocess, "check_output", lambda *args, **kwargs: "postgresql:///old")
    stopped = []
    monkeypatch.setattr(launcher, "open_cluster", HalfRestored)
    monkeypatch.setattr(launcher, "stop_postgres", stopped.append)

    def run(command, **kwargs):
        if Path(command[0]).name == "pg_restore":
            raise subprocess.CalledProcessError(1, command)
        Path(command[command.index("-f") + 1]).write_bytes(b"dump")

    monkeypatch.setattr(launcher.subprocess, "run", run)
    assert launcher.upgrade_cluster() == 1
    assert (pgdata / "PG_VERSION").read_text() == "16\n"
    assert (pgdata / "base").is_dir()
    assert not (tmp_path / "postgres-16").exists()
    assert [server.pgdata for server in stopped] == [pgdata]
    message = capsys.readouterr().out
    assert "Could not copy your data into PostgreSQL 18" in message
    assert f"the old one is back in {pgdata}, unchanged" in message


def test_a_server_another_launcher_runs_is_found_and_a_stale_pid_is_not(tmp_path, processes):
    pgdata = cluster(tmp_path / "dev", "18")
    assert launcher.server_on(pgdata) is None  # no postmaster.pid
    server = processes("obliging", "-D", str(pgdata))
    named_in_postmaster_pid(pgdata, server)
    assert launcher.server_on(pgdata) == server.pid
    server.kill()
    server.wait()
    assert launcher.server_on(pgdata) is None


def test_a_second_launcher_on_the_same_data_uses_the_running_servers_and_leaves_them_running(
    tmp_path, monkeypatch
):
    """`make run` is serving from .data; a command run with `launcher exec` on the same data directory must not
    stop its PostgreSQL or take over its Redis socket when it finishes."""
    stopped = []
    monkeypatch.setattr(launcher, "start_postgres", lambda: ("server", "postgres://shared", True))
    monkeypatch.setattr(launcher, "stop_postgres", stopped.append)
    path = tmp_path / "redis.sock"
    with contextlib.closing(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)) as running_redis:
        running_redis.bind(str(path))
        running_redis.listen(1)
        monkeypatch.setattr(launcher, "_socket_path", lambda: path)
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.delenv("REDIS_URL", raising=False)
        with launcher.Services() as env:
            assert (env["DATABASE_URL"], env["REDIS_URL"]) == ("postgres://shared", f"unix://{path}")
        assert path.exists()  # the running Redis's socket is still there
    assert stopped == []
    assert not launcher.redis_answers(tmp_path / "nobody.sock")
