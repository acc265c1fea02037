from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Engine

from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.rosters import snapshot, sync


def test_roster_changes_bump_the_version_and_no_ops_do_not(engine: Engine) -> None:
    uow, reader = SqlAlchemyUnitOfWorkFactory(engine), SqlAlchemyRosterReader(engine)
    teacher, kid = TeacherFactory(), StudentFactory()
    section = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(kid.id,)
    )
    clever = snapshot([section], [teacher, kid])
    start = reader.current_roster_version(teacher.id)

    sync(uow, teacher.id, clever)
    after_sync = reader.current_roster_version(teacher.id)
    sync(uow, teacher.id, clever)
    after_no_op = reader.current_roster_version(teacher.id)
    with uow() as unit:
        klass = unit.rosters.get_class(section.id)
        assert klass is not None
        unit.rosters.save_class(klass.renamed("Studio"))
        unit.commit()
    after_rename = reader.current_roster_version(teacher.id)
    with uow() as unit:
        student = unit.rosters.get_student(kid.id)
        assert student is not None
        unit.rosters.save_student(replace(student, name="Changed"))  # rolled back: no commit

    assert start < after_sync == after_no_op < after_rename
    assert reader.current_roster_version(teacher.id) == after_rename
