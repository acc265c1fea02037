"""A repeat roster read is answered from memory after this request's own checks (its session,
read with the viewer and the roster version in one statement), audited by the one audit rule, and
never after the roster changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from adapters.memory.sessions import FakeSessionStore
from application.demographics_audit import DemographicsAudit
from tests.graphql.world import GraphWorld
from tests.persistence.backends import Backend, sql_backend
from tests.request_path.world import ROSTER, answer, roster, statements, world_on

VIEWER_ONLY = "{ viewer { id } }"
PREMIUM = "{ viewer { premium classes { name } } }"


def with_window(world: GraphWorld, seconds: int) -> None:
    log = world.deps.demographics_audit.recorder
    world.deps.audit = DemographicsAudit(log, timedelta(seconds=seconds))


def test_a_repeat_reads_only_its_session_with_the_viewer_and_the_version(
    backend: Backend,
) -> None:
    """The SQL session store reads the viewer and the version in the session's own statement;
    the in-memory one asks the reader, once."""
    world = world_on(backend)
    setup = roster(world, 2, 3)
    first = answer(setup.client, ROSTER)
    world.reader.calls.clear()

    assert answer(setup.client, ROSTER) == first

    expected = {"roster_version_and_viewer": 1} if backend.engine is None else {}
    assert dict(world.reader.calls) == expected


def test_a_query_the_version_does_not_cover_always_runs(backend: Backend) -> None:
    world = world_on(backend)
    setup = roster(world, 1, 1)
    answer(setup.client, PREMIUM)
    world.reader.calls.clear()

    answer(setup.client, PREMIUM)

    assert world.reader.calls["teacher_roster"] == 0  # the names come from loaders
    assert world.reader.calls["taught_classes_for_teachers"] == 1  # read again


def test_another_viewer_never_gets_a_remembered_answer(backend: Backend) -> None:
    world = world_on(backend)
    setup = roster(world, 1, 2)
    answer(setup.client, ROSTER)
    co_teacher = world.signed_in(world.account(setup.co_teacher))

    shown = answer(co_teacher, ROSTER)["data"]["viewer"]["classes"]

    assert [c["name"] for c in shown] == ["C0"]
    teachers = {t["teacher"]["name"]: t["connected"] for t in shown[0]["teachers"]}
    assert teachers == {setup.teacher.name: True, setup.co_teacher.name: True}


@pytest.mark.parametrize(("window", "entries"), [(0, 3), (60, 1)])
def test_every_answer_is_audited_by_the_one_rule(
    backend: Backend, window: int, entries: int
) -> None:
    """Three identical answers showing two students' demographics: a zero window writes
    entries for each, a minute's window covers the repeats with the first read's entries."""
    world = world_on(backend)
    with_window(world, window)
    setup = roster(world, 1, 2)
    before = len(backend.audit_entries())

    for _ in range(3):
        answer(setup.client, ROSTER)

    assert len(backend.audit_entries()) - before == 2 * entries
    world.clock.advance(seconds=61)
    answer(setup.client, ROSTER)
    assert len(backend.audit_entries()) - before == 2 * (entries + 1)


def test_statements_per_roster_query(engine: Engine) -> None:
    """The session's statement brings the viewer with the version; beyond it, the classes,
    the students and the audit insert when the roster is read, and nothing on a repeat."""
    backend = sql_backend(engine.dialect.name, engine)
    world = world_on(backend)
    with_window(world, 60)
    setup = roster(world, 7, 35)
    answer(setup.client, VIEWER_ONLY)

    with statements(engine) as first:
        answer(setup.client, ROSTER)
    with statements(engine) as repeat:
        answer(setup.client, ROSTER)

    def kinds(sent: list[str]) -> list[str]:
        shown = [s for s in sent if "web_sessions" not in s and not s.startswith("BEGIN")]
        return [s.split()[0].upper() for s in shown]

    assert kinds(first) == ["SELECT", "SELECT", "INSERT"]
    assert kinds(repeat) == []
    session = [s for s in repeat if "web_sessions" in s]
    assert len(session) == 1 and "roster_version" in session[0]  # looked up again, with both


def test_a_session_store_that_brings_no_viewer_has_it_read_by_the_request() -> None:
    world = GraphWorld.build()
    store = world.deps.sessions
    assert isinstance(store, FakeSessionStore)
    store.viewers = None
    setup = roster(world, 1, 2)
    first = answer(setup.client, ROSTER)
    world.reader.calls.clear()

    assert answer(setup.client, ROSTER) == first

    assert dict(world.reader.calls) == {"roster_version_and_viewer": 1}
