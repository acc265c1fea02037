from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from application.ports import live_students
from domain.accounts import Account, Role
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.backends import Backend
from tests.persistence.rosters import AT, snapshot, sync


def _two_classes(backend: Backend):  # type: ignore[no-untyped-def]
    owner, co = TeacherFactory(name="Zed Owner"), TeacherFactory(name="Amy Co")
    kids = [StudentFactory(name=n) for n in ("Cy", "Al", "Bo")]
    math = SectionFactory(
        name="Math",
        teacher_id=owner.id,
        teacher_ids=(owner.id, co.id),
        student_ids=tuple(k.id for k in kids),
        grade="Kindergarten",
    )
    art = SectionFactory(
        name="Art",
        teacher_id=owner.id,
        teacher_ids=(owner.id,),
        student_ids=(kids[0].id,),
        grade="",
    )
    sync(backend.uow, owner.id, snapshot([math, art], [owner, co, *kids]))
    return owner, co, kids, math, art


def test_classes_for_teachers_and_students(backend: Backend) -> None:
    owner, co, kids, math, art = _two_classes(backend)

    by_teacher = backend.reader.classes_for_teachers([owner.id, co.id, "nobody"], False)
    by_student = backend.reader.classes_for_students([kids[0].id, kids[1].id])

    assert [(c.name, c.student_count) for c in by_teacher[owner.id]] == [("Art", 1), ("Math", 3)]
    assert [c.id for c in by_teacher[co.id]] == [math.id]
    assert by_teacher["nobody"] == []
    assert sorted(c.id for c in by_student[kids[0].id]) == sorted([math.id, art.id])
    assert [c.id for c in by_student[kids[1].id]] == [math.id]
    view = backend.reader.classes_by_id([math.id, "missing"])
    assert list(view) == [math.id]
    assert (view[math.id].grade_level, view[math.id].owner_id) == ("KINDERGARTEN", owner.id)
    assert view[math.id].last_synced_at == AT


def test_teachers_and_students_of_classes(backend: Backend) -> None:
    owner, co, _, math, art = _two_classes(backend)
    with backend.uow() as uow:
        account = uow.accounts.add(Account(None, Role.TEACHER, "Amy", clever_id=co.id))
        stored = uow.rosters.get_teacher(co.id)
        assert stored is not None
        uow.rosters.save_teacher(replace(stored, account_id=account.id))
        uow.commit()

    teachers = backend.reader.teachers_for_classes([math.id, art.id])
    students = backend.reader.students_for_classes([math.id, art.id])

    assert [(t.name, t.role, t.connected) for t in teachers[math.id]] == [
        ("Zed Owner", "owner", False),
        ("Amy Co", "co_teacher", True),
    ]
    assert [t.teacher_id for t in teachers[art.id]] == [owner.id]
    assert [s.name for s in students[math.id]] == ["Al", "Bo", "Cy"]
    assert students[math.id][0].grade_level == "GRADE_7" and not students[math.id][0].joined


def test_demographics_are_read_and_their_viewing_audited(backend: Backend) -> None:
    _, _, kids, _, _ = _two_classes(backend)
    with backend.uow() as uow:
        viewer = uow.accounts.add(Account(None, Role.TEACHER, "Viewer"))
        uow.commit()
    assert viewer.id is not None

    found = backend.reader.demographics_for_students([kids[0].id, "missing"])
    backend.audit_log.record_demographics_access(viewer.id, [kids[0].id, kids[1].id], AT)

    assert list(found) == [kids[0].id]
    d = found[kids[0].id]
    assert (d.ell_status, d.iep_status, d.hispanic_ethnicity) == (False, True, False)
    assert (d.frl_status, d.race, d.gender) == ("Free", "Asian", "F")
    assert backend.audit_entries() == [(viewer.id, kids[0].id, AT), (viewer.id, kids[1].id, AT)]


def test_sync_runs_newest_first(backend: Backend) -> None:
    owner, *_ = _two_classes(backend)
    second_sync_at = AT + timedelta(hours=1)
    _, last = sync(backend.uow, owner.id, snapshot([], []), second_sync_at)

    runs = backend.reader.sync_runs_for_teacher(owner.id, 10)

    assert len(runs) == 2 and runs[0].id == last
    assert backend.reader.sync_runs_for_teacher(owner.id, 1) == runs[:1]
    assert backend.reader.sync_run(last) == runs[0]
    assert backend.reader.sync_run(last + 100) is None


def test_a_teachers_roster_is_read_whole_and_nothing_is_written(backend: Backend) -> None:
    owner, co, kids, math, art = _two_classes(backend)
    with backend.uow() as uow:
        archived = uow.rosters.get_class(math.id)
        assert archived is not None
        uow.rosters.save_class(replace(archived, archived=True))
        uow.commit()

    live_only = backend.reader.teacher_roster(owner.id, False)
    everything = backend.reader.teacher_roster(owner.id, True)

    assert [c.klass.id for c in live_only.classes] == [art.id]
    assert list(live_only.students) == [art.id]
    assert [c.klass.name for c in everything.classes] == ["Art", "Math"]
    assert [t.teacher_id for t in everything.classes[1].teachers] == [owner.id, co.id]
    math_students = everything.students[math.id]
    assert [e.student.name for e in math_students] == ["Al", "Bo", "Cy"]
    assert math_students[0].demographics.race == "Asian"
    assert backend.audit_entries() == []  # the reader only reads
    # Whose demographics a teacher is shown: the live class's students, not the archived one's.
    assert live_students(everything.classes, everything.students) == [kids[0].id]
