"""Drive a roster repository the way a sync does: load state, reconcile, apply, commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from application.ports import UnitOfWorkFactory
from application.sync_state import snapshot_scope
from domain.changeset import ChangeSet
from domain.reconcile import SyncScope, reconcile
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger
from tests.factories import DISTRICT

AT = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


def snapshot(
    sections: Iterable[CleverSection],
    people: Iterable[CleverPerson],
    gone: Iterable[str] = (),
) -> RosterSnapshot:
    return RosterSnapshot(
        sections=tuple(sections),
        people={p.id: p for p in people},
        gone_section_ids=frozenset(gone),
    )


def finished_run(uow: UnitOfWorkFactory, teacher_id: str, district_id: str = DISTRICT) -> int:
    with uow() as unit:
        run = unit.sync_runs.add(
            SyncRun(None, teacher_id, district_id, SyncTrigger.MANUAL, SyncStatus.SUCCEEDED, AT, AT)
        )
        unit.commit()
    assert run.id is not None
    return run.id


def sync(
    uow: UnitOfWorkFactory, teacher_id: str, clever: RosterSnapshot, at: datetime = AT
) -> tuple[ChangeSet, int]:
    """Apply what Clever says to one teacher's classes, as SyncTeacher would."""
    teacher = clever.people.get(teacher_id)
    run_id = finished_run(uow, teacher_id, teacher.district_id if teacher else DISTRICT)
    with uow() as unit:
        known = unit.rosters.section_ids_of_teacher(teacher_id)
        sections, people = snapshot_scope(known, clever)
        state = unit.rosters.load_state(sections, {teacher_id}, people | {teacher_id})
        changes = reconcile(state, clever, SyncScope(frozenset({teacher_id}), True, 1.0, at.date()))
        unit.rosters.apply(changes, run_id, at)
        unit.commit()
    return changes, run_id
