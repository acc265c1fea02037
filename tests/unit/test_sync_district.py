"""SyncDistrict, the daily job: one bulk pull from Clever serves every rostering teacher."""

from __future__ import annotations

import pytest

from application.sync_district import SyncDistrictCommand
from domain.licensing import LicenseScope
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncStatus, SyncTrigger
from tests.factories import DISTRICT
from tests.unit.world import World


def _rostering_teachers(
    world: World, count: int
) -> list[tuple[CleverPerson, CleverSection, list[CleverPerson]]]:
    made = []
    for _ in range(count):
        teacher = world.teacher()
        kids = world.students(2)
        section = world.section([teacher], kids[:1])
        world.run(teacher)
        made.append((teacher, section, kids))
    return made


def test_one_pull_brings_every_rostering_teachers_classes_in_line(world: World) -> None:
    world.grant()
    teachers = _rostering_teachers(world, 3)
    for _, section, kids in teachers:
        world.enroll_only(section, kids)
    world.clever.requests = 0

    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert world.clever.requests == 1
    assert sorted(r.teacher_id for r in result.runs) == sorted(t.id for t, _, _ in teachers)
    assert {(r.status, r.trigger) for r in result.runs} == {
        (SyncStatus.SUCCEEDED, SyncTrigger.SCHEDULED)
    }
    for _, section, kids in teachers:
        assert world.roster(section) == sorted(k.id for k in kids)


@pytest.mark.parametrize("count", [1, 6])
def test_clever_requests_do_not_grow_with_teachers(world: World, count: int) -> None:
    world.grant()
    _rostering_teachers(world, count)
    world.clever.requests = 0

    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert len(result.runs) == count
    assert world.clever.requests == 1


def test_teachers_who_never_synced_are_left_alone(world: World) -> None:
    world.grant()
    [(rostering, _, _)] = _rostering_teachers(world, 1)
    newcomer = world.teacher()
    world.section([newcomer], world.students(1))

    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert result.teachers == (rostering.id,)
    assert world.class_names(newcomer) == []
    assert world.runs(newcomer) == []


def test_a_teacher_without_premium_is_skipped_with_the_reason(world: World) -> None:
    paid, lapsed = world.teacher(), world.teacher()
    world.grant(LicenseScope.TEACHER, paid.id)
    world.grant(LicenseScope.TEACHER, lapsed.id, world.clock.today())
    kids = world.students(2)
    paid_class = world.section([paid], kids[:1])
    lapsed_class = world.section([lapsed], kids[:1])
    world.run(paid)
    world.run(lapsed)
    world.enroll_only(paid_class, kids)
    world.enroll_only(lapsed_class, kids)
    world.clock.advance(days=1)

    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert result.skipped == ((lapsed.id, "no active Premium licence"),)
    assert [r.teacher_id for r in result.runs] == [paid.id]
    assert len(world.roster(paid_class)) == 2
    assert len(world.roster(lapsed_class)) == 1
    assert len(world.runs(lapsed)) == 1


def test_with_no_premium_teacher_clever_is_not_asked(world: World) -> None:
    world.grant(until=world.clock.today())
    _rostering_teachers(world, 2)
    world.clock.advance(days=1)
    world.clever.requests = 0

    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert result.runs == () and len(result.skipped) == 2
    assert world.clever.requests == 0


def test_the_daily_job_holds_a_mass_change_for_that_teacher_only(world: World) -> None:
    world.grant()
    (steady, steady_class, steady_kids), (shaken, shaken_class, _) = _rostering_teachers(world, 2)
    world.enroll_only(steady_class, steady_kids)
    world.enroll_only(shaken_class, [])

    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    status = {r.teacher_id: r.status for r in result.runs}
    assert status == {steady.id: SyncStatus.SUCCEEDED, shaken.id: SyncStatus.HELD}
    assert len(world.roster(shaken_class)) == 1
    assert len(world.roster(steady_class)) == 2


def test_the_daily_job_archives_a_section_gone_from_the_district(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    sections = [world.section([teacher], [], name=f"Class {n}") for n in range(3)]
    world.run(teacher)
    world.delete_section(sections[0].id)

    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))

    assert result.runs[0].counts.classes_archived == 1
    assert world.class_names(teacher) == ["Class 1", "Class 2"]
