"""Rules 10 and 15: the calendar ending a term is not a mass change. A section gone after its
term ended is archived as "term ended" without a hold; one gone mid-term is held as before,
while what the sync adds lands at once; classes of a term over for
ROSTERSYNC_TERM_END_ARCHIVE_DAYS are archived even while Clever lists them, unless kept."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from application.keep_class import KeepClassAfterTermCommand
from application.results import NotFound, SyncStarted
from application.sync_district import SyncDistrictCommand
from domain.roster import Class
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncStatus
from domain.term import ArchiveReason, Term
from tests.factories import DISTRICT
from tests.unit.world import World

LAST_YEAR = Term("term-2025", "2025-2026 School Year", date(2025, 8, 18), date(2026, 6, 5))
NEXT_YEAR = Term("term-2026", "2026-2027 School Year", date(2026, 8, 17), date(2027, 6, 11))


def _on(world: World, day: date) -> None:
    world.clock.current = datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)


def _teacher_with_classes(
    world: World, count: int, term: Term = LAST_YEAR
) -> tuple[CleverPerson, list[CleverSection], list[CleverPerson]]:
    world.grant()
    world.clever.terms = {LAST_YEAR.id: LAST_YEAR, NEXT_YEAR.id: NEXT_YEAR}
    teacher = world.teacher()
    kids = world.students(4)
    sections = [
        world.section([teacher], kids, name=f"Period {n}", term_id=term.id) for n in range(count)
    ]
    _on(world, date(2026, 3, 2))
    assert world.run(teacher).status is SyncStatus.SUCCEEDED
    return teacher, sections, kids


def _next_year(
    world: World, teacher: CleverPerson, kids: list[CleverPerson], count: int
) -> list[CleverSection]:
    return [
        world.section([teacher], kids, name=f"Next Period {n}", term_id=NEXT_YEAR.id)
        for n in range(count)
    ]


def test_a_new_school_year_replaces_every_class_without_a_hold(world: World) -> None:
    teacher, old, kids = _teacher_with_classes(world, 4)
    _on(world, date(2026, 8, 17))
    for section in old:
        world.delete_section(section.id)
    new = _next_year(world, teacher, kids, 4)

    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert run.counts.classes_created == 4
    assert run.counts.classes_archived == 4
    assert run.counts.classes_archived_term_ended == 4
    assert run.message == "4 classes of 2025\u201326 archived (term ended)"
    assert world.class_names(teacher) == [f"Next Period {n}" for n in range(4)]
    for section in new:
        assert world.roster(section) == sorted(k.id for k in kids)
        assert world.class_view(section).term == NEXT_YEAR
    for section in old:
        view = world.class_view(section)
        assert view.archived and view.archived_reason is ArchiveReason.TERM_ENDED
        assert world.roster(section) == sorted(k.id for k in kids)  # history kept


def test_sections_gone_while_their_term_runs_are_still_held(world: World) -> None:
    teacher, old, _ = _teacher_with_classes(world, 3, NEXT_YEAR)
    _on(world, date(2026, 10, 1))
    world.delete_section(old[0].id)
    world.delete_section(old[1].id)

    held = world.run(teacher)

    assert held.status is SyncStatus.HELD
    assert held.message == "would remove 2 of 3 classes"
    assert held.counts.classes_archived_term_ended == 0
    assert len(world.class_names(teacher)) == 3


def test_a_held_sync_still_creates_next_years_classes_and_approval_lands_the_rest(
    world: World,
) -> None:
    teacher, old, kids = _teacher_with_classes(world, 3, NEXT_YEAR)
    _on(world, date(2026, 10, 1))
    for section in old:
        world.delete_section(section.id)
    new = world.section([teacher], kids[:2], name="New Elective", term_id=NEXT_YEAR.id)

    held = world.run(teacher)

    assert held.status is SyncStatus.HELD
    assert held.message == "would remove 3 of 4 classes"
    assert world.roster(new) == sorted(k.id for k in kids[:2])
    assert sorted(world.class_names(teacher)) == [
        "New Elective",
        "Period 0",
        "Period 1",
        "Period 2",
    ]

    approved = world.approve(held, teacher.id)

    assert isinstance(approved, SyncStarted)
    assert approved.run.status is SyncStatus.SUCCEEDED
    assert approved.run.counts == held.counts
    assert world.class_names(teacher) == ["New Elective"]
    again = world.run(teacher)
    assert again.status is SyncStatus.SUCCEEDED and again.counts.classes_created == 0


def _summer_district_sync(world: World, day: date) -> None:
    _on(world, day)
    result = world.services.sync_district(SyncDistrictCommand(DISTRICT))
    assert {run.status for run in result.runs} <= {SyncStatus.SUCCEEDED}


def test_classes_still_listed_over_the_summer_are_archived_once_their_term_is_over(
    world: World,
) -> None:
    teacher, old, kids = _teacher_with_classes(world, 2)

    _summer_district_sync(world, date(2026, 6, 30))

    assert world.class_names(teacher) == []
    runs = world.runs(teacher)
    assert runs[0].status is SyncStatus.SUCCEEDED
    assert runs[0].message == "2 classes of 2025\u201326 archived (term ended)"
    for section in old:
        assert world.class_view(section).archived_reason is ArchiveReason.TERM_ENDED
        assert world.roster(section) == sorted(k.id for k in kids)
    # A teacher's own sync over the summer does not bring them back.
    assert world.run(teacher).counts.classes_restored == 0
    assert world.class_names(teacher) == []


@pytest.mark.parametrize(
    ("day", "archived"),
    [(date(2026, 6, 19), False), (date(2026, 6, 20), True)],
    ids=["14 days after the term", "15 days after the term"],
)
def test_the_year_end_archive_waits_the_configured_days(
    world: World, day: date, archived: bool
) -> None:
    _, old, _ = _teacher_with_classes(world, 1)

    _summer_district_sync(world, day)

    assert world.class_view(old[0]).archived is archived


def test_a_class_a_teacher_keeps_survives_the_year_end_archive(world: World) -> None:
    teacher, old, _ = _teacher_with_classes(world, 2)
    account = world.connect(teacher)
    assert account.id is not None
    kept = world.services.keep_class_after_term(
        KeepClassAfterTermCommand(account.id, old[0].id, True)
    )
    assert isinstance(kept, Class) and kept.kept_after_term

    _summer_district_sync(world, date(2026, 7, 15))

    assert world.class_names(teacher) == ["Period 0"]
    assert world.class_view(old[0]).kept_after_term
    assert world.class_view(old[1]).archived_reason is ArchiveReason.TERM_ENDED


def test_keeping_a_class_the_term_archived_brings_it_back_and_letting_go_archives_it(
    world: World,
) -> None:
    teacher, old, _ = _teacher_with_classes(world, 1)
    account = world.connect(teacher)
    assert account.id is not None
    _summer_district_sync(world, date(2026, 7, 15))
    assert world.class_names(teacher) == []

    world.services.keep_class_after_term(KeepClassAfterTermCommand(account.id, old[0].id, True))
    assert world.class_names(teacher) == ["Period 0"]

    world.services.keep_class_after_term(KeepClassAfterTermCommand(account.id, old[0].id, False))
    _summer_district_sync(world, date(2026, 7, 16))
    assert world.class_names(teacher) == []


def test_only_a_teacher_of_the_class_may_keep_it(world: World) -> None:
    _, old, kids = _teacher_with_classes(world, 1)
    stranger = world.connect(world.teacher())
    student = world.connect(kids[0])

    for account in (stranger, student):
        assert account.id is not None
        refused = world.services.keep_class_after_term(
            KeepClassAfterTermCommand(account.id, old[0].id, True)
        )
        assert isinstance(refused, NotFound)
    assert not world.class_view(old[0]).kept_after_term


def test_a_students_first_login_after_the_rollover_lands_in_next_years_class(
    world: World,
) -> None:
    teacher, old, kids = _teacher_with_classes(world, 1)
    _on(world, date(2026, 8, 17))
    world.delete_section(old[0].id)
    new = _next_year(world, teacher, kids, 1)
    world.run(teacher)

    account = world.connect(kids[0])

    assert account.clever_id == kids[0].id
    mine = world.services.reader.classes_for_students([kids[0].id])[kids[0].id]
    assert [c.id for c in mine] == [new[0].id]
    assert (kids[0].id, "added") in [(sid, action) for sid, action, _ in world.history(old[0])]
    assert "dropped" not in [action for _, action, _ in world.history(old[0])]
