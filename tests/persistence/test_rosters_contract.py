from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.accounts import Account, Role
from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher, TeacherRole
from domain.demographics import DemographicProfile
from domain.grade_level import GradeLevel
from domain.roster import Class, Student, Teacher
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.backends import Backend
from tests.persistence.rosters import AT, finished_run, snapshot, sync


def test_saved_people_and_classes_read_back_unchanged(backend: Backend) -> None:
    teacher = Teacher("t1", DISTRICT, "Ms Lee", "lee@x.org", ("sch1", "sch2"), None, True)
    student = Student(
        "s1",
        DISTRICT,
        "Kim",
        None,
        GradeLevel("Kindergarten"),
        DemographicProfile(True, False, None, "Reduced", "Asian", None),
    )
    klass = Class("c1", DISTRICT, "sch1", "Algebra", "math", "2", GradeLevel("7"), "t1")
    with backend.uow() as uow:
        uow.rosters.save_teacher(teacher)
        uow.rosters.save_student(student)
        uow.rosters.save_class(klass)
        uow.commit()

    with backend.uow() as uow:
        assert uow.rosters.get_teacher("t1") == teacher
        assert uow.rosters.get_student("s1") == student
        assert uow.rosters.get_class("c1") == klass
        assert uow.rosters.get_class("nope") is None
        assert uow.rosters.rostering_teachers(DISTRICT) == [teacher]


def test_first_sync_creates_classes_memberships_and_enrollments(backend: Backend) -> None:
    owner, co = TeacherFactory(), TeacherFactory()
    kids = [StudentFactory() for _ in range(3)]
    algebra = SectionFactory(
        teacher_id=owner.id, teacher_ids=(owner.id, co.id), student_ids=tuple(k.id for k in kids)
    )
    changes, _ = sync(backend.uow, owner.id, snapshot([algebra], [owner, co, *kids]))

    with backend.uow() as uow:
        state = uow.rosters.load_state({algebra.id}, {owner.id}, {k.id for k in kids})
        assert uow.rosters.section_ids_of_teacher(co.id) == {algebra.id}
    assert changes.counts.classes_created == 1
    assert state.teachers_of == {
        algebra.id: {
            owner.id: CoTeacher(algebra.id, owner.id, TeacherRole.OWNER),
            co.id: CoTeacher(algebra.id, co.id, TeacherRole.CO_TEACHER),
        }
    }
    assert {
        sid: {k: e.active for k, e in seats.items()} for sid, seats in state.enrollments.items()
    } == {algebra.id: dict.fromkeys((k.id for k in kids), True)}
    assert set(state.students) == {k.id for k in kids}
    assert set(state.teachers) == {owner.id, co.id}
    assert state.classes[algebra.id].clever_name == algebra.name
    assert state.teachers[owner.id].rostering_started


def test_load_state_brings_every_class_of_the_teacher(backend: Backend) -> None:
    teacher = TeacherFactory()
    kid = StudentFactory()
    sections = [
        SectionFactory(teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(kid.id,))
        for _ in range(3)
    ]
    sync(backend.uow, teacher.id, snapshot(sections, [teacher, kid]))

    with backend.uow() as uow:
        state = uow.rosters.load_state(set(), {teacher.id}, set())
    assert set(state.classes) == {s.id for s in sections}
    assert set(state.students) == {kid.id}


def test_dropped_student_is_kept_in_history_and_restored(backend: Backend) -> None:
    teacher = TeacherFactory()
    kids = [StudentFactory() for _ in range(3)]
    section = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=tuple(k.id for k in kids)
    )
    people = [teacher, *kids]
    _, first = sync(backend.uow, teacher.id, snapshot([section], people))
    without = replace(section, student_ids=tuple(k.id for k in kids[1:]))
    dropped, second = sync(backend.uow, teacher.id, snapshot([without], people))
    restored, third = sync(backend.uow, teacher.id, snapshot([section], people))

    assert dropped.counts.students_dropped == 1 and restored.counts.students_restored == 1
    history = backend.reader.history_for_classes([section.id])[section.id]
    mine = [(e.action, e.sync_run_id) for e in history if e.student_id == kids[0].id]
    assert mine == [("added", first), ("dropped", second), ("restored", third)]
    assert history[0].student_name == kids[0].name
    roster = backend.reader.students_for_classes([section.id])[section.id]
    assert sorted(v.id for v in roster) == sorted(k.id for k in kids)


def test_vanished_section_archives_its_class_and_return_restores_it(backend: Backend) -> None:
    teacher = TeacherFactory()
    kid = StudentFactory()
    keep, vanish = (
        SectionFactory(teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(kid.id,))
        for _ in range(2)
    )
    sync(backend.uow, teacher.id, snapshot([keep, vanish], [teacher, kid]))

    later = AT + timedelta(days=3)
    archived, _ = sync(
        backend.uow, teacher.id, snapshot([keep], [teacher, kid], gone=[vanish.id]), later
    )
    with backend.uow() as uow:
        assert uow.rosters.get_class(vanish.id).archived  # type: ignore[union-attr]
    visible = backend.reader.classes_for_teachers([teacher.id], include_archived=False)
    assert [c.id for c in visible[teacher.id]] == [keep.id]
    views = backend.reader.classes_by_id([vanish.id, keep.id])
    assert (views[vanish.id].archived_at, views[keep.id].archived_at) == (later, None)
    assert views[vanish.id].district_id == teacher.district_id

    restored, _ = sync(backend.uow, teacher.id, snapshot([keep, vanish], [teacher, kid]))
    assert archived.counts.classes_archived == 1 and restored.counts.classes_restored == 1
    with backend.uow() as uow:
        assert not uow.rosters.get_class(vanish.id).archived  # type: ignore[union-attr]
    assert backend.reader.classes_by_id([vanish.id])[vanish.id].archived_at is None


def test_teacher_removed_from_section_loses_the_class(backend: Backend) -> None:
    owner, co = TeacherFactory(), TeacherFactory()
    section = SectionFactory(teacher_id=owner.id, teacher_ids=(owner.id, co.id))
    sync(backend.uow, owner.id, snapshot([section], [owner, co]))

    changes, _ = sync(
        backend.uow, owner.id, snapshot([replace(section, teacher_ids=(owner.id,))], [owner, co])
    )

    assert changes.co_teachers_removed == 1
    with backend.uow() as uow:
        assert uow.rosters.section_ids_of_teacher(co.id) == set()
        assert uow.rosters.section_ids_of_teacher(owner.id) == {section.id}


def test_custom_class_name_survives_later_syncs(backend: Backend) -> None:
    teacher = TeacherFactory()
    section = SectionFactory(teacher_id=teacher.id, teacher_ids=(teacher.id,), name="Math 7")
    sync(backend.uow, teacher.id, snapshot([section], [teacher]))
    with backend.uow() as uow:
        klass = uow.rosters.get_class(section.id)
        assert klass is not None
        uow.rosters.save_class(klass.renamed("Our Math Club"))
        uow.commit()

    changes, _ = sync(
        backend.uow,
        teacher.id,
        snapshot([replace(section, name="Math 7 (B)", period="4")], [teacher]),
    )

    assert changes.counts.classes_updated == 1
    with backend.uow() as uow:
        klass = uow.rosters.get_class(section.id)
    assert klass is not None
    assert (klass.name, klass.clever_name, klass.period) == ("Our Math Club", "Math 7 (B)", "4")


def test_claims_survive_later_syncs(backend: Backend) -> None:
    teacher, kid = TeacherFactory(), StudentFactory()
    section = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(kid.id,)
    )
    sync(backend.uow, teacher.id, snapshot([section], [teacher, kid]))
    with backend.uow() as uow:
        t_acc = uow.accounts.add(Account(None, Role.TEACHER, "T", clever_id=teacher.id))
        s_acc = uow.accounts.add(Account(None, Role.STUDENT, "S", clever_id=kid.id))
        student, stored_teacher = (
            uow.rosters.get_student(kid.id),
            uow.rosters.get_teacher(teacher.id),
        )
        assert student is not None and stored_teacher is not None
        uow.rosters.save_student(replace(student, account_id=s_acc.id))
        uow.rosters.save_teacher(replace(stored_teacher, account_id=t_acc.id))
        uow.commit()

    renamed = [replace(teacher, name="Dr T"), replace(kid, name="Kim B", grade="8")]
    changes, _ = sync(backend.uow, teacher.id, snapshot([section], renamed))

    assert len(changes.students) == 1 and len(changes.teachers) == 1
    with backend.uow() as uow:
        student, stored_teacher = (
            uow.rosters.get_student(kid.id),
            uow.rosters.get_teacher(teacher.id),
        )
    assert student is not None and stored_teacher is not None
    assert (student.name, student.account_id, str(student.grade)) == ("Kim B", s_acc.id, "8")
    assert (stored_teacher.name, stored_teacher.account_id) == ("Dr T", t_acc.id)
    roster = backend.reader.students_for_classes([section.id])[section.id]
    assert [(v.name, v.joined, v.grade_level) for v in roster] == [("Kim B", True, "GRADE_8")]


def test_second_identical_sync_changes_nothing(backend: Backend) -> None:
    teacher = TeacherFactory()
    kids = [StudentFactory() for _ in range(5)]
    section = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=tuple(k.id for k in kids)
    )
    clever = snapshot([section], [teacher, *kids])
    sync(backend.uow, teacher.id, clever)

    again, _ = sync(backend.uow, teacher.id, clever)

    assert again.writes_nothing


def test_a_stale_change_set_does_not_reset_a_rostering_flag(backend: Backend) -> None:
    teacher = TeacherFactory()
    sync(backend.uow, teacher.id, snapshot([], [teacher]))  # rostering starts
    stale = Teacher(teacher.id, DISTRICT, "New Name", teacher.email, teacher.school_ids)
    with backend.uow() as uow:
        uow.rosters.apply(ChangeSet(teachers=(stale,)), finished_run(backend.uow, teacher.id), AT)
        uow.commit()

    with backend.uow() as uow:
        stored = uow.rosters.get_teacher(teacher.id)
    assert stored is not None and (stored.name, stored.rostering_started) == ("New Name", True)
