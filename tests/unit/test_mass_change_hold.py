"""Rule 10: a sync that would drop most of a class or remove most of a teacher's classes waits
for that teacher's approval, and changes nothing until then."""

from __future__ import annotations

from application.results import SyncStarted
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncStatus
from tests.unit.world import World, make_world


def _class_of(world: World, size: int) -> tuple[CleverPerson, CleverSection, list[CleverPerson]]:
    world.grant()
    teacher = world.teacher()
    kids = world.students(size)
    section = world.section([teacher], kids, name="Period 1")
    world.run(teacher)
    return teacher, section, kids


def test_dropping_most_of_a_class_is_held_and_only_the_additions_land(world: World) -> None:
    teacher, section, kids = _class_of(world, 6)
    newcomer = world.students(1)[0]

    world.change_section(section.id, student_ids=(kids[0].id, newcomer.id), name="Renamed")
    held = world.run(teacher)

    assert held.status is SyncStatus.HELD
    assert held.message == "would drop 5 of 7 students from Renamed"
    assert held.counts.students_dropped == 5
    assert held.counts.students_enrolled == 1
    assert world.roster(section) == sorted([*(k.id for k in kids), newcomer.id])
    assert world.class_names(teacher) == ["Renamed"]
    assert [action for sid, action, _ in world.history(section) if sid == newcomer.id] == ["added"]
    assert not [action for _, action, _ in world.history(section) if action == "dropped"]


def test_an_approved_hold_lands_with_its_history(world: World) -> None:
    teacher, section, kids = _class_of(world, 6)
    world.enroll_only(section, kids[:1])
    held = world.run(teacher)

    approved = world.approve(held, teacher.id)

    assert isinstance(approved, SyncStarted)
    assert approved.run.id == held.id
    assert approved.run.status is SyncStatus.SUCCEEDED
    assert approved.run.counts.students_dropped == 5
    assert world.roster(section) == [kids[0].id]
    dropped = [
        (sid, run_id) for sid, action, run_id in world.history(section) if action == "dropped"
    ]
    assert dropped == [(k.id, held.id) for k in kids[1:]]
    assert world.run(teacher).counts.students_dropped == 0


def test_dropping_exactly_half_is_not_held(world: World) -> None:
    teacher, section, kids = _class_of(world, 4)

    world.enroll_only(section, kids[:2])
    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert world.roster(section) == sorted(k.id for k in kids[:2])


def test_archiving_most_of_a_teachers_classes_is_held(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    sections = [world.section([teacher], [], name=f"Class {n}") for n in range(3)]
    world.run(teacher)

    world.delete_section(sections[0].id)
    world.delete_section(sections[1].id)
    held = world.run(teacher)

    assert held.status is SyncStatus.HELD
    assert held.message == "would remove 2 of 3 classes"
    assert len(world.class_names(teacher)) == 3

    world.approve(held, teacher.id)
    assert world.class_names(teacher) == ["Class 2"]


def test_losing_most_of_a_teachers_classes_is_held(world: World) -> None:
    world.grant()
    teacher, other = world.teacher(), world.teacher()
    sections = [world.section([teacher, other], [], name=f"Class {n}") for n in range(2)]
    world.run(teacher)

    for section in sections:
        world.change_section(section.id, teacher_id=other.id, teacher_ids=(other.id,))
    held = world.run(teacher)

    assert held.status is SyncStatus.HELD
    assert held.message == "would remove 2 of 2 classes"
    assert world.class_names(teacher) == ["Class 0", "Class 1"]


def test_archiving_half_of_a_teachers_classes_is_not_held(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    sections = [world.section([teacher], [], name=f"Class {n}") for n in range(2)]
    world.run(teacher)

    world.delete_section(sections[0].id)
    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert world.class_names(teacher) == ["Class 1"]


def test_the_threshold_is_configurable() -> None:
    strict = make_world(hold_threshold=0.2)
    teacher, section, kids = _class_of(strict, 4)

    strict.enroll_only(section, kids[1:])
    held = strict.run(teacher)

    assert held.status is SyncStatus.HELD
    assert held.message == "would drop 1 of 4 students from Period 1"
