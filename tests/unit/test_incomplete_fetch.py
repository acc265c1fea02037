"""Rule 9: a failed or cut-short fetch from Clever never drops a student or archives a class."""

from __future__ import annotations

from application.sync_district import SyncDistrictCommand
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncStatus
from tests.factories import DISTRICT
from tests.unit.world import World


def _synced_teacher(world: World) -> tuple[CleverPerson, list[CleverSection], list[CleverPerson]]:
    world.grant()
    teacher = world.teacher()
    kids = world.students(4)
    sections = [world.section([teacher], kids, name=f"Class {n}") for n in range(4)]
    world.run(teacher)
    return teacher, sections, kids


def _clever_drops_and_deletes(world: World, sections: list[CleverSection]) -> None:
    for section in sections[:3]:
        world.change_section(section.id, student_ids=section.student_ids[:3])
    world.delete_section(sections[3].id)


def test_a_failed_fetch_fails_the_run_and_changes_nothing(world: World) -> None:
    teacher, sections, kids = _synced_teacher(world)
    _clever_drops_and_deletes(world, sections)
    writes = world.writes

    world.clever.failing = True
    failed = world.run(teacher)

    assert failed.status is SyncStatus.FAILED
    assert failed.message == "Clever could not be read: Clever answered 503"
    assert world.writes == writes
    assert len(world.class_names(teacher)) == 4
    for section in sections:
        assert world.roster(section) == sorted(k.id for k in kids)


def test_a_cut_short_fetch_neither_drops_nor_archives(world: World) -> None:
    teacher, sections, kids = _synced_teacher(world)
    _clever_drops_and_deletes(world, sections)

    world.clever.cut_short = True
    run = world.run(teacher)

    assert (run.counts.students_dropped, run.counts.classes_archived) == (0, 0)
    assert len(world.class_names(teacher)) == 4
    for section in sections:
        assert world.roster(section) == sorted(k.id for k in kids)


def test_a_cut_short_fetch_still_enrolls_new_students(world: World) -> None:
    teacher, sections, kids = _synced_teacher(world)
    newcomer = world.students(1)[0]
    world.change_section(sections[0].id, student_ids=(*sections[0].student_ids[:2], newcomer.id))

    world.clever.cut_short = True
    run = world.run(teacher)

    assert run.counts.students_enrolled == 1
    assert world.roster(sections[0]) == sorted([*(k.id for k in kids), newcomer.id])


def test_the_next_complete_fetch_makes_the_changes(world: World) -> None:
    teacher, sections, _ = _synced_teacher(world)
    _clever_drops_and_deletes(world, sections)
    world.clever.cut_short = True
    world.run(teacher)

    world.clever.cut_short = False
    run = world.run(teacher)

    assert (run.counts.students_dropped, run.counts.classes_archived) == (3, 1)


def test_a_failed_district_fetch_changes_nothing(world: World) -> None:
    _, sections, kids = _synced_teacher(world)
    _clever_drops_and_deletes(world, sections)
    writes = world.writes

    world.clever.failing = True
    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert result.error == "Clever could not be read: Clever answered 503"
    assert result.runs == ()
    assert world.writes == writes
    assert world.roster(sections[0]) == sorted(k.id for k in kids)


def test_a_cut_short_district_fetch_neither_drops_nor_archives(world: World) -> None:
    teacher, sections, kids = _synced_teacher(world)
    _clever_drops_and_deletes(world, sections)

    world.clever.cut_short = True
    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert [r.teacher_id for r in result.runs] == [teacher.id]
    assert len(world.class_names(teacher)) == 4
    for section in sections:
        assert world.roster(section) == sorted(k.id for k in kids)
