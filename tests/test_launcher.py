"""What the launcher does with a cluster an older embedded PostgreSQL made: plain functions, on files only."""

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
