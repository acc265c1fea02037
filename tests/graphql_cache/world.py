"""The web app with its response cache, over memory, SQLite or Postgres storage."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, event
from starlette.testclient import TestClient

from domain.accounts import Account
from domain.snapshot import CleverPerson, CleverSection
from graphql_api.cache import CacheLimits, ResponseCache
from tests.graphql.world import GraphWorld, gql
from tests.persistence.backends import Backend

ROSTER = """{ viewer { classes {
  name gradeLevel studentCount
  teachers { teacher { name } role connected }
  students { name gradeLevel demographics { race } }
} } }"""
VIEWER_ONLY = "{ viewer { id } }"


def cached_world(backend: Backend | None = None, limits: CacheLimits | None = None) -> GraphWorld:
    """A GraphWorld whose app caches responses (storage in memory unless a SQL backend)."""
    storage = (backend.uow, backend.reader) if backend and backend.engine else None
    world = GraphWorld.build(storage=storage)
    world.deps = replace(world.deps, response_cache=ResponseCache(limits or CacheLimits()))
    return world


def cache_of(world: GraphWorld) -> ResponseCache:
    cache = world.deps.response_cache
    assert cache is not None
    return cache


@dataclass
class Roster:
    teacher: CleverPerson
    co_teacher: CleverPerson
    sections: list[CleverSection]
    account: Account
    client: TestClient


def roster(world: GraphWorld, classes: int = 2, students_per_class: int = 3) -> Roster:
    """A synced teacher (with a co-teacher) of ``classes`` classes, signed in."""
    world.grant_district()
    teacher, co_teacher = world.teacher(), world.teacher()
    sections = [
        world.section([teacher, co_teacher], world.students(students_per_class), name=f"C{n}")
        for n in range(classes)
    ]
    account = world.account(teacher)
    world.sync(teacher)
    return Roster(teacher, co_teacher, sections, account, world.signed_in(account))


def answer(client: TestClient, query: str = ROSTER, **variables: object) -> dict[str, Any]:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body


def raw_answer(client: TestClient, query: str = ROSTER) -> bytes:
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    return response.content


def hits(world: GraphWorld) -> float:
    registry = world.app.state.metrics.registry
    return registry.get_sample_value("rostersync_graphql_cache_total", {"outcome": "hit"}) or 0.0


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """Every statement sent to the database meanwhile, as SQLAlchemy sends it."""
    sent: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)
