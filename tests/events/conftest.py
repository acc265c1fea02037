"""A fresh Clever sandbox per test (its changes are scripted) and a migrated database."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import bootstrap
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.migrate import migrate
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from tests.events.world import EventsWorld, section_owners, settings_for
from tests.persistence.databases import fresh_postgres_database

STUDENTS = 300
ROSTERING = 8  # of the sandbox's 14 section owners; the others stay outside the product

MakeWorld = Callable[..., EventsWorld]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("events-sqlite") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "rostersync.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        migrate(url)
        yield url


@pytest.fixture
def clever() -> Iterator[RunningSandbox]:
    with serve_in_thread(Sandbox(seed=7, students=STUDENTS)) as running:
        yield running


@pytest.fixture
def make_world(clever: RunningSandbox, sqlite_url: str) -> Iterator[MakeWorld]:
    """A product whose rostering teachers synced once, then one full district sync."""
    made: list[EventsWorld] = []

    def make(database_url: str | None = None, **settings: Any) -> EventsWorld:
        services = bootstrap.build(settings_for(database_url or sqlite_url, clever.url, **settings))
        world = EventsWorld(clever, services, section_owners(clever.sandbox)[:ROSTERING])
        made.append(world)
        world.start_rostering()
        world.sync()
        return world

    yield make
    for world in made:
        world.close()


@pytest.fixture
def world(make_world: MakeWorld) -> EventsWorld:
    return make_world()
