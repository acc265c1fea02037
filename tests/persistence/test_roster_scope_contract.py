"""The narrow reads an events sync makes: who sits where (ids only), who is stored, and a
state that carries the rosters of the changed classes alone."""

from __future__ import annotations

from dataclasses import replace

from domain.co_teacher import CoTeacher, TeacherRole
from domain.enrollment import Enrollment
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.backends import Backend
from tests.persistence.rosters import snapshot, sync


def test_sections_of_people_names_live_classes_taught_or_attended(backend: Backend) -> None:
    teacher, other = TeacherFactory(), TeacherFactory()
    stays, leaves = StudentFactory(), StudentFactory()
    kept, vanishing = (
        SectionFactory(
            teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(stays.id, leaves.id)
        )
        for _ in range(2)
    )
    people = [teacher, other, stays, leaves]
    sync(backend.uow, teacher.id, snapshot([kept, vanishing], people))
    without = replace(kept, student_ids=(stays.id,))
    sync(backend.uow, teacher.id, snapshot([without], people, gone=[vanishing.id]))

    with backend.uow() as uow:
        found = uow.rosters.sections_of_people([teacher.id, stays.id, leaves.id, other.id, "x"])
    # The archived class counts for nobody; a dropped student no longer sits in the class.
    assert found == {teacher.id: {kept.id}, stays.id: {kept.id}}


def test_stored_people_are_told_apart_from_unknown_ids(backend: Backend) -> None:
    teacher, kid = TeacherFactory(), StudentFactory()
    section = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(kid.id,)
    )
    sync(backend.uow, teacher.id, snapshot([section], [teacher, kid]))

    with backend.uow() as uow:
        assert uow.rosters.stored_people([teacher.id, kid.id, "never-seen"]) == {teacher.id, kid.id}
        assert uow.rosters.stored_people([]) == set()


def test_load_state_reads_rosters_only_of_the_sections_asked_for(backend: Backend) -> None:
    teacher, co = TeacherFactory(), TeacherFactory()
    changed_kid, other_kid = StudentFactory(), StudentFactory()
    changed = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(changed_kid.id,)
    )
    untouched = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id, co.id), student_ids=(other_kid.id,)
    )
    sync(
        backend.uow,
        teacher.id,
        snapshot([changed, untouched], [teacher, co, changed_kid, other_kid]),
    )

    with backend.uow() as uow:
        state = uow.rosters.load_state((), {teacher.id}, (), rosters_of={changed.id})
    # Every class of the teacher with its teachers (the mass-change hold counts them) ...
    assert set(state.classes) == {changed.id, untouched.id}
    assert state.teachers_of == {
        changed.id: {teacher.id: CoTeacher(changed.id, teacher.id, TeacherRole.OWNER)},
        untouched.id: {
            teacher.id: CoTeacher(untouched.id, teacher.id, TeacherRole.OWNER),
            co.id: CoTeacher(untouched.id, co.id, TeacherRole.CO_TEACHER),
        },
    }
    # ... but the enrollments and students of the changed class alone.
    assert state.enrollments == {
        changed.id: {changed_kid.id: Enrollment(changed.id, changed_kid.id)}
    }
    assert set(state.students) == {changed_kid.id}
    assert set(state.teachers) == {teacher.id, co.id}


def test_load_state_without_records_reads_ids_only(backend: Backend) -> None:
    teacher, kid = TeacherFactory(), StudentFactory()
    section = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(kid.id,)
    )
    sync(backend.uow, teacher.id, snapshot([section], [teacher, kid]))

    with backend.uow() as uow:
        state = uow.rosters.load_state({section.id}, (), {kid.id}, (), records=False)
    assert {sid: set(members) for sid, members in state.teachers_of.items()} == {
        section.id: {teacher.id}
    }
    assert state.enrollments == {}
    assert state.students == {} and state.teachers == {}


def test_load_state_brings_the_reached_classes_whole_and_the_teachers_other_live_ones_as_ids(
    backend: Backend,
) -> None:
    teacher, co, colleague = TeacherFactory(), TeacherFactory(), TeacherFactory()
    kid = StudentFactory()
    reached, shared, gone = (
        SectionFactory(teacher_id=teacher.id, teacher_ids=ids, student_ids=(kid.id,))
        for ids in ((teacher.id,), (teacher.id, co.id), (teacher.id,))
    )
    theirs = SectionFactory(
        teacher_id=colleague.id, teacher_ids=(colleague.id,), student_ids=(kid.id,)
    )
    people = [teacher, co, colleague, kid]
    sync(backend.uow, teacher.id, snapshot([reached, shared, gone], people))
    sync(backend.uow, teacher.id, snapshot([reached, shared], people, gone=[gone.id]))
    sync(backend.uow, colleague.id, snapshot([theirs], people))

    with backend.uow() as uow:
        state = uow.rosters.load_state(
            {theirs.id}, {teacher.id, co.id}, (), {reached.id}, records=False, reached={reached.id}
        )
    # The reached class and the one named come whole, with their teachers ...
    assert set(state.classes) == {reached.id, theirs.id}
    assert {sid: set(members) for sid, members in state.teachers_of.items()} == {
        reached.id: {teacher.id},
        theirs.id: {colleague.id},
    }
    assert state.enrollments == {reached.id: {kid.id: Enrollment(reached.id, kid.id)}}
    # ... the teachers' other live classes as ids (the archived one not at all).
    assert state.live_by_id == {teacher.id: {shared.id}, co.id: {shared.id}}

    with backend.uow() as uow:
        whole = uow.rosters.load_state((), {teacher.id}, (), records=False)
    assert set(whole.classes) == {reached.id, shared.id, gone.id}
    assert whole.live_by_id == {}
