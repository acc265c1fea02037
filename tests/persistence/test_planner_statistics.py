"""After bulk roster writes PostgreSQL plans from fresh statistics, not from guesses."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, Engine, text

from adapters.sqlalchemy import statistics
from adapters.sqlalchemy.statistics import PlannerStatistics
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.rosters import snapshot, sync

STUDENTS = 40  # a first sync writes 2 rows per student (enrollment, history) and more


def _uow(engine: Engine, stats: PlannerStatistics) -> object:
    return lambda: SqlAlchemyUnitOfWork(engine, stats)


def _sync_a_class(engine: Engine, stats: PlannerStatistics) -> str:
    teacher = TeacherFactory()
    kids = [StudentFactory() for _ in range(STUDENTS)]
    section = SectionFactory(teacher_id=teacher.id, student_ids=tuple(k.id for k in kids))
    sync(_uow(engine, stats), teacher.id, snapshot([section], [teacher, *kids]))  # type: ignore[arg-type]
    return section.id


def _analyses(engine: Engine, table: str) -> int:
    """How often the table was analysed by hand (the test database outlives one test)."""
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))
        found = conn.execute(
            text("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = :t"), {"t": table}
        ).scalar_one()
    return int(found)


def _planned_rows(conn: Connection, table: str) -> float:
    found = conn.execute(
        text("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)"), {"t": table}
    ).scalar_one()
    return float(found)


def test_a_sync_that_wrote_many_rows_leaves_the_planner_counting_them(
    postgres_engine: Engine,
) -> None:
    tables = ("enrollments", "roster_history", "students")
    before = {table: _analyses(postgres_engine, table) for table in tables}

    _sync_a_class(postgres_engine, PlannerStatistics(min_rows=50))

    assert {table: _analyses(postgres_engine, table) - before[table] for table in tables} == {
        table: 1 for table in tables
    }
    with postgres_engine.connect() as conn:
        assert _planned_rows(conn, "enrollments") == STUDENTS


def test_a_small_sync_leaves_the_statistics_to_autovacuum(postgres_engine: Engine) -> None:
    before = _analyses(postgres_engine, "enrollments")

    _sync_a_class(postgres_engine, PlannerStatistics(min_rows=10_000))

    assert _analyses(postgres_engine, "enrollments") == before


def test_the_tables_are_analysed_again_only_once_they_grew_by_the_scale(
    postgres_engine: Engine,
) -> None:
    stats = PlannerStatistics(min_rows=50, scale=10.0)
    before = _analyses(postgres_engine, "enrollments")
    _sync_a_class(postgres_engine, stats)
    after_first = _analyses(postgres_engine, "enrollments")
    assert after_first == before + 1

    _sync_a_class(postgres_engine, stats)  # as many rows again: far from ten times the tables

    assert _analyses(postgres_engine, "enrollments") == after_first


def test_rows_stay_committed_when_the_statistics_cannot_be_gathered(
    postgres_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(conn: Connection) -> float:
        raise RuntimeError("permission denied to analyse")

    monkeypatch.setattr(statistics, "_analyse", refused)
    section_id = _sync_a_class(postgres_engine, PlannerStatistics(min_rows=50))

    with postgres_engine.connect() as conn:
        seats = conn.execute(
            text("SELECT count(*) FROM enrollments WHERE section_id = :s"), {"s": section_id}
        ).scalar_one()
    assert seats == STUDENTS


def test_sqlite_needs_no_statistics_to_pick_its_indexes(sqlite_engine: Engine) -> None:
    _sync_a_class(sqlite_engine, PlannerStatistics(min_rows=50))

    with sqlite_engine.connect() as conn:
        stat_tables = conn.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        ).scalar_one()
    assert stat_tables == 0
