"""The web app over memory, SQLite or Postgres storage, with the matching session store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, event
from starlette.testclient import TestClient

import bootstrap
from adapters.memory.runtime import FakeClock, FakeSyncLock
from adapters.settings import Settings
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from adapters.sqlalchemy.web_sessions import SqlAlchemySessionStore
from application.sync_teacher import SyncTeacherCommand
from domain.accounts import Account
from domain.snapshot import CleverPerson, CleverSection
from graphql_api.session import SESSION_COOKIE
from tests.graphql.world import LIFETIME, PUBLIC_URL, GraphWorld, gql
from tests.persistence.backends import Backend

ROSTER = """{ viewer { classes {
  name gradeLevel studentCount
  teachers { teacher { name } role connected }
  students { name gradeLevel demographics { race } }
} } }"""
CLASS = "query($id: ID!) { class(id: $id) { name students { name demographics { race } } } }"


def world_on(backend: Backend | None = None) -> GraphWorld:
    """A GraphWorld on this storage; its sessions live in the same database."""
    if backend is None:
        return GraphWorld.build()
    if backend.engine is None:
        return GraphWorld.build(storage=(backend.uow, backend.reader, backend.audit_log))
    engine = backend.engine

    def sessions(clock: FakeClock) -> SqlAlchemySessionStore:
        return SqlAlchemySessionStore(engine, clock, LIFETIME)

    storage = (backend.uow, backend.reader, backend.audit_log)
    return GraphWorld.build(storage=storage, sessions=sessions)


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


def with_cookie(world: GraphWorld, cookie: str) -> TestClient:
    """Another browser holding a copy of this session cookie."""
    client = world.client()
    client.cookies.set(SESSION_COOKIE, cookie, domain=urlsplit(PUBLIC_URL).hostname or "")
    return client


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


def sync_elsewhere(world: GraphWorld, engine: Engine, teacher_id: str) -> None:
    """Another process's sync: a new engine on the same database, sharing nothing (its clock
    is the world's, so syncs elsewhere and here agree on the date)."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        services = bootstrap.wire(
            Settings(),
            uow=SqlAlchemyUnitOfWorkFactory(other),
            reader=SqlAlchemyRosterReader(other),
            directory=world.clever,
            clock=world.clock,
            lock=FakeSyncLock(),
        )
        services.sync_teacher(SyncTeacherCommand(teacher_id))
    finally:
        other.dispose()
