"""A person Clever deleted leaves every class, even when Clever sends only users.deleted (no
sections.updated) or its section records still list them for a while."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace

import pytest

from adapters.clever.events import HttpxCleverEvents
from application.clever_events import DistrictChanges
from clever_sandbox.server import RunningSandbox
from domain.snapshot import RosterSnapshot
from domain.sync_run import SyncTrigger
from tests.events.memory_world import MemoryWorld, memory_world
from tests.events.world import section_owners


class OnlyUserDeletions:
    """Clever's events minus the section updates, optionally with lagging section records."""

    def __init__(self, real: HttpxCleverEvents) -> None:
        self.real = real
        self.lagging: set[str] = set()
        self.reread: list[str] = []

    def newest_event_id(self, district_id: str) -> str | None:
        return self.real.newest_event_id(district_id)

    def changes_after(self, district_id: str, cursor: str | None) -> DistrictChanges:
        return replace(self.real.changes_after(district_id, cursor), sections={})

    def current_sections(self, district_id: str, section_ids: Collection[str]) -> RosterSnapshot:
        self.reread.extend(sorted(section_ids))
        now = self.real.current_sections(district_id, section_ids)
        stale = tuple(
            replace(s, student_ids=(*s.student_ids, *sorted(self.lagging))) for s in now.sections
        )
        return replace(now, sections=stale)

    def current_people(self, *args: object) -> RosterSnapshot:
        return self.real.current_people(*args)  # type: ignore[arg-type]


@pytest.fixture
def world(clever: RunningSandbox) -> Iterator[MemoryWorld]:
    made = memory_world(clever, events=lambda real: OnlyUserDeletions(real))
    yield made
    made.close()


@pytest.mark.parametrize("lagging", [False, True], ids=["section re-read", "section still lists"])
def test_a_deleted_student_is_dropped_from_every_class(world: MemoryWorld, lagging: bool) -> None:
    sandbox = world.clever.sandbox
    stub = world.services.sync_district.incremental.events  # type: ignore[union-attr]
    assert isinstance(stub, OnlyUserDeletions)
    teacher = section_owners(sandbox)[0]
    world.start_rostering([teacher])
    world.sync()
    taught = [s for s in sandbox.sections() if teacher in s["teachers"]]
    student = next(st for s in taught for st in s["students"])
    classes = {s["id"] for s in taught if student in s["students"]}
    stub.lagging = {student} if lagging else set()
    sandbox.delete_user(student)

    result = world.sync()

    assert {r.trigger for r in result.runs} == {SyncTrigger.EVENTS}
    assert set(stub.reread) == classes
    enrolled = world.services.reader.classes_for_students([student])[student]
    assert enrolled == []
    assert sum(r.counts.students_dropped for r in result.runs) == len(classes)
