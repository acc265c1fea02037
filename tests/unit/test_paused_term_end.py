"""Rule 13 over rule 15: a class a teacher paused is left as it is when its term ends, by the
year-end archive and by a section gone after its term, until the teacher resumes it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from application.ports import ClassDecisionsView
from application.roster_decisions import DecisionMade, SetSyncMode
from application.sync_district import SyncDistrictCommand
from domain.decisions import SyncMode
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncRun, SyncStatus
from domain.term import ArchiveReason, Term
from tests.factories import DISTRICT
from tests.unit.world import World

LAST_YEAR = Term("term-2025", "2025-2026 School Year", date(2025, 8, 18), date(2026, 6, 5))


def _on(world: World, day: date) -> None:
    world.clock.current = datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)


def _two_classes_one_paused(world: World) -> tuple[CleverPerson, CleverSection, CleverSection]:
    world.grant()
    world.clever.terms = {LAST_YEAR.id: LAST_YEAR}
    teacher, kids = world.teacher(), world.students(3)
    paused, other = (
        world.section([teacher], kids, name=f"Period {n}", term_id=LAST_YEAR.id) for n in (1, 2)
    )
    _on(world, date(2026, 3, 2))
    assert world.run(teacher).status is SyncStatus.SUCCEEDED
    _set_mode(world, teacher, paused, SyncMode.PAUSED)
    return teacher, paused, other


def _set_mode(world: World, teacher: CleverPerson, section: CleverSection, mode: SyncMode) -> None:
    account = world.connect(teacher)
    assert account.id is not None
    decided = world.services.decide_roster(SetSyncMode(account.id, section.id, mode))
    assert isinstance(decided, DecisionMade)


def _decisions(world: World, section: CleverSection) -> ClassDecisionsView:
    return world.services.reader.decisions_for_classes([section.id])[section.id]


def _daily_sync(world: World, teacher: CleverPerson, day: date) -> SyncRun:
    _on(world, day)
    world.services.sync_district(SyncDistrictCommand(DISTRICT))
    return world.runs(teacher)[0]


def test_the_year_end_archive_leaves_a_paused_class_until_it_is_resumed(world: World) -> None:
    teacher, paused, other = _two_classes_one_paused(world)

    run = _daily_sync(world, teacher, date(2026, 7, 15))

    assert run.status is SyncStatus.SUCCEEDED
    assert run.message == "1 class of 2025\u201326 archived (term ended)"
    assert run.counts.classes_archived_term_ended == 1
    assert run.counts.changes_skipped_by_decisions == 1
    assert world.class_names(teacher) == ["Period 1"]
    assert not world.class_view(paused).archived
    assert world.class_view(other).archived_reason is ArchiveReason.TERM_ENDED
    assert _decisions(world, paused).waiting == ("its term ended",)

    _set_mode(world, teacher, paused, SyncMode.FOLLOW_CLEVER)  # resuming syncs at once

    assert world.class_names(teacher) == []
    assert world.class_view(paused).archived_reason is ArchiveReason.TERM_ENDED


def test_a_paused_class_whose_section_is_gone_after_its_term_stays(world: World) -> None:
    teacher, paused, other = _two_classes_one_paused(world)
    world.delete_section(paused.id)
    world.delete_section(other.id)
    _on(world, date(2026, 6, 10))  # the term ended, the year-end archive is not due yet

    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert run.counts.classes_archived_term_ended == 1
    assert world.class_names(teacher) == ["Period 1"]
    assert _decisions(world, paused).waiting == ("its term ended",)
