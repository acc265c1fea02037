"""Students a teacher keeps out or keeps in stay that way, whatever Clever changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from application.preview_sync import PreviewSyncCommand
from application.results import NotFound
from application.roster_decisions import DecisionRefused
from domain.changeset import ChangeSet
from tests.unit.decisions import Classroom, classroom, made
from tests.unit.world import World


@pytest.fixture
def room(world: World) -> Classroom:
    return classroom(world)


def test_a_student_kept_out_stays_out_after_every_sync(room: Classroom) -> None:
    ana, ben, *rest = room.pupils
    made(room.keep_out(ana))
    assert room.roster() == room.ids(ben, *rest)

    run = room.world.run(room.owner)
    assert room.roster() == room.ids(ben, *rest)
    assert run.counts.changes_skipped_by_decisions == 1
    assert run.counts.students_restored == 0

    room.clever_lists(ben, *rest)  # Clever drops her ...
    room.world.run(room.owner)
    room.clever_lists(ana, ben, *rest)  # ... and lists her again
    room.world.run(room.owner)
    assert ana.id not in room.roster()
    kept = room.decisions().exceptions
    assert [(e.student_id, e.kind, e.made_by_id) for e in kept] == [
        (ana.id, "KEEP_OUT", room.owner.id)
    ]


def test_kept_out_student_logging_in_is_not_put_in_the_class(room: Classroom) -> None:
    ana = room.pupils[0]
    made(room.keep_out(ana))
    room.world.connect(ana)
    room.world.run(room.owner)

    classes = room.world.services.reader.classes_for_students([ana.id])[ana.id]
    assert room.section.id not in [c.id for c in classes]


def test_clearing_a_keep_out_lets_the_next_sync_enrol_them(room: Classroom) -> None:
    ana = room.pupils[0]
    made(room.keep_out(ana))
    made(room.clear(ana, room.co_account))  # a co-teacher may undo it

    run = room.world.run(room.owner)
    assert ana.id in room.roster()
    assert run.counts.students_restored == 1
    assert room.decisions().exceptions == ()


def test_a_student_kept_in_stays_until_their_date_then_is_dropped(room: Classroom) -> None:
    ana, *rest = room.pupils
    today = room.world.clock.today()
    made(room.keep_in(ana, today + timedelta(days=3), room.co_account))
    room.clever_lists(*rest)

    run = room.world.run(room.owner)
    assert ana.id in room.roster()
    assert run.counts.students_dropped == 0 and run.counts.changes_skipped_by_decisions == 1

    room.world.clock.advance(days=4)
    run = room.world.run(room.owner)
    assert ana.id not in room.roster()
    assert run.counts.students_dropped == 1
    assert room.decisions().exceptions == ()
    assert room.world.history(room.section)[-1][:2] == (ana.id, "dropped")


def test_keep_in_restores_a_dropped_student_and_keeps_them(room: Classroom) -> None:
    ana, *rest = room.pupils
    room.clever_lists(*rest)
    room.world.run(room.owner)
    made(room.keep_in(ana))
    assert ana.id in room.roster()

    room.world.run(room.owner)
    assert ana.id in room.roster()


def test_the_hold_counts_only_the_drops_that_will_happen(world: World) -> None:
    room = classroom(world, size=3)
    a, b, _c = room.pupils
    made(room.keep_in(a))
    made(room.keep_in(b))
    room.clever_lists()  # Clever drops all three: one real drop of three is no mass change

    run = world.run(room.owner)
    assert run.status.value == "succeeded"
    assert room.roster() == room.ids(a, b)


def test_the_preview_names_what_a_decision_keeps_out(room: Classroom) -> None:
    ana = room.pupils[0]
    made(room.keep_out(ana))

    preview = room.world.services.preview_sync(PreviewSyncCommand(room.owner.id))
    assert isinstance(preview, ChangeSet)
    assert [s.message for s in preview.skipped] == [
        f"Clever lists {ana.name}; kept out by your decision"
    ]
    assert preview.restored == ()


def test_bad_decisions_are_refused_clearly(room: Classroom) -> None:
    world = room.world
    stranger = world.students(1)[0]
    yesterday = world.clock.today() - timedelta(days=1)
    outsider = world.connect(world.teacher())
    pupil_account = world.connect(room.pupils[0])

    assert isinstance(room.keep_out(stranger), DecisionRefused)
    assert isinstance(room.keep_in(room.pupils[1], yesterday), DecisionRefused)
    assert isinstance(room.clear(room.pupils[1]), DecisionRefused)
    assert isinstance(room.keep_out(room.pupils[1], outsider), NotFound)
    assert isinstance(room.keep_out(room.pupils[1], pupil_account), NotFound)
    assert room.decisions().exceptions == ()
    assert len(room.roster()) == len(room.pupils)


def test_decisions_survive_an_archive_and_a_restore(room: Classroom) -> None:
    ana = room.pupils[0]
    made(room.keep_out(ana))
    section = room.section
    for _ in range(2):  # one class of three archived is no mass change
        room.world.section([room.owner], room.world.students(1))
    room.world.run(room.owner)
    room.world.delete_section(section.id)
    room.world.run(room.owner)
    assert room.world.class_view(section).archived
    room.world.clever.add_section(section)
    room.world.run(room.owner)

    assert not room.world.class_view(section).archived
    assert ana.id not in room.roster()
    assert [e.kind for e in room.decisions().exceptions] == ["KEEP_OUT"]


def test_forget_district_deletes_decisions(room: Classroom) -> None:
    made(room.keep_out(room.pupils[0]))
    room.world.services.forget_district(room.section.district_id)  # type: ignore[arg-type]

    assert room.world.store.exceptions == {}
    assert room.world.store.modes == {}


def test_a_keep_in_date_cannot_be_in_the_past_but_today_is_fine(room: Classroom) -> None:
    made(room.keep_in(room.pupils[0], room.world.clock.today()))
    assert room.decisions().exceptions[0].until == room.world.clock.today()
    assert room.world.clock.today() > date(2000, 1, 1)


def test_the_decision_says_whether_clever_still_lists_the_student(room: Classroom) -> None:
    ana, *rest = room.pupils
    made(room.keep_out(ana))
    assert room.decisions().exceptions[0].clever_lists is True

    room.clever_lists(*rest)
    room.world.run(room.owner)
    assert room.decisions().exceptions[0].clever_lists is False

    room.clever_lists(ana, *rest)
    writes = room.world.writes
    room.world.run(room.owner)
    assert room.decisions().exceptions[0].clever_lists is True
    assert room.world.writes == writes + 1  # only the flag: she stays out
    room.world.run(room.owner)
    assert room.world.writes == writes + 1
