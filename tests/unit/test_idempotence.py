"""Rule 11: running the same sync twice writes nothing the second time."""

from __future__ import annotations

from application.sync_district import SyncDistrictCommand
from domain.changeset import SyncCounts
from domain.snapshot import CleverPerson
from domain.sync_run import SyncStatus
from tests.factories import DISTRICT
from tests.unit.world import World


def _busy_district(world: World) -> CleverPerson:
    """Co-teachers, a dropped student, an archived class and bad data, synced once each way;
    answers the owner of it all."""
    world.grant()
    owner, co_teacher = world.teacher(), world.teacher()
    kids = world.students(5)
    kids.append(world.students(1, grade="Freshman", demographics={"race": "r" * 300})[0])
    shared = world.section([owner, co_teacher], kids, grade="Grade 7")
    gone = world.section([owner], kids[:2])
    world.section([owner], kids[2:], teacher_ids=(co_teacher.id,))
    world.section([owner], [], name="Quiet")
    world.run(owner)
    world.enroll_only(shared, kids[1:])
    world.delete_section(gone.id)
    changed = world.run(owner)
    assert (changed.counts.students_dropped, changed.counts.classes_archived) == (1, 1)
    return owner


def test_the_second_identical_sync_writes_nothing(world: World) -> None:
    owner = _busy_district(world)
    writes = world.writes

    again = world.run(owner)

    assert again.counts == SyncCounts()
    assert {p.field for p in again.problems} == {"grade", "race", "teachers"}
    assert again.status is SyncStatus.PARTIAL
    assert world.writes == writes


def test_a_sync_after_an_approved_hold_writes_nothing(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kids = world.students(4)
    section = world.section([teacher], kids)
    world.run(teacher)
    world.enroll_only(section, kids[:1])
    world.approve(world.run(teacher), teacher.id)
    writes = world.writes

    again = world.run(teacher)

    assert again.counts == SyncCounts()
    assert world.writes == writes


def test_the_second_identical_district_sync_writes_nothing(world: World) -> None:
    _busy_district(world)
    for teacher in [p for p in world.clever.people.values() if p.role == "teacher"]:
        world.run(teacher)
    world.services.sync_district(SyncDistrictCommand(DISTRICT))
    writes = world.writes

    again = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert len(again.runs) == 2
    assert [r.counts for r in again.runs] == [SyncCounts(), SyncCounts()]
    assert world.writes == writes
