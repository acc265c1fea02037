"""Rules 1 and 2: the first manual sync starts rostering; one class per section, shared."""

from __future__ import annotations

from application.results import SyncStarted, TeacherNotFound
from application.sync_teacher import SyncTeacherCommand
from domain.sync_run import SyncStatus, SyncTrigger
from tests.unit.world import World


def test_first_manual_sync_creates_one_class_per_section(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(3)
    algebra = world.section([teacher], kids, name="Algebra I")
    geometry = world.section([teacher], kids[:1], name="Geometry")

    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert run.trigger is SyncTrigger.MANUAL
    assert run.counts.classes_created == 2
    assert run.counts.students_enrolled == 4
    assert world.class_names(teacher) == ["Algebra I", "Geometry"]
    assert world.roster(algebra) == sorted(k.id for k in kids)
    assert world.roster(geometry) == [kids[0].id]


def test_class_takes_subject_period_and_grade_from_the_section(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    section = world.section(
        [teacher], world.students(1), subject="english/language arts", period="3", grade="5"
    )

    world.run(teacher)

    view = world.class_view(section)
    assert (view.subject, view.period, view.grade_level) == (
        "english/language arts",
        "3",
        "GRADE_5",
    )
    assert view.student_count == 1


def test_scheduled_sync_skips_a_teacher_who_never_synced(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(2))

    run = world.run(teacher, SyncTrigger.SCHEDULED)

    assert run.status is SyncStatus.SKIPPED
    assert run.message == "rostering starts with a manual sync"
    assert world.class_names(teacher) == []
    assert world.writes == 0


def test_scheduled_sync_follows_clever_once_the_teacher_synced_by_hand(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(2)
    section = world.section([teacher], kids[:1])
    world.run(teacher)

    world.enroll_only(section, kids)
    run = world.run(teacher, SyncTrigger.SCHEDULED)

    assert run.status is SyncStatus.SUCCEEDED
    assert run.counts.students_enrolled == 1
    assert world.roster(section) == sorted(k.id for k in kids)


def test_a_teacher_clever_does_not_know_is_reported(world: World) -> None:
    world.grant()
    student = world.students(1)[0]

    for clever_id in ("nobody", student.id):
        result = world.services.sync_teacher(SyncTeacherCommand(clever_id))
        assert result == TeacherNotFound(clever_id)
    assert world.writes == 0


def test_every_listed_teacher_shares_the_class_and_section_teacher_owns_it(world: World) -> None:
    world.grant()
    syncing, owner, other = world.teacher(), world.teacher(), world.teacher()
    section = world.section([syncing, owner, other], world.students(2), teacher_id=owner.id)

    run = world.run(syncing)

    assert run.counts.classes_created == 1
    assert run.counts.co_teachers_added == 2
    for teacher in (syncing, owner, other):
        assert [c.id for c in world.classes(teacher)] == [section.id]
    assert world.class_view(section).owner_id == owner.id
    roles = {tid: view.role for tid, view in world.teachers_on(section).items()}
    assert roles == {owner.id: "owner", syncing.id: "co_teacher", other.id: "co_teacher"}


def test_co_teacher_without_clever_is_recorded_by_name_but_not_connected(world: World) -> None:
    world.grant()
    owner = world.teacher()
    co_teacher = world.teacher(name="Ms. Rivera")
    section = world.section([owner, co_teacher], world.students(1))
    world.connect(owner)

    world.run(owner)

    teachers = world.teachers_on(section)
    assert teachers[co_teacher.id].name == "Ms. Rivera"
    assert teachers[co_teacher.id].connected is False
    assert teachers[owner.id].connected is True


def test_primary_teacher_missing_from_teachers_still_owns_the_class(world: World) -> None:
    world.grant()
    owner, co_teacher = world.teacher(), world.teacher()
    section = world.section(
        [co_teacher], world.students(1), teacher_id=owner.id, teacher_ids=(co_teacher.id,)
    )

    run = world.run(co_teacher)

    assert run.status is SyncStatus.PARTIAL
    assert [(p.record_type, p.clever_id, p.field) for p in run.problems] == [
        ("section", section.id, "teachers")
    ]
    assert world.teachers_on(section)[owner.id].role == "owner"
    assert [c.id for c in world.classes(owner)] == [section.id]


def test_sync_result_is_the_finished_run(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(1))

    result = world.sync(teacher)

    assert isinstance(result, SyncStarted)
    assert result.run.finished_at == world.clock.now()
    assert world.runs(teacher) == [result.run]
