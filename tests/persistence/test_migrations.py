from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.migrate import downgrade, migrate
from adapters.sqlalchemy.tables import metadata
from tests.persistence.databases import fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgres"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()
        return
    with fresh_postgres_database() as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def _diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_upgrade_downgrade_upgrade_matches_the_metadata(empty_engine: Engine) -> None:
    migrate(empty_engine)
    assert _tables(empty_engine) == set(metadata.tables)

    downgrade(empty_engine, "base")
    assert _tables(empty_engine) == set()

    migrate(empty_engine)
    assert _diff(empty_engine) == []


def test_migrate_accepts_a_url_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'by_url.db'}"
    migrate(url)
    migrate(url)
    engine = make_engine(url)
    assert _tables(engine) == set(metadata.tables)
    engine.dispose()


def test_0006_deletes_stored_clever_user_tokens(empty_engine: Engine) -> None:
    migrate(empty_engine, "0004")
    row = "INSERT INTO clever_tokens (kind, owner_id, encrypted_token, updated_at) VALUES "
    with empty_engine.begin() as conn:
        conn.execute(text(row + "('user', 't1', 'ciphertext-u', '2026-12-01 00:00:00+00:00')"))
        conn.execute(text(row + "('district', 'd1', 'ciphertext-d', '2026-12-01 00:00:00+00:00')"))

    migrate(empty_engine)

    with empty_engine.connect() as conn:
        kept = conn.execute(text("SELECT kind, owner_id FROM clever_tokens")).all()
    assert [tuple(r) for r in kept] == [("district", "d1")]


def _analyse_settings(engine: Engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT relname, reloptions FROM pg_class "
                "WHERE relkind = 'r' AND reloptions IS NOT NULL "
                "AND relnamespace = 'public'::regnamespace"
            )
        ).all()
    return {name: sorted(options) for name, options in rows}


def test_autovacuum_keeps_the_roster_tables_statistics_on_postgres() -> None:
    """The service runs no ANALYZE of its own: autovacuum analyses a roster table once 500 rows
    plus 2 % of it changed, and the downgrade gives the server's defaults back."""
    with fresh_postgres_database() as url:
        engine = make_engine(url)
        migrate(engine)
        settings = ["autovacuum_analyze_scale_factor=0.02", "autovacuum_analyze_threshold=500"]
        roster = ("teachers", "students", "classes", "class_teachers", "enrollments")

        assert _analyse_settings(engine) == {t: settings for t in (*roster, "roster_history")}

        downgrade(engine, "0013")
        assert _analyse_settings(engine) == {}
        engine.dispose()
