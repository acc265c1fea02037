"""Retention on every storage implementation, with an injected clock: each rule on its
boundary (a record exactly as old as the setting is due, one a second younger is not), the
audit trail never outliving less than the demographics it describes, and nothing of a student
in a live class touched."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from adapters.memory.runtime import FakeClock
from application.retention import ApplyRetention, RetentionCommand, RetentionPolicy, RetentionResult
from domain.demographics import DemographicProfile
from domain.problems import Problem
from domain.roster import Student
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncRun, SyncStatus, SyncTrigger
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.backends import Backend
from tests.persistence.rosters import AT, snapshot, sync

POLICY = RetentionPolicy(departed_days=365, audit_days=1095, sync_runs_days=180)
SECOND = timedelta(seconds=1)
LEFT = AT + timedelta(days=10)  # when the leavers leave


def _retention(backend: Backend, now: datetime, dry_run: bool = False) -> RetentionResult:
    apply = ApplyRetention(backend.uow, FakeClock(now), POLICY, batch_size=2)
    return apply(RetentionCommand(dry_run=dry_run))


def _student(backend: Backend, clever_id: str) -> Student:
    with backend.uow() as uow:
        student = uow.rosters.get_student(clever_id)
    assert student is not None
    return student


def _kept(student: Student) -> bool:
    return student.grade is not None and student.demographics != DemographicProfile()


def _class(teacher: CleverPerson, kids: list[CleverPerson]) -> CleverSection:
    return SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=tuple(k.id for k in kids)
    )


def _only(section: CleverSection, kids: list[CleverPerson]) -> CleverSection:
    """The section as Clever lists it once only these students are left."""
    return replace(section, student_ids=tuple(k.id for k in kids))


def test_a_student_dropped_from_every_class_loses_grade_and_demographics_after_a_year(
    backend: Backend,
) -> None:
    teacher = TeacherFactory()
    stays, leaves = StudentFactory(), StudentFactory()
    math, art = _class(teacher, [stays, leaves]), _class(teacher, [stays, leaves])
    sync(backend.uow, teacher.id, snapshot([math, art], [teacher, stays, leaves]))
    math_now, art_now = _only(math, [stays]), _only(art, [stays])
    sync(backend.uow, teacher.id, snapshot([math_now, art_now], [teacher, stays]), at=LEFT)

    due = LEFT + timedelta(days=365)
    early = _retention(backend, due - SECOND)
    assert early.departed_students == 0
    assert _kept(_student(backend, leaves.id))

    assert _retention(backend, due, dry_run=True).departed_students == 1
    assert _kept(_student(backend, leaves.id))  # a dry run deletes nothing

    assert _retention(backend, due).departed_students == 1
    gone = _student(backend, leaves.id)
    assert gone.grade is None and gone.demographics == DemographicProfile()
    assert gone.name == leaves.name  # the record (and any account) stays
    assert _kept(_student(backend, stays.id))
    history = backend.reader.history_for_classes([math.id])[math.id]
    assert [(h.student_id, h.action) for h in history if h.student_id == leaves.id] == [
        (leaves.id, "added"),
        (leaves.id, "dropped"),
    ]
    assert _retention(backend, due).departed_students == 0  # nothing left to do


def test_a_student_of_an_archived_class_departs_when_it_was_archived(backend: Backend) -> None:
    teacher = TeacherFactory()
    only_there, also_live = StudentFactory(), StudentFactory()
    archived = _class(teacher, [only_there, also_live])
    live = _class(teacher, [also_live])
    sync(backend.uow, teacher.id, snapshot([archived, live], [teacher, only_there, also_live]))
    sync(
        backend.uow,
        teacher.id,
        snapshot([live], [teacher, also_live], gone=[archived.id]),
        at=LEFT,
    )
    with backend.uow() as uow:
        klass = uow.rosters.get_class(archived.id)
    assert klass is not None and klass.archived

    due = LEFT + timedelta(days=365)
    assert _retention(backend, due - SECOND).departed_students == 0
    assert _retention(backend, due).departed_students == 1
    assert not _kept(_student(backend, only_there.id))
    assert _kept(_student(backend, also_live.id))


def test_nothing_of_a_student_in_a_live_class_is_touched(backend: Backend) -> None:
    teacher = TeacherFactory()
    pupil = StudentFactory()
    old, current = _class(teacher, [pupil]), _class(teacher, [pupil])
    sync(backend.uow, teacher.id, snapshot([old, current], [teacher, pupil]))
    sync(backend.uow, teacher.id, snapshot([current], [teacher, pupil], gone=[old.id]), at=LEFT)
    viewer = _viewer(backend)
    backend.audit_log.record_demographics_access(viewer, [pupil.id], AT)
    before = _student(backend, pupil.id)

    result = _retention(backend, AT + timedelta(days=5000))

    assert (result.departed_students, result.audit_entries) == (0, 0)
    assert _student(backend, pupil.id) == before
    assert [e[1] for e in backend.audit_entries()] == [pupil.id]
    assert [s.id for s in backend.reader.students_for_classes([current.id])[current.id]] == [
        pupil.id
    ]


def test_audit_entries_go_after_their_days_but_never_before_the_demographics(
    backend: Backend,
) -> None:
    teacher = TeacherFactory()
    stays, leaves = StudentFactory(), StudentFactory()
    section = _class(teacher, [stays, leaves])
    sync(backend.uow, teacher.id, snapshot([section], [teacher, stays, leaves]))
    viewer = _viewer(backend)
    backend.audit_log.record_demographics_access(viewer, [stays.id, leaves.id], AT)
    backend.audit_log.record_demographics_access(viewer, [leaves.id], AT + timedelta(days=1))
    kept_section = _only(section, [stays])
    sync(backend.uow, teacher.id, snapshot([kept_section], [teacher, stays]), at=LEFT)

    due = AT + timedelta(days=1095)
    early = _retention(backend, due - SECOND)
    assert (early.departed_students, early.audit_entries) == (1, 0)
    done = _retention(backend, due)
    assert done.audit_entries == 1  # the leaver's first entry; the one a day younger stays
    left = sorted((e[1], e[2]) for e in backend.audit_entries())
    assert left == sorted([(stays.id, AT), (leaves.id, AT + timedelta(days=1))])


def test_old_sync_runs_go_except_each_teachers_latest(backend: Backend) -> None:
    teacher, other = TeacherFactory(), TeacherFactory()
    pupil = StudentFactory()
    section = _class(teacher, [pupil])
    _, first = sync(backend.uow, teacher.id, snapshot([section], [teacher, pupil]))
    second = _run(backend, teacher.id, AT + timedelta(days=1))
    latest = _run(backend, teacher.id, AT + timedelta(days=2))
    others_only = _run(backend, other.id, AT)

    due = AT + timedelta(days=1 + 180)
    assert _retention(backend, due - SECOND).sync_runs == 1
    assert _retention(backend, due, dry_run=True).sync_runs == 1
    assert _retention(backend, due).sync_runs == 1
    assert _retention(backend, AT + timedelta(days=5000)).sync_runs == 0

    with backend.uow() as uow:
        assert [r.id for r in uow.sync_runs.latest_for_teacher(teacher.id, 10)] == [latest]
        assert [r.id for r in uow.sync_runs.latest_for_teacher(other.id, 10)] == [others_only]
        assert uow.sync_runs.get(first) is None and uow.sync_runs.get(second) is None
    history = backend.reader.history_for_classes([section.id])[section.id]
    assert [(h.student_id, h.action, h.sync_run_id) for h in history] == [(pupil.id, "added", None)]


def test_batches_cover_every_due_record(backend: Backend) -> None:
    teacher = TeacherFactory()
    kids = StudentFactory.create_batch(5)
    section = _class(teacher, kids)
    sync(backend.uow, teacher.id, snapshot([section], [teacher, *kids]))
    empty = _only(section, [])
    sync(backend.uow, teacher.id, snapshot([empty], [teacher]), at=LEFT)

    assert _retention(backend, LEFT + timedelta(days=400)).departed_students == 5  # batches of 2
    assert not any(_kept(_student(backend, k.id)) for k in kids)


def test_audit_days_shorter_than_departed_days_are_refused() -> None:
    with pytest.raises(ValueError, match="at least as long as the demographics"):
        RetentionPolicy(departed_days=365, audit_days=364)
    assert RetentionPolicy(departed_days=365, audit_days=365).audit_days == 365


def _viewer(backend: Backend) -> int:
    from domain.accounts import Account, Role

    with backend.uow() as uow:
        account = uow.accounts.add(Account(None, Role.TEACHER, "Viewer", "v@example.org"))
        uow.commit()
    assert account.id is not None
    return account.id


def _run(backend: Backend, teacher_id: str, started: datetime) -> int:
    problem = Problem("student", "s-anyone", "grade", "not a grade")
    with backend.uow() as uow:
        run = uow.sync_runs.add(
            SyncRun(
                None,
                teacher_id,
                DISTRICT,
                SyncTrigger.SCHEDULED,
                SyncStatus.PARTIAL,
                started,
                started,
                problems=(problem,),
            )
        )
        uow.commit()
    assert run.id is not None
    return run.id
