"""The roster writes ``bench.persistence`` times: for each, the rows it is given at a size, how
the tables are put back between runs, and the ways of writing it (hand-written or library)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Table, or_, update

from adapters.sqlalchemy import roster_apply, roster_writes
from adapters.sqlalchemy.audit_log import record_access
from adapters.sqlalchemy.batches import upsert
from adapters.sqlalchemy.tables import (
    class_teachers,
    classes,
    demographics_audit,
    enrollments,
    roster_history,
    students,
    teachers,
)
from bench import persistence_json as hand_written
from bench import persistence_library as library
from bench.persistence_rows import (
    AT,
    empty,
    execute,
    held,
    klass,
    load,
    membership,
    seat,
    student,
    teacher,
)
from domain.term import ArchiveReason

Run = Callable[[Connection, Any], Any]  # a way of writing: what it returns is compared too


@dataclass(frozen=True)
class Method:
    name: str
    run: Run
    postgres_only: bool = False


@dataclass
class Case:
    name: str
    table: Table  # compared row for row after each way of writing
    given: Callable[[int], Any]  # the input at a size
    prepare: Callable[[Engine, int], None]  # rows the case needs, loaded once per size
    reset: Callable[[Engine, int], None]  # before every run
    methods: list[Method] = field(default_factory=list)


def _upserts(table: Table, make: Callable[[int], dict[str, Any]], fresh: bool) -> Case:
    key = [c.name for c in table.primary_key.columns]
    extra: dict[str, Any] = {}
    compared: tuple[str, ...]
    if table is teachers:
        compared = roster_apply.TEACHER_FIELDS
        extra["merged"] = {"rostering_started": or_}
    elif table is students:
        compared = roster_apply.STUDENT_FIELDS
    else:
        compared = roster_apply.CLASS_FIELDS
        extra["also_set"] = ["last_synced_at"]

    def given(size: int) -> list[dict[str, Any]]:
        return [make(i) for i in range(size)]

    def prepare(engine: Engine, size: int) -> None:
        if held(engine, table) != size:
            empty(engine, table)
            load(engine, table, given(size))

    def reset(engine: Engine, size: int) -> None:
        if fresh:
            empty(engine, table)

    kind = "all new" if fresh else "all unchanged"
    return Case(
        f"upsert {table.name}, {kind}",
        table,
        given,
        (lambda engine, size: None) if fresh else prepare,
        reset,
        [
            Method("JSON rows", lambda c, rows: upsert(c, table, rows, key, compared, **extra)),
            Method(
                "executemany",
                lambda c, rows: library.upsert(c, table, rows, key, compared, **extra),
            ),
        ],
    )


def _archive() -> Case:
    def reset(engine: Engine, size: int) -> None:
        back = update(classes).where(classes.c.archived)
        back = back.values(archived=False, archived_at=None, archived_reason=None)
        execute(engine, back, vacuum="classes")

    gone = ArchiveReason.SECTION_GONE
    return Case(
        "archive classes by id list",
        classes,
        lambda size: [klass(i)["section_id"] for i in range(size)],
        lambda engine, size: None,
        reset,
        [
            Method("JSON rows", lambda c, ids: hand_written.set_archived(c, ids, True, AT, gone)),
            Method(
                "= ANY / json_each id list",
                lambda c, ids: roster_writes.set_archived(c, ids, True, AT, gone),
            ),
            Method(
                "IN (expanding)", lambda c, ids: library.set_archived_in(c, ids, True, AT, gone)
            ),
            Method("executemany", lambda c, ids: library.set_archived_many(c, ids, True, AT, gone)),
        ],
    )


def _enroll() -> Case:
    return Case(
        "enroll (upsert, RETURNING)",
        enrollments,
        lambda size: [seat(k) for k in range(size)],
        lambda engine, size: None,
        lambda engine, size: empty(engine, enrollments),
        [
            Method("JSON rows", lambda c, pairs: roster_writes.enroll(c, pairs, AT)),
            Method("insertmanyvalues", lambda c, pairs: library.enroll(c, pairs, AT)),
        ],
    )


def _drop() -> Case:
    def prepare(engine: Engine, size: int) -> None:
        if held(engine, enrollments) != size:
            empty(engine, enrollments)
            rows = [
                {"section_id": s, "student_id": st, "active": True, "enrolled_at": AT}
                for s, st in (seat(k) for k in range(size))
            ]
            load(engine, enrollments, rows)

    def reset(engine: Engine, size: int) -> None:
        back = update(enrollments).where(~enrollments.c.active)
        execute(engine, back.values(active=True, dropped_at=None), vacuum="enrollments")

    return Case(
        "drop enrollments (UPDATE, RETURNING)",
        enrollments,
        lambda size: [seat(k) for k in range(size)],
        prepare,
        reset,
        [
            Method("JSON rows", lambda c, pairs: roster_writes.set_active(c, pairs, False, AT)),
            Method("tuple IN", lambda c, pairs: library.set_active(c, pairs, False, AT)),
        ],
    )


def _add_memberships() -> Case:
    return Case(
        "add co-teachers (INSERT, ON CONFLICT DO NOTHING)",
        class_teachers,
        lambda size: [membership(k) for k in range(size)],
        lambda engine, size: None,
        lambda engine, size: empty(engine, class_teachers),
        [
            Method("JSON rows", roster_writes.add_memberships),
            Method("executemany", library.add_memberships),
        ],
    )


def _memberships() -> Case:
    def reset(engine: Engine, size: int) -> None:
        empty(engine, class_teachers)
        pairs = (membership(k) for k in range(size))
        load(engine, class_teachers, [{"section_id": s, "teacher_id": t} for s, t in pairs])

    return Case(
        "remove co-teachers (DELETE by pairs)",
        class_teachers,
        lambda size: [membership(k) for k in range(size)],
        lambda engine, size: None,
        reset,
        [
            Method("JSON rows", roster_writes.remove_memberships),
            Method("tuple IN", library.remove_memberships_in),
            Method("executemany", library.remove_memberships_many),
        ],
    )


def _history() -> Case:
    def given(size: int) -> list[tuple[str, str, str, int]]:
        return [(*seat(k), "added", 1) for k in range(size)]

    return Case(
        "roster history (append)",
        roster_history,
        given,
        lambda engine, size: None,
        lambda engine, size: empty(engine, roster_history),
        [
            Method("JSON rows", lambda c, rows: roster_writes.insert_history(c, rows, AT)),
            Method("executemany", lambda c, rows: library.history_many(c, rows, AT)),
            Method("COPY", lambda c, rows: library.history_copy(c, rows, AT), postgres_only=True),
        ],
    )


def _audit() -> Case:
    return Case(
        "demographics audit (append)",
        demographics_audit,
        lambda size: [f"s{k:07d}" for k in range(size)],
        lambda engine, size: None,
        lambda engine, size: empty(engine, demographics_audit),
        [
            Method("id array / json_each", lambda c, ids: record_access(c, 1, ids, AT)),
            Method("executemany", lambda c, ids: library.audit_many(c, 1, ids, AT)),
            Method("COPY", lambda c, ids: library.audit_copy(c, 1, ids, AT), postgres_only=True),
        ],
    )


def all_cases() -> list[Case]:
    """In order: each leaves the rows the next ones need (students, teachers, classes,
    enrollments)."""
    return [
        _upserts(students, student, fresh=True),
        _upserts(students, student, fresh=False),
        _upserts(teachers, teacher, fresh=True),
        _upserts(teachers, teacher, fresh=False),
        _upserts(classes, klass, fresh=True),
        _upserts(classes, klass, fresh=False),
        _archive(),
        _enroll(),
        _drop(),
        _add_memberships(),
        _memberships(),
        _history(),
        _audit(),
    ]
