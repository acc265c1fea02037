"""Teachers' decisions in SQL: one row per class sync mode (student_id '') or student exception."""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, select, tuple_, update
from sqlalchemy.orm import aliased

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.json_rows import id_list, listed_in
from adapters.sqlalchemy.tables import enrollments, roster_decisions, roster_history, students
from adapters.sqlalchemy.tables import teachers as teacher_rows
from application.ports import ClassDecisionsView, RosterExceptionView
from domain.changeset import ChangeSet
from domain.decisions import ExceptionKind, ModeDecision, StudentException, SyncMode
from domain.roster import RosterState

CLASS_ITSELF = ""  # the student_id of a class's sync-mode row
COMPARED = ("kind", "until", "made_by", "made_at", "waiting", "clever_lists")


def load_decisions(conn: Connection, section_ids: Collection[str], state: RosterState) -> None:
    """The decisions about these classes into ``state``: one statement."""
    if not section_ids:
        return
    found = conn.execute(_decisions_of(conn.dialect.name), {"ids": id_list(conn, section_ids)})
    for row in found.all():
        if row.student_id == CLASS_ITSELF:
            state.modes[row.section_id] = _mode_from(row)
        else:
            state.exceptions.setdefault(row.section_id, {})[row.student_id] = _exception_from(row)


def save_sync_mode(conn: Connection, section_id: str, decision: ModeDecision | None) -> None:
    if decision is None:
        _delete(conn, [(section_id, CLASS_ITSELF)])
        return
    values = {
        "section_id": section_id,
        "student_id": CLASS_ITSELF,
        "kind": decision.mode.value,
        "until": None,
        "made_by": decision.made_by,
        "made_at": decision.made_at,
        "waiting": list(decision.waiting),
        "clever_lists": None,
    }
    _put(conn, values)


def save_exception(conn: Connection, exception: StudentException) -> None:
    values = {
        "section_id": exception.section_id,
        "student_id": exception.student_id,
        "kind": exception.kind.value,
        "until": exception.until,
        "made_by": exception.made_by,
        "made_at": exception.made_at,
        "waiting": None,
        "clever_lists": exception.clever_lists,
    }
    _put(conn, values)


def _put(conn: Connection, values: dict[str, Any]) -> None:
    """One decision row, inserted or replacing the one it outranks."""
    insert = dialect_insert(conn, roster_decisions).values(values)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=["section_id", "student_id"],
            set_={name: insert.excluded[name] for name in COMPARED},
        )
    )


def delete_exception(conn: Connection, section_id: str, student_id: str) -> None:
    _delete(conn, [(section_id, student_id)])


def write_decision_changes(conn: Connection, sets: Sequence[ChangeSet]) -> None:
    """What a sync changed of the decisions: paused classes' waiting notes, lapsed keep-ins."""
    for changes in sets:
        for section_id, notes in changes.waiting:
            conn.execute(
                update(roster_decisions)
                .where(
                    roster_decisions.c.section_id == section_id,
                    roster_decisions.c.student_id == CLASS_ITSELF,
                )
                .values(waiting=list(notes))
            )
    for changes in sets:
        for seen in changes.exceptions_seen:
            conn.execute(
                update(roster_decisions)
                .where(
                    roster_decisions.c.section_id == seen.section_id,
                    roster_decisions.c.student_id == seen.student_id,
                )
                .values(clever_lists=seen.clever_lists)
            )
    _delete(conn, [(e.section_id, e.student_id) for c in sets for e in c.exceptions_ended])


def set_enrolled(
    conn: Connection, section_id: str, student_id: str, active: bool, at: datetime
) -> bool:
    """A teacher's change to one enrollment, with its history entry; False if nothing changed."""
    where = (enrollments.c.section_id == section_id, enrollments.c.student_id == student_id)
    current = conn.execute(select(enrollments.c.active).where(*where)).scalar_one_or_none()
    if current is None or current is active:
        return False
    dropped_at = None if active else at
    conn.execute(update(enrollments).where(*where).values(active=active, dropped_at=dropped_at))
    conn.execute(
        roster_history.insert().values(
            section_id=section_id,
            student_id=student_id,
            action="restored" if active else "dropped",
            sync_run_id=None,
            at=at,
        )
    )
    return True


def decisions_for_classes(
    conn: Connection, section_ids: Collection[str]
) -> dict[str, ClassDecisionsView]:
    """Every class's decisions with the names of the students and teachers: one statement."""
    wanted = set(section_ids)
    found: dict[str, ClassDecisionsView] = {sid: ClassDecisionsView(sid) for sid in wanted}
    if not wanted:
        return found
    rows = conn.execute(_views_of(conn.dialect.name), {"ids": id_list(conn, wanted)}).all()
    exceptions: dict[str, list[RosterExceptionView]] = {}
    for row in rows:
        maker = row.maker_name if row.maker_name is not None else ""
        if row.student_id == CLASS_ITSELF:
            found[row.section_id] = ClassDecisionsView(
                row.section_id,
                row.kind,
                row.made_by,
                maker,
                row.made_at,
                tuple(row.waiting or ()),
            )
            continue
        exceptions.setdefault(row.section_id, []).append(
            RosterExceptionView(
                row.student_id,
                row.student_name if row.student_name is not None else "",
                row.kind,
                row.until,
                row.made_by,
                maker,
                row.made_at,
                row.clever_lists,
            )
        )
    for section_id, listed in exceptions.items():
        found[section_id] = replace(found[section_id], exceptions=tuple(listed))
    return found


@functools.cache
def _decisions_of(dialect: str) -> Any:
    return select(roster_decisions).where(listed_in(roster_decisions.c.section_id, dialect))


@functools.cache
def _views_of(dialect: str) -> Any:
    maker = aliased(teacher_rows)
    return (
        select(
            roster_decisions,
            students.c.name.label("student_name"),
            maker.c.name.label("maker_name"),
        )
        .outerjoin(students, students.c.clever_id == roster_decisions.c.student_id)
        .outerjoin(maker, maker.c.clever_id == roster_decisions.c.made_by)
        .where(listed_in(roster_decisions.c.section_id, dialect))
        .order_by(roster_decisions.c.made_at, roster_decisions.c.student_id)
    )


def _delete(conn: Connection, keys: list[tuple[str, str]]) -> None:
    if keys:
        pair = tuple_(roster_decisions.c.section_id, roster_decisions.c.student_id)
        conn.execute(delete(roster_decisions).where(pair.in_(keys)))


def _mode_from(row: Row[Any]) -> ModeDecision:
    return ModeDecision(
        row.section_id, SyncMode(row.kind), row.made_by, row.made_at, tuple(row.waiting or ())
    )


def _exception_from(row: Row[Any]) -> StudentException:
    return StudentException(
        row.section_id,
        row.student_id,
        ExceptionKind(row.kind),
        row.made_by,
        row.made_at,
        row.until,
        row.clever_lists,
    )
