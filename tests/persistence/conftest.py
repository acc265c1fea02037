from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.migrate import migrate
from adapters.sqlalchemy.tables import metadata
from adapters.sqlalchemy.versions import ROW_ID
from tests.persistence.backends import Backend, memory_backend, sql_backend
from tests.persistence.databases import fresh_postgres_database


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating once is faster)."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_engine(sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "rostersync.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    with fresh_postgres_database() as url:
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        yield url


@pytest.fixture
def postgres_engine(postgres_database: str) -> Iterator[Engine]:
    engine = make_engine(postgres_database)
    yield engine
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        conn.execute(text(f"INSERT INTO roster_version (id, version) VALUES ({ROW_ID}, 0)"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each SQL database in turn."""
    return request.getfixturevalue(f"{request.param}_engine")  # type: ignore[no-any-return]


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Every implementation of the storage ports in turn."""
    if request.param == "memory":
        return memory_backend()
    return sql_backend(request.param, request.getfixturevalue(f"{request.param}_engine"))
