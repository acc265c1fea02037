"""Sync runs in SQL; storage itself guarantees one queued or running run per teacher."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, Row, bindparam, select, text, update

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.changeset_json import (
    changeset_from_json,
    changeset_to_json,
    problems_from_json,
    problems_to_json,
)
from adapters.sqlalchemy.tables import ACTIVE_RUN
from adapters.sqlalchemy.tables import sync_runs as runs
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
        """One statement (insertmanyvalues); a teacher with an active run gets no row back."""
        if not new_runs:
            return []
        insert = self._insert.returning(runs.c.teacher_id)
        rows = self.conn.execute(insert, [run_values(run) for run in new_runs]).all()
        ids = {teacher_id: run_id for run_id, teacher_id in rows}
        return [
            replace(run, id=ids[run.teacher_id]) if run.teacher_id in ids else None
            for run in new_runs
        ]

    def update_many(self, finished: Sequence[SyncRun]) -> None:
        if finished:
            params = [{**run_values(run), "run_id": run.id} for run in finished]
            self.conn.execute(UPDATE_RUN, params)

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
