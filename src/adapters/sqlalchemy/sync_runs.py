"""Sync runs in SQL; storage itself guarantees one queued or running run per teacher."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, Row, bindparam, cast, func, literal, select, text, true, update

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.changeset_json import (
    changeset_from_json,
    changeset_to_json,
    problems_from_json,
    problems_to_json,
)
from adapters.sqlalchemy.json_rows import JsonRows
from adapters.sqlalchemy.tables import ACTIVE_RUN
from adapters.sqlalchemy.tables import sync_runs as runs
from adapters.sqlalchemy.types import JsonDocument
from application.errors import ActiveRunExists
from domain.changeset import SyncCounts
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger

ACTIVE = (SyncStatus.QUEUED.value, SyncStatus.RUNNING.value)


# Statements built once, values passed at execution: the district job runs them per teacher.
UPDATE_RUN = update(runs).where(runs.c.id == bindparam("run_id"))
ACTIVE_RUN_OF = select(runs).where(
    runs.c.teacher_id == bindparam("teacher_id"), runs.c.status.in_(ACTIVE)
)


class SqlAlchemySyncRunRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # One statement, no savepoint: a second active run of the teacher is simply not inserted.
        self._insert = (
            dialect_insert(conn, runs)
            .on_conflict_do_nothing(index_elements=["teacher_id"], index_where=text(ACTIVE_RUN))
            .returning(runs.c.id)
        )

    def add(self, run: SyncRun) -> SyncRun:
        run_id = self.conn.execute(self._insert, run_values(run)).scalar_one_or_none()
        if run_id is None:
            raise ActiveRunExists(run.teacher_id)
        return replace(run, id=run_id)

    def add_many(self, new_runs: Sequence[SyncRun]) -> list[SyncRun | None]:
        """One statement, the runs as one JSON parameter; a teacher with an active run gets no
        row back."""
        if not new_runs:
            return []
        source, insert = _add_runs(self.conn.dialect.name)
        found = source.execute(self.conn, insert, [_row(run) for run in new_runs])
        ids = {row.teacher_id: row.id for row in found}
        return [
            replace(run, id=ids[run.teacher_id]) if run.teacher_id in ids else None
            for run in new_runs
        ]

    def update_many(self, finished: Sequence[SyncRun]) -> None:
        """One statement, the runs as one JSON parameter (no statement per run)."""
        if not finished:
            return
        source, stmt = _update_runs(self.conn.dialect.name)
        source.execute(self.conn, stmt, [[run.id, *_row(run)] for run in finished])

    def update(self, run: SyncRun) -> None:
        assert run.id is not None
        self.conn.execute(UPDATE_RUN, {**run_values(run), "run_id": run.id})

    def get(self, run_id: int) -> SyncRun | None:
        row = self.conn.execute(select(runs).where(runs.c.id == run_id)).first()
        return run_from(row) if row else None

    def active_for_teacher(self, teacher_id: str) -> SyncRun | None:
        row = self.conn.execute(ACTIVE_RUN_OF, {"teacher_id": teacher_id}).first()
        return run_from(row) if row else None

    def latest_for_teacher(self, teacher_id: str, limit: int) -> list[SyncRun]:
        return latest_runs(self.conn, teacher_id, limit)


# The batch statements, built once per SQL dialect: only their JSON parameter changes.
@functools.cache
def _add_runs(dialect: str) -> tuple[JsonRows, Any]:
    source = JsonRows(dialect, [runs.c[name] for name in RUN_COLUMNS])
    picked = select(*_incoming(source)).select_from(source.source).where(true())
    insert = (
        dialect_insert(dialect, runs)
        .from_select(list(RUN_COLUMNS), picked)
        .on_conflict_do_nothing(index_elements=["teacher_id"], index_where=text(ACTIVE_RUN))
        .returning(runs.c.id, runs.c.teacher_id)
    )
    return source, insert


@functools.cache
def _update_runs(dialect: str) -> tuple[JsonRows, Any]:
    source = JsonRows(dialect, [runs.c.id, *(runs.c[name] for name in RUN_COLUMNS)])
    incoming = select(source.c["id"], *_incoming(source)).select_from(source.source).subquery()
    stmt = (
        update(runs)
        .where(runs.c.id == incoming.c.id)
        .values({name: incoming.c[name] for name in RUN_COLUMNS})
    )
    return source, stmt


def latest_runs(conn: Connection, teacher_id: str, limit: int) -> list[SyncRun]:
    query = (
        select(runs).where(runs.c.teacher_id == teacher_id).order_by(runs.c.id.desc()).limit(limit)
    )
    return [run_from(row) for row in conn.execute(query)]


def run_values(run: SyncRun) -> dict[str, Any]:
    return {
        "teacher_id": run.teacher_id,
        "district_id": run.district_id,
        "trigger": run.trigger.value,
        "status": run.status.value,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        **run.counts.as_dict(),
        "problems": problems_to_json(run.problems),
        "message": run.message,
        "held_changes": changeset_to_json(run.held_changes) if run.held_changes else None,
    }


RUN_COLUMNS = tuple(c.name for c in runs.columns if c.name != "id")


def _row(run: SyncRun) -> list[Any]:
    values = run_values(run)
    return [values[name] for name in RUN_COLUMNS]


def _incoming(source: JsonRows) -> list[Any]:
    """The row source's columns; a JSON null read back is SQL NULL (as the column stores it)."""
    return [
        func.nullif(source.c[name], cast(literal("null"), JsonDocument)).label(name)
        if name == "held_changes"
        else source.c[name]
        for name in RUN_COLUMNS
    ]


def run_from(row: Row[Any]) -> SyncRun:
    m = row._mapping
    held = m["held_changes"]
    return SyncRun(
        id=m["id"],
        teacher_id=m["teacher_id"],
        district_id=m["district_id"],
        trigger=SyncTrigger(m["trigger"]),
        status=SyncStatus(m["status"]),
        started_at=m["started_at"],
        finished_at=m["finished_at"],
        counts=SyncCounts(**{name: m[name] for name in SyncCounts().as_dict()}),
        problems=problems_from_json(m["problems"]),
        message=m["message"],
        held_changes=changeset_from_json(held) if held is not None else None,
    )
