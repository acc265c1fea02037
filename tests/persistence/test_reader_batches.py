"""The reader answers a whole DataLoader batch with one statement, however many ids it holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.rosters import snapshot, sync


def _selects(engine: Engine, call: Callable[[], object]) -> int:
    count = 0

    def seen(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        nonlocal count
        count += statement.lstrip().upper().startswith("SELECT")

    event.listen(engine, "before_cursor_execute", seen)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return count


def test_one_statement_for_one_class_or_ten(engine: Engine) -> None:
    teacher = TeacherFactory()
    kids = [StudentFactory() for _ in range(3)]
    sections = [
        SectionFactory(
            teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=tuple(k.id for k in kids)
        )
        for _ in range(10)
    ]
    sync(SqlAlchemyUnitOfWorkFactory(engine), teacher.id, snapshot(sections, [teacher, *kids]))
    reader = SqlAlchemyRosterReader(engine)
    one, ten = [sections[0].id], [s.id for s in sections]
    kid_ids = [k.id for k in kids]

    for batch_method in (
        reader.classes_by_id,
        reader.teachers_for_classes,
        reader.students_for_classes,
        reader.history_for_classes,
    ):
        assert _selects(engine, lambda m=batch_method: m(one)) == 1  # type: ignore[misc]
        assert _selects(engine, lambda m=batch_method: m(ten)) == 1  # type: ignore[misc]
    assert _selects(engine, lambda: reader.classes_for_students(kid_ids)) == 1
    assert _selects(engine, lambda: reader.demographics_for_students(kid_ids)) == 1
    assert _selects(engine, lambda: reader.classes_for_teachers([teacher.id, "x"], True)) == 1
    assert len(reader.students_for_classes(ten)[sections[9].id]) == 3


def test_a_very_long_id_list_is_answered_in_a_few_chunks(engine: Engine) -> None:
    reader = SqlAlchemyRosterReader(engine)
    ids = [f"s{n:023d}" for n in range(12_000)]

    statements = _selects(engine, lambda: reader.students_for_classes(ids))

    assert statements == 3
    assert len(reader.students_for_classes(ids)) == 12_000
