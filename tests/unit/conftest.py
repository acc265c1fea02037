from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

import bootstrap
from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.runtime import FakeClock
from adapters.settings import Settings
from application.premium_grants import GrantPremiumCommand
from application.results import SyncResult, SyncStarted
from application.sync_teacher import SyncTeacherCommand
from domain.licensing import LicenseScope
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncRun, SyncTrigger
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory


@dataclass
class World:
    """A Clever district in memory and the service wired to it."""

    services: bootstrap.Services
    clever: FakeCleverDirectory
    clock: FakeClock

    def teacher(self, **kw: object) -> CleverPerson:
        person = TeacherFactory(**kw)
        self.clever.add_person(person)
        return person

    def students(self, count: int, **kw: object) -> list[CleverPerson]:
        people = [StudentFactory(**kw) for _ in range(count)]
        for person in people:
            self.clever.add_person(person)
        return people

    def section(self, teachers: list[CleverPerson], students: list[CleverPerson], **kw: object) -> CleverSection:
        section = SectionFactory(
            teacher_id=teachers[0].id,
            teacher_ids=tuple(t.id for t in teachers),
            student_ids=tuple(s.id for s in students),
            **kw,
        )
        self.clever.add_section(section)
        return section

    def change_section(self, section_id: str, **kw: object) -> None:
        self.clever.sections[section_id] = replace(self.clever.sections[section_id], **kw)

    def grant_district(self) -> None:
        self.services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, DISTRICT))

    def sync(self, teacher: CleverPerson, trigger: SyncTrigger = SyncTrigger.MANUAL) -> SyncResult:
        return self.services.sync_teacher(SyncTeacherCommand(teacher.id, trigger))

    def run(self, teacher: CleverPerson) -> SyncRun:
        result = self.sync(teacher)
        assert isinstance(result, SyncStarted), result
        return result.run

    def class_names(self, teacher: CleverPerson) -> list[str]:
        classes = self.services.reader.classes_for_teachers([teacher.id], include_archived=False)
        return [c.name for c in classes[teacher.id]]

    def roster(self, section: CleverSection) -> list[str]:
        views = self.services.reader.students_for_classes([section.id])[section.id]
        return sorted(v.id for v in views)


@pytest.fixture
def world() -> World:
    clever = FakeCleverDirectory()
    clock = FakeClock()
    services = bootstrap.in_memory(Settings(), directory=clever)
    services = bootstrap.wire(
        Settings(),
        uow=services.uow,
        reader=services.reader,
        directory=clever,
        clock=clock,
        lock=services.lock,
    )
    return World(services, clever, clock)
