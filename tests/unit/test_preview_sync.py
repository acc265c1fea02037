"""PreviewSync: what a sync would change, with nothing written."""

from __future__ import annotations

from application.preview_sync import PreviewSyncCommand
from application.results import PremiumRequired, TeacherNotFound
from domain.changeset import ChangeSet, SyncCounts
from domain.sync_run import SyncStatus, SyncTrigger
from tests.unit.world import World


def _preview(world: World, teacher_id: str) -> object:
    return world.services.preview_sync(PreviewSyncCommand(teacher_id))


def test_a_preview_shows_the_first_sync_and_writes_nothing(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    world.section([teacher], world.students(2), name="Chemistry")
    world.section([teacher, world.teacher()], world.students(1), name="Physics")
    world.connect(teacher)

    preview = _preview(world, teacher.id)

    assert isinstance(preview, ChangeSet)
    assert preview.counts == SyncCounts(classes_created=2, students_enrolled=3, co_teachers_added=1)
    assert sorted(c.name for c in preview.classes_created) == ["Chemistry", "Physics"]
    assert not preview.held
    assert world.writes == 0
    assert world.class_names(teacher) == []
    assert world.runs(teacher) == []
    assert world.run(teacher, SyncTrigger.SCHEDULED).status is SyncStatus.SKIPPED


def test_a_preview_shows_a_mass_drop_that_would_be_held(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(4)
    section = world.section([teacher], kids, name="Art")
    world.run(teacher)
    world.enroll_only(section, kids[:1])
    writes = world.writes

    preview = _preview(world, teacher.id)

    assert isinstance(preview, ChangeSet)
    assert preview.holds == ("would drop 3 of 4 students from Art",)
    assert sorted(k.student_id for k in preview.dropped) == sorted(k.id for k in kids[1:])
    assert world.writes == writes
    assert world.roster(section) == sorted(k.id for k in kids)


def test_a_preview_matches_the_sync_that_follows(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(3)
    section = world.section([teacher], kids, grade="Junior")
    world.run(teacher)
    world.change_section(section.id, name="New name", student_ids=(kids[0].id, kids[1].id))
    world.section([teacher], kids)

    preview = _preview(world, teacher.id)
    run = world.run(teacher)

    assert isinstance(preview, ChangeSet)
    assert run.counts == preview.counts
    assert run.problems == preview.problems
    assert world.applied[-1] == preview


def test_a_preview_needs_premium_and_a_known_teacher(world: World) -> None:
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    world.connect(teacher)

    assert _preview(world, teacher.id) == PremiumRequired()
    assert _preview(world, "t-nobody") == TeacherNotFound("t-nobody")
    assert world.writes == 0
