"""Teachers' decisions on 1 % of a district's classes cost the district job no Clever request
and one SQL statement per batch of teachers to read (the writes are the decisions' own changes)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

import application.sync_district as sync_district
from adapters.sqlalchemy.tables import class_teachers, enrollments
from clever_sandbox.server import RunningSandbox
from domain.decisions import ExceptionKind, ModeDecision, StudentException, SyncMode
from tests.persistence.test_district_batches import District, clever, districts  # noqa: F401

AT = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
BATCH = 5
DECISIONS_TABLE = re.compile(r"\broster_decisions\b")


@contextmanager
def statements(engine: Engine) -> Iterator[Counter[str]]:
    """Statements sent while inside: all of them, and those reading or writing decisions."""
    seen: Counter[str] = Counter()

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen["all"] += 1
        if DECISIONS_TABLE.search(statement):
            seen["select" if statement.lstrip().upper().startswith("SELECT") else "write"] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _decide_on_one_percent(district: District) -> int:
    with district.engine.connect() as conn:
        taught = sorted(set(conn.execute(select(class_teachers.c.section_id)).scalars()))
        count = max(3, len(taught) // 100)
        chosen = taught[:: len(taught) // count][:count]
        seats = conn.execute(
            select(enrollments.c.section_id, enrollments.c.student_id).where(
                enrollments.c.section_id.in_(chosen), enrollments.c.active
            )
        ).all()
        owners = dict(
            conn.execute(select(class_teachers.c.section_id, class_teachers.c.teacher_id)).all()
        )
    first_seat = {}
    for section_id, student_id in seats:
        first_seat.setdefault(section_id, student_id)
    with district.uow() as uow:
        for index, section_id in enumerate(chosen):
            teacher = owners[section_id]
            if index % 3 == 0:
                uow.rosters.save_sync_mode(
                    section_id, ModeDecision(section_id, SyncMode.PAUSED, teacher, AT)
                )
            elif index % 3 == 1:
                uow.rosters.save_sync_mode(
                    section_id, ModeDecision(section_id, SyncMode.ADD_ONLY, teacher, AT)
                )
            elif section_id in first_seat:
                student = first_seat[section_id]
                uow.rosters.save_exception(
                    StudentException(
                        section_id, student, ExceptionKind.KEEP_OUT, teacher, AT, None, True
                    )
                )
                uow.rosters.set_enrolled(section_id, student, False, AT)
        uow.commit()
    return len(chosen)


def test_decisions_add_no_clever_request_and_one_read_per_batch(
    clever: RunningSandbox,  # noqa: F811
    districts: tuple[District, ...],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_district, "TEACHERS_PER_BATCH", BATCH)
    decided, plain = districts[:2]
    sandbox = clever.sandbox
    decided.in_batches()
    plain.in_batches()
    assert _decide_on_one_percent(decided) >= 3
    with decided.uow() as uow:
        teachers = len(uow.rosters.rostering_teachers(decided.district_id))
    batches = -(-teachers // BATCH)

    sandbox.change_fraction(0.05, seed=5)
    requests = []
    counted = []
    for district in (decided, plain):
        before = sandbox.requests.total
        with statements(district.engine) as seen:
            district.in_batches()
        requests.append(sandbox.requests.total - before)
        counted.append(seen)

    with_decisions, without = counted
    assert requests[0] == requests[1]
    assert with_decisions["select"] == without["select"] == batches
    # Beyond the one read per batch, the decisions cost only their own writes: what a paused
    # class now has waiting, whether Clever still lists a kept-out student.
    assert without["write"] == 0
    assert with_decisions["all"] - with_decisions["write"] <= without["all"]
