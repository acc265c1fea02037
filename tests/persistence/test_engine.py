from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import ARRAY, String, bindparam, text

import bootstrap
from adapters.settings import Settings
from adapters.sqlalchemy.engine import make_engine
from tests.persistence.databases import POSTGRES_SERVER, require_postgres


@pytest.mark.parametrize("url", ["mysql://u@h/db", "sqlite://", "sqlite:///:memory:", "not a url"])
def test_unsupported_database_urls_are_refused_clearly(url: str) -> None:
    with pytest.raises(ValueError):
        make_engine(url)


def test_sqlite_enforces_foreign_keys_and_uses_wal(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_postgres_sets_the_statement_timeout_on_every_connection() -> None:
    require_postgres()
    engine = make_engine(POSTGRES_SERVER, pool_size=2, statement_timeout_ms=1234)
    with engine.connect() as first, engine.connect() as second:
        for conn in (first, second):
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "1234ms"
    assert engine.pool.size() == 2  # type: ignore[attr-defined]
    engine.dispose()


def test_postgres_id_lists_match_ids_with_any_characters() -> None:
    require_postgres()
    engine = make_engine(POSTGRES_SERVER)
    ids = ['quote"d', "back\\slash", "com,ma", "{brace}", " spaced ", "NULL", "é", ""]
    listed = text(
        "SELECT v FROM unnest(CAST(:stored AS varchar(64)[])) AS v WHERE v = ANY(:ids)"
    ).bindparams(bindparam("ids", type_=ARRAY(String(64))))
    with engine.connect() as conn:
        stored = "{" + ",".join(_quoted(i) for i in ids) + "}"
        found = conn.execute(listed, {"stored": stored, "ids": ids}).scalars()
        assert sorted(found) == sorted(ids)
        nothing = conn.execute(listed, {"stored": stored, "ids": []}).scalars()
        assert list(nothing) == []
    engine.dispose()


def _quoted(value: str) -> str:
    """An element of PostgreSQL's text form of an array, as the server reads it."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_a_plain_postgresql_url_uses_psycopg_3() -> None:
    engine = make_engine("postgresql://postgres@127.0.0.1/x")
    assert engine.dialect.driver == "psycopg"


@pytest.fixture
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # what most shells and service managers give
    yield
    os.umask(previous)


def test_sqlite_files_are_readable_by_their_owner_only(tmp_path: Path, usual_umask: None) -> None:
    path = tmp_path / "rostersync.db"
    url = f"sqlite:///{path}"
    bootstrap.migrate(Settings(database_url=url))  # what `rostersync migrate` runs
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    engine = make_engine(url)  # what the service and the demo open
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO oauth_codes (digest, expires_at) VALUES ('d', '2030-01-01')")
        )
        files = [path, tmp_path / "rostersync.db-wal", tmp_path / "rostersync.db-shm"]
        modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
    engine.dispose()

    assert modes == dict.fromkeys(modes, 0o600)


def test_an_existing_sqlite_file_keeps_the_mode_its_owner_gave_it(
    tmp_path: Path, usual_umask: None
) -> None:
    path = tmp_path / "shared.db"
    path.touch(mode=0o640)

    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.execute(text("select 1"))
    engine.dispose()

    assert stat.S_IMODE(path.stat().st_mode) == 0o640
