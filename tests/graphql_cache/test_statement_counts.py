"""A roster query (7 classes of 35 students, their teachers, grades and one demographic field)
costs the same few statements as one class of one, on SQLite and Postgres, with the response
cache on or off: one read of the classes with their teachers, one of the students with their
grades and demographics, and the audit insert (one transaction), beyond looking up who is
signed in.

Statements are counted as SQLAlchemy sends them. SQLite also gets a BEGIN per transaction
(Postgres opens its transactions implicitly); those are counted apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from graphql_api.cache import CacheLimits
from tests.graphql.world import GraphWorld
from tests.graphql_cache.world import (
    ROSTER,
    VIEWER_ONLY,
    answer,
    cached_world,
    roster,
    statements,
)
from tests.persistence.backends import sql_backend

Cost = tuple[list[str], int]  # (the kinds of statement beyond the session lookup, BEGINs)


def roster_cost(engine: Engine, cached: bool, classes: int, students_per_class: int) -> Cost:
    backend = sql_backend(engine.dialect.name, engine)
    world = (
        cached_world(backend) if cached else GraphWorld.build(storage=(backend.uow, backend.reader))
    )
    signed_in = roster(world, classes, students_per_class).client
    session_lookup: list[str] = []
    if not cached:  # the view looks the viewer up as it does for any request
        with statements(engine) as session_lookup:
            answer(signed_in, VIEWER_ONLY)
    with statements(engine) as sent:
        viewer = answer(signed_in, ROSTER)["data"]["viewer"]
    if cached:  # the cache's lookup reads the viewer with the roster version, in one statement
        session_lookup = [s for s in sent if "roster_version" in s]
        session_lookup += ["BEGIN"] * (engine.dialect.name == "sqlite")

    assert len(viewer["classes"]) == classes
    assert [len(c["students"]) for c in viewer["classes"]] == [students_per_class] * classes
    assert all(s["demographics"]["race"] for c in viewer["classes"] for s in c["students"])
    beyond = _kinds(sent)
    for kind in _kinds(session_lookup):
        beyond.remove(kind)
    begins = _begins(sent) - _begins(session_lookup)
    return beyond, begins


def _kinds(sent: list[str]) -> list[str]:
    return [s.split()[0].upper() for s in sent if not s.upper().startswith("BEGIN")]


def _begins(sent: list[str]) -> int:
    return sum(1 for s in sent if s.upper().startswith("BEGIN"))


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "cache-miss"])
def test_a_roster_costs_two_reads_and_the_audit_at_any_size(engine: Engine, cached: bool) -> None:
    small = roster_cost(engine, cached, 1, 1)
    large = roster_cost(engine, cached, 7, 35)

    assert large == small
    kinds, begins = large
    assert kinds == ["SELECT", "SELECT", "INSERT"]
    assert begins == (1 if engine.dialect.name == "sqlite" else 0)  # one transaction


def test_a_cache_hit_costs_one_read_of_the_version_and_the_audit_of_what_it_shows(
    engine: Engine,
) -> None:
    """With a zero audit window every repeat writes its own entries. SQLite reads the version
    again (its data_version moved with the first read's audit insert); Postgres knows from its
    notifications that nothing a roster shows was written, and only inserts."""
    limits = CacheLimits(audit_window=timedelta(0))
    world = cached_world(sql_backend(engine.dialect.name, engine), limits)
    signed_in = roster(world, 7, 35).client
    first = answer(signed_in, ROSTER)

    with statements(engine) as hit:
        again = answer(signed_in, ROSTER)

    assert again == first
    sent = [s for s in hit if not s.upper().startswith("BEGIN")]
    if engine.dialect.name == "sqlite":
        assert _kinds(hit) == ["SELECT", "INSERT"]
        assert "roster_version" in sent[0]
    else:
        assert _kinds(hit) == ["INSERT"]
    assert "demographics_audit" in sent[-1]


def test_within_an_audit_window_a_cache_hit_reads_the_version_at_most(engine: Engine) -> None:
    """The version is read again only when something was committed since the last read: on
    SQLite any commit (the first read's audit insert was one), on Postgres a write to what a
    roster answer shows (the audit is not)."""
    limits = CacheLimits(audit_window=timedelta(seconds=60))
    world = cached_world(sql_backend(engine.dialect.name, engine), limits)
    signed_in = roster(world, 7, 35).client
    first = answer(signed_in, ROSTER)

    with statements(engine) as after_an_audit:
        again = answer(signed_in, ROSTER)
    with statements(engine) as after_nothing:
        third = answer(signed_in, ROSTER)

    assert again == third == first
    if engine.dialect.name == "sqlite":
        assert _kinds(after_an_audit) == ["SELECT"] and "roster_version" in after_an_audit[-1]
    else:
        assert _kinds(after_an_audit) == []
    assert _kinds(after_nothing) == []
