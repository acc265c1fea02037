"""Teachers' decisions about classes, read from the in-memory store."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from adapters.memory.store import MemoryStore
from application.ports import ClassDecisionsView, RosterExceptionView
from domain.decisions import StudentException


def decisions_for_classes(
    store: MemoryStore, section_ids: Collection[str]
) -> dict[str, ClassDecisionsView]:
    found: dict[str, ClassDecisionsView] = {}
    for section_id in section_ids:
        mode = store.modes.get(section_id)
        exceptions = tuple(
            RosterExceptionView(
                student_id=e.student_id,
                student_name=_name(store, e.student_id),
                kind=e.kind.value,
                until=e.until,
                made_by_id=e.made_by,
                made_by_name=_name(store, e.made_by),
                made_at=e.made_at,
                clever_lists=e.clever_lists,
            )
            for e in sorted(store.exceptions.get(section_id, {}).values(), key=_order)
        )
        if mode is None:
            found[section_id] = ClassDecisionsView(section_id, exceptions=exceptions)
            continue
        found[section_id] = ClassDecisionsView(
            section_id,
            mode.mode.value,
            mode.made_by,
            _name(store, mode.made_by),
            mode.made_at,
            mode.waiting,
            exceptions,
        )
    return found


def _order(exception: StudentException) -> tuple[datetime, str]:
    return (exception.made_at, exception.student_id)


def _name(store: MemoryStore, clever_id: str) -> str:
    person = store.students.get(clever_id) or store.teachers.get(clever_id)
    return person.name if person else ""
