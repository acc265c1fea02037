"""SQLite's commit watch: its marker moves with every commit from another connection, never
creates a database, and starts a fresh range when it has to reconnect."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from adapters.sqlalchemy.reader_watch import SqliteCommitWatch


def test_the_marker_moves_with_commits_from_other_connections(tmp_path: Path) -> None:
    path = tmp_path / "watched.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("create table t (n integer)")
    watch = SqliteCommitWatch(str(path))

    first, again = watch.data_version(), watch.data_version()
    writer.execute("insert into t values (1)")
    after = watch.data_version()

    assert first is not None and first == again
    assert after is not None and after != first
    writer.close()


def test_a_missing_database_is_never_created(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"

    assert SqliteCommitWatch(str(path)).data_version() is None
    assert not path.exists()


def test_markers_of_a_new_connection_never_equal_the_old_ones(tmp_path: Path) -> None:
    path = tmp_path / "moved.db"
    sqlite3.connect(path).close()
    watch = SqliteCommitWatch(str(path))
    before = watch.data_version()
    path.rename(tmp_path / "elsewhere.db")
    watch._close()  # as after a failed read
    sqlite3.connect(path).close()

    assert watch.data_version() not in (None, before)
