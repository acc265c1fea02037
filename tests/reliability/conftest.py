"""Fixtures: a Clever sandbox of its own per test, and each SQL database the product runs on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from tests.reliability.databases import (
    BACKENDS,
    empty_every_table,
    migrated_postgres,
    migrated_sqlite,
    sqlite_copy,
)
from tests.reliability.deployment import Deployment
from tests.reliability.live_app import LiveProduct, school_of, sign_in_everyone

# Generous: hypothesis and fault sweeps send far more than a real teacher would in a minute.
NO_RATE_LIMIT = 1_000_000


@pytest.fixture
def clever() -> Iterator[RunningSandbox]:
    """A small district of its own (faults and changes never leak between tests)."""
    sandbox = Sandbox(seed=3, students=150, rate_limit_per_minute=NO_RATE_LIMIT)
    with serve_in_thread(sandbox) as running:
        yield running


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated_sqlite(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with migrated_postgres() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database: a SQLite file, then Postgres."""
    if request.param == "sqlite":
        return sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
    url: str = request.getfixturevalue("postgres_url")
    empty_every_table(url)
    return url


@pytest.fixture
def deploy(database_url: str, clever: RunningSandbox) -> Iterator[Callable[..., Deployment]]:
    """Builds the product on this test's database and sandbox; closes what it built."""
    built: list[Deployment] = []

    def build(**overrides: object) -> Deployment:
        deployment = Deployment.build(database_url, clever, **overrides)
        built.append(deployment)
        return deployment

    yield build
    for deployment in built:
        deployment.close()


@pytest.fixture(scope="module", params=BACKENDS)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveProduct]:
    """The production-mode web app of a module, with both teachers synced and everyone signed in
    through Clever; on SQLite, then Postgres."""
    if request.param == "sqlite":
        url = f"sqlite:///{migrated_sqlite(tmp_path_factory.mktemp('live'))}"
    else:
        url = request.getfixturevalue("postgres_url")
        empty_every_table(url)
    sandbox = Sandbox(seed=3, students=150, rate_limit_per_minute=NO_RATE_LIMIT)
    with serve_in_thread(sandbox) as clever:
        product = LiveProduct.start(url, clever, env="production")
        sign_in_everyone(product, school_of(clever))
        yield product
        product.close()
