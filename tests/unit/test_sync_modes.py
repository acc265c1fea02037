"""A class's sync mode: follow Clever, add only, or paused until the teacher resumes it."""

from __future__ import annotations

import pytest

from application.preview_sync import PreviewSyncCommand
from domain.changeset import ChangeSet
from domain.decisions import SyncMode
from tests.unit.decisions import Classroom, classroom, made
from tests.unit.world import World


@pytest.fixture
def room(world: World) -> Classroom:
    return classroom(world)


def _with_spare_classes(room: Classroom) -> None:
    """The owner teaches two more classes, so one archived is no mass change."""
    for _ in range(2):
        room.world.section([room.owner], room.world.students(1))
    room.world.run(room.owner)


def test_add_only_enrols_renames_and_archives_but_drops_nobody(room: Classroom) -> None:
    world = room.world
    _with_spare_classes(room)
    made(room.mode(SyncMode.ADD_ONLY, room.co_account))
    newcomer = world.students(1)[0]
    room.clever_lists(newcomer)  # every earlier student gone from Clever
    world.change_section(room.section.id, name="Algebra II")

    run = world.run(room.owner)
    assert room.roster() == room.ids(newcomer, *room.pupils)
    assert world.class_view(room.section).name == "Algebra II"
    assert run.counts.students_enrolled == 1 and run.counts.students_dropped == 0
    assert run.counts.changes_skipped_by_decisions == len(room.pupils)
    assert run.status.value == "succeeded"  # nothing held: no drop will happen

    world.delete_section(room.section.id)  # unshared
    world.run(room.owner)
    assert world.class_view(room.section).archived
    world.clever.add_section(world.clever.sections.get(room.section.id) or room.section)
    world.run(room.owner)  # reshared
    assert not world.class_view(room.section).archived
    assert room.decisions().sync_mode == "ADD_ONLY"


def test_a_paused_class_stays_as_it_is_and_says_what_waits(room: Classroom) -> None:
    world = room.world
    _ana, _ben, *rest = room.pupils
    made(room.mode(SyncMode.PAUSED))
    newcomer, new_teacher = world.students(1)[0], world.teacher()
    room.clever_lists(newcomer, *rest)
    world.change_section(
        room.section.id,
        name="Geometry",
        teacher_ids=(*room.section.teacher_ids, new_teacher.id),
    )

    run = world.run(room.owner)
    assert room.roster() == room.ids(*room.pupils)
    assert world.class_view(room.section).name == "Algebra"
    assert set(world.teachers_on(room.section)) == set(room.section.teacher_ids)
    assert run.counts.changes_skipped_by_decisions == 5
    assert run.counts.students_dropped == run.counts.classes_updated == 0
    waiting = room.decisions().waiting
    assert waiting == (
        "Clever renamed it “Geometry”",
        "1 student to add",
        "2 students to drop",
        "1 teacher to add",
    )

    writes = world.writes
    world.run(room.owner)
    assert world.writes == writes  # the same sync twice writes nothing the second time


def test_resuming_a_paused_class_catches_up(room: Classroom) -> None:
    world = room.world
    ana, _ben, *rest = room.pupils
    made(room.mode(SyncMode.PAUSED))
    room.clever_lists(*rest, ana)
    world.change_section(room.section.id, name="Geometry")
    world.run(room.owner)

    outcome = room.mode(SyncMode.FOLLOW_CLEVER)
    made(outcome)
    assert outcome.resumed  # type: ignore[attr-defined]
    assert room.roster() == room.ids(ana, *rest)
    assert world.class_view(room.section).name == "Geometry"
    assert room.decisions().sync_mode == "FOLLOW_CLEVER"
    assert room.decisions().waiting == ()


def test_resuming_into_a_mass_drop_is_held(room: Classroom) -> None:
    world = room.world
    made(room.mode(SyncMode.PAUSED))
    room.clever_lists(room.pupils[0])  # three of four dropped
    world.run(room.owner)

    made(room.mode(SyncMode.FOLLOW_CLEVER))
    assert world.runs(room.owner)[0].status.value == "held"
    assert room.roster() == room.ids(*room.pupils)


def test_resuming_to_add_only_drops_nobody(room: Classroom) -> None:
    world = room.world
    made(room.mode(SyncMode.PAUSED))
    newcomer = world.students(1)[0]
    room.clever_lists(newcomer)
    world.run(room.owner)

    made(room.mode(SyncMode.ADD_ONLY))
    assert room.roster() == room.ids(newcomer, *room.pupils)


def test_a_paused_class_is_not_archived_when_unshared(room: Classroom) -> None:
    world = room.world
    _with_spare_classes(room)
    made(room.mode(SyncMode.PAUSED))
    world.delete_section(room.section.id)

    world.run(room.owner)
    assert not world.class_view(room.section).archived
    assert "Clever no longer shares it" in room.decisions().waiting


def test_setting_the_same_mode_again_keeps_who_set_it_first(room: Classroom) -> None:
    made(room.mode(SyncMode.ADD_ONLY))
    made(room.mode(SyncMode.ADD_ONLY, room.co_account))

    decisions = room.decisions()
    assert decisions.mode_by_id == room.owner.id
    assert decisions.mode_by_name == room.owner.name


def test_a_teacher_relinking_keeps_the_decisions(room: Classroom) -> None:
    made(room.mode(SyncMode.PAUSED))
    made(room.keep_out(room.pupils[0]))
    room.world.connect(room.owner)  # signs in with Clever again

    room.world.run(room.owner)
    decisions = room.decisions()
    assert decisions.sync_mode == "PAUSED"
    assert [e.kind for e in decisions.exceptions] == ["KEEP_OUT"]


def test_a_decision_made_while_a_sync_waits_for_approval_still_counts(room: Classroom) -> None:
    world = room.world
    ana, *rest = room.pupils
    room.clever_lists(ana)  # three of four dropped: held
    held = world.run(room.owner)
    assert held.status.value == "held"

    made(room.keep_in(rest[0]))
    made(room.mode(SyncMode.PAUSED, room.co_account))
    approved = world.approve(held, room.owner.id)

    assert room.roster() == room.ids(*room.pupils)
    assert approved.run.counts.students_dropped == 0  # type: ignore[attr-defined]
    assert approved.run.counts.changes_skipped_by_decisions == 3  # type: ignore[attr-defined]


def test_the_preview_says_what_a_paused_class_keeps_waiting(room: Classroom) -> None:
    world = room.world
    made(room.mode(SyncMode.PAUSED))
    world.change_section(room.section.id, name="Geometry")
    room.clever_lists(*room.pupils[1:])

    preview = world.services.preview_sync(PreviewSyncCommand(room.owner.id))
    assert isinstance(preview, ChangeSet)
    assert [s.message for s in preview.skipped] == [
        f"Clever no longer lists {room.pupils[0].name}; waiting while the class is paused",
        "Clever renamed it “Geometry”; waiting while the class is paused",
    ]
    assert preview.writes_nothing is False  # what waits is recorded when the sync lands
    assert preview.classes_updated == () and preview.dropped == ()


def test_a_class_paused_while_its_archive_waits_for_approval_is_not_archived(
    room: Classroom,
) -> None:
    world = room.world
    world.delete_section(room.section.id)  # the owner's only class: held
    held = world.run(room.owner)
    assert held.status.value == "held"

    made(room.mode(SyncMode.PAUSED))
    world.approve(held, room.owner.id)

    assert not world.class_view(room.section).archived
