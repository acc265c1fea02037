"""Every class field a remembered answer may hold changes with the roster version: a change
made elsewhere (a co-teacher's mutation, a sync in another process, the retention job) shows
on the very next read of an answer that was being served from memory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from starlette.testclient import TestClient

from application.retention import RetentionCommand
from domain.snapshot import CleverPerson, CleverSection
from domain.term import Term
from tests.graphql.world import GraphWorld, data
from tests.persistence.backends import Backend
from tests.request_path.world import answer, sync_elsewhere, world_on

FIELDS = """{ viewer { classes(includeArchived: true) {
  id name archived archivedReason keptAfterTerm term { name startDate endDate }
  syncMode waitingChanges
  exceptions { student { id name } kind until madeBy { id name } madeAt cleverLists }
} } }"""
ROSTER = """{ viewer { classes(includeArchived: true) {
  id students { name gradeLevel } rosterHistory { action syncRunId } } } }"""
MODE = """mutation($id: ID!, $mode: ClassSyncMode!) {
  setClassSyncMode(classId: $id, mode: $mode) { id } }"""
OUT = "mutation($id: ID!, $s: ID!) { keepStudentOut(classId: $id, studentId: $s) { id } }"
IN = "mutation($id: ID!, $s: ID!) { keepStudentIn(classId: $id, studentId: $s) { id } }"
KEEP = "mutation($id: ID!) { keepClassAfterTerm(classId: $id, keep: true) { id } }"
TERM = Term("term-2030", "2030-2031 School Year", date(2030, 8, 19), date(2031, 6, 6))


@dataclass
class Room:
    world: GraphWorld
    backend: Backend
    owner: CleverPerson
    pupils: list[CleverPerson]
    section: CleverSection
    client: TestClient  # the owner's: reads the answer that is remembered
    co_client: TestClient  # the co-teacher's: changes things through mutations

    def sync_elsewhere(self) -> None:
        """Another process when the storage is a database; another unit of work in memory."""
        self.world.clock.advance(minutes=5)
        if self.backend.engine is None:
            self.world.sync(self.owner)
        else:
            sync_elsewhere(self.world, self.backend.engine, self.owner.id)

    def change(self, mutation: str, **variables: object) -> None:
        data(self.co_client, mutation, id=self.section.id, **variables)

    def the_class(self, query: str = FIELDS) -> dict[str, Any]:
        classes = answer(self.client, query)["data"]["viewer"]["classes"]
        [found] = [c for c in classes if c["id"] == self.section.id]
        return dict(found)


def room_on(backend: Backend) -> Room:
    world = world_on(backend)
    world.grant_district()
    owner, co_teacher = world.teacher(), world.teacher()
    pupils = world.students(3)
    world.clever.terms = {TERM.id: TERM}
    section = world.section([owner, co_teacher], pupils, name="Algebra")
    for name in ("Biology", "Chemistry"):  # archiving one class of three is never held
        world.section([owner], world.students(1), name=name)
    world.sync(owner)
    client = world.signed_in(world.account(owner))
    co_client = world.signed_in(world.account(co_teacher))
    return Room(world, backend, owner, pupils, section, client, co_client)


def pause(room: Room) -> None:
    room.change(MODE, mode="PAUSED")


def keep_out(room: Room) -> None:
    room.change(OUT, s=room.pupils[0].id)


def keep_in_then_clever_drops(room: Room) -> None:
    room.change(IN, s=room.pupils[0].id)


def drop_in_clever(room: Room) -> None:
    room.world.change_section(room.section.id, student_ids=(room.pupils[1].id,))
    room.sync_elsewhere()


def keep_after_term(room: Room) -> None:
    room.change(KEEP)


def term_in_clever(room: Room) -> None:
    room.world.change_section(room.section.id, term_id=TERM.id)
    room.sync_elsewhere()


def section_gone(room: Room) -> None:
    del room.world.clever.sections[room.section.id]
    room.sync_elsewhere()


def shown(field: str, value: object) -> Callable[[dict[str, Any]], bool]:
    return lambda klass: bool(klass[field] == value)


# (made before the answer is remembered, the change made elsewhere, what the next read shows)
CHANGES: dict[str, tuple[Callable[[Room], None] | None, Callable[[Room], None], Any]] = {
    "syncMode": (None, pause, shown("syncMode", "PAUSED")),
    "exceptions": (None, keep_out, lambda c: [e["kind"] for e in c["exceptions"]] == ["KEEP_OUT"]),
    "waitingChanges": (pause, drop_in_clever, shown("waitingChanges", ["2 students to drop"])),
    "exceptions.cleverLists": (
        keep_in_then_clever_drops,
        drop_in_clever,
        lambda c: [e["cleverLists"] for e in c["exceptions"]] == [False],
    ),
    "keptAfterTerm": (None, keep_after_term, shown("keptAfterTerm", True)),
    "term": (
        None,
        term_in_clever,
        shown("term", {"name": TERM.name, "startDate": "2030-08-19", "endDate": "2031-06-06"}),
    ),
    "archivedReason": (None, section_gone, shown("archivedReason", "SECTION_GONE")),
}


def test_a_query_of_the_new_class_fields_is_answered_from_memory(backend: Backend) -> None:
    room = room_on(backend)
    first = room.the_class()
    room.world.reader.calls.clear()

    assert room.the_class() == first

    assert set(room.world.reader.calls) <= {"roster_version_and_viewer"}  # the session's only


@pytest.mark.parametrize("field", CHANGES)
def test_a_change_made_elsewhere_shows_on_the_next_read(backend: Backend, field: str) -> None:
    before, change, expected = CHANGES[field]
    room = room_on(backend)
    if before is not None:
        before(room)
    remembered = room.the_class()
    assert room.the_class() == remembered  # answered from memory from now on
    assert not expected(remembered)

    change(room)

    assert expected(room.the_class())


def test_what_retention_erases_shows_on_the_next_read(backend: Backend) -> None:
    """A year after a class was archived, its students' grades go and old sync runs are
    deleted (the history keeps its entries, without their run)."""
    room = room_on(backend)
    section_gone(room)
    remembered = room.the_class(ROSTER)
    assert room.the_class(ROSTER) == remembered
    assert all(s["gradeLevel"] for s in remembered["students"])
    assert all(e["syncRunId"] for e in remembered["rosterHistory"])

    room.world.clock.advance(days=400)
    room.world.services.apply_retention(RetentionCommand())

    erased = room.the_class(ROSTER)
    assert [s["gradeLevel"] for s in erased["students"]] == [None] * 3
    assert [e["syncRunId"] for e in erased["rosterHistory"]] == [None] * 3
