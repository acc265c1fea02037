from __future__ import annotations

from application.results import PremiumRequired, SyncStarted, TeacherNotFound
from domain.sync_run import SyncStatus, SyncTrigger
from tests.unit.conftest import World


def test_first_manual_sync_creates_one_class_per_section(world: World) -> None:
    world.grant_district()
    teacher = world.teacher()
    kids = world.students(3)
    world.section([teacher], kids, name="Algebra I")
    world.section([teacher], kids[:1], name="Geometry")

    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert run.counts.classes_created == 2
    assert run.counts.students_enrolled == 4
    assert world.class_names(teacher) == ["Algebra I", "Geometry"]


def test_sync_without_premium_is_refused_and_writes_nothing(world: World) -> None:
    teacher = world.teacher()
    world.section([teacher], world.students(2))

    assert isinstance(world.sync(teacher), PremiumRequired)
    assert world.class_names(teacher) == []


def test_unknown_teacher_is_reported(world: World) -> None:
    world.grant_district()
    result = world.services.sync_teacher.__call__  # noqa: B018
    from application.sync_teacher import SyncTeacherCommand

    assert isinstance(result(SyncTeacherCommand("nobody")), TeacherNotFound)


def test_student_missing_from_section_is_dropped_then_restored(world: World) -> None:
    world.grant_district()
    teacher = world.teacher()
    kids = world.students(4)
    section = world.section([teacher], kids)
    world.run(teacher)

    world.change_section(section.id, student_ids=tuple(k.id for k in kids[1:]))
    dropped = world.run(teacher)
    assert dropped.counts.students_dropped == 1
    assert kids[0].id not in world.roster(section)

    world.change_section(section.id, student_ids=tuple(k.id for k in kids))
    restored = world.run(teacher)
    assert restored.counts.students_restored == 1
    assert kids[0].id in world.roster(section)


def test_same_sync_twice_writes_nothing_the_second_time(world: World) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(5))
    world.run(teacher)
    store = world.services.uow().store  # type: ignore[attr-defined]
    writes = store.writes

    again = world.run(teacher)

    assert again.counts.as_dict() == dict.fromkeys(again.counts.as_dict(), 0)
    assert store.writes == writes


def test_scheduled_sync_skips_a_teacher_who_never_synced(world: World) -> None:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(2))

    result = world.sync(teacher, SyncTrigger.SCHEDULED)

    assert isinstance(result, SyncStarted)
    assert result.run.status is SyncStatus.SKIPPED
    assert world.class_names(teacher) == []


def test_mass_drop_is_held_until_approved(world: World) -> None:
    from application.approve_held_sync import ApproveHeldSyncCommand

    world.grant_district()
    teacher = world.teacher()
    kids = world.students(6)
    section = world.section([teacher], kids)
    world.run(teacher)

    world.change_section(section.id, student_ids=(kids[0].id,))
    held = world.run(teacher)
    assert held.status is SyncStatus.HELD
    assert len(world.roster(section)) == 6

    assert held.id is not None
    approved = world.services.approve_held_sync(ApproveHeldSyncCommand(held.id, teacher.id))
    assert isinstance(approved, SyncStarted)
    assert approved.run.status is SyncStatus.SUCCEEDED
    assert world.roster(section) == [kids[0].id]


def test_failed_fetch_drops_nothing(world: World) -> None:
    world.grant_district()
    teacher = world.teacher()
    kids = world.students(3)
    section = world.section([teacher], kids)
    world.run(teacher)

    world.clever.failing = True
    failed = world.run(teacher)

    assert failed.status is SyncStatus.FAILED
    assert world.roster(section) == sorted(k.id for k in kids)


def test_renamed_class_keeps_the_teachers_name(world: World) -> None:
    from application.rename_class import RenameClassCommand
    from application.accounts import SSOLogin
    from application.ports import CleverLogin

    world.grant_district()
    teacher = world.teacher()
    section = world.section([teacher], world.students(2), name="Sec 4")
    world.run(teacher)
    login = SSOLogin(world.services.uow)(CleverLogin(teacher.id, teacher.district_id, "teacher", teacher.name))
    account = login.account  # type: ignore[union-attr]
    assert account.id is not None
    world.services.rename_class(RenameClassCommand(account.id, section.id, "Room 12 Maths"))

    world.change_section(section.id, name="Sec 4 (renamed in SIS)", period="2")
    run = world.run(teacher)

    assert run.counts.classes_updated == 1
    assert world.class_names(teacher) == ["Room 12 Maths"]
