"""A Clever district in memory and the service wired to it, as the unit tests drive it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from argon2 import PasswordHasher

import bootstrap
from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.reader import FakeRosterReader
from adapters.memory.runtime import FakeClock, FakeSyncLock, FakeSyncQueue
from adapters.memory.store import MemoryStore
from adapters.passwords import Argon2PasswordHasher
from adapters.settings import Settings
from application.accounts import LinkAccount, LoginResult, PasswordLogin, SignUp, SSOLogin
from application.approve_held_sync import ApproveHeldSyncCommand
from application.ports import (
    ClassTeacherView,
    ClassView,
    CleverLogin,
    DemographicsView,
    StudentView,
)
from application.premium_grants import GrantPremiumCommand
from application.results import SyncResult, SyncStarted
from application.sync_teacher import SyncTeacherCommand
from domain.accounts import Account
from domain.changeset import ChangeSet
from domain.licensing import LicenseScope
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncRun, SyncTrigger
from tests.factories import (
    DISTRICT,
    CleverLoginFactory,
    SectionFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.unit.recording import RecordingUnitOfWorkFactory

# Real Argon2id, at a cost that keeps the unit suite fast.
FAST_HASHER = Argon2PasswordHasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@dataclass
class World:
    services: bootstrap.Services
    clever: FakeCleverDirectory
    clock: FakeClock
    uow: RecordingUnitOfWorkFactory

    @property
    def store(self) -> MemoryStore:
        return self.uow.store

    @property
    def writes(self) -> int:
        """Roster rows written so far (sync runs not counted)."""
        return self.store.writes

    @property
    def applied(self) -> list[ChangeSet]:
        return self.uow.applied

    # Clever's side -------------------------------------------------------------------------

    def teacher(self, **kw: object) -> CleverPerson:
        person: CleverPerson = TeacherFactory(**kw)
        self.clever.add_person(person)
        return person

    def students(self, count: int, **kw: object) -> list[CleverPerson]:
        people: list[CleverPerson] = [StudentFactory(**kw) for _ in range(count)]
        for person in people:
            self.clever.add_person(person)
        return people

    def section(
        self, teachers: list[CleverPerson], students: list[CleverPerson], **kw: object
    ) -> CleverSection:
        """A section owned by the first teacher, with every teacher listed."""
        fields: dict[str, object] = {
            "teacher_id": teachers[0].id if teachers else None,
            "teacher_ids": tuple(t.id for t in teachers),
            "student_ids": tuple(s.id for s in students),
        }
        section: CleverSection = SectionFactory(**{**fields, **kw})
        self.clever.add_section(section)
        return section

    def change_section(self, section_id: str, **kw: object) -> None:
        self.clever.sections[section_id] = replace(self.clever.sections[section_id], **kw)

    def enroll_only(self, section: CleverSection, students: list[CleverPerson]) -> None:
        self.change_section(section.id, student_ids=tuple(s.id for s in students))

    def delete_section(self, section_id: str) -> None:
        del self.clever.sections[section_id]

    def change_person(self, person_id: str, **kw: object) -> CleverPerson:
        person = replace(self.clever.people[person_id], **kw)
        self.clever.add_person(person)
        return person

    # Licences and syncs ----------------------------------------------------------------------

    def grant(
        self,
        scope: LicenseScope = LicenseScope.DISTRICT,
        clever_id: str = DISTRICT,
        until: date | None = None,
    ) -> None:
        self.services.grant_premium(GrantPremiumCommand(scope, clever_id, until))

    def sync(self, teacher: CleverPerson, trigger: SyncTrigger = SyncTrigger.MANUAL) -> SyncResult:
        return self.services.sync_teacher(SyncTeacherCommand(teacher.id, trigger))

    def run(self, teacher: CleverPerson, trigger: SyncTrigger = SyncTrigger.MANUAL) -> SyncRun:
        result = self.sync(teacher, trigger)
        assert isinstance(result, SyncStarted), result
        return result.run

    def approve(self, run: SyncRun, teacher_id: str) -> object:
        assert run.id is not None
        return self.services.approve_held_sync(ApproveHeldSyncCommand(run.id, teacher_id))

    # Accounts --------------------------------------------------------------------------------

    def sign_up(self) -> SignUp:
        return SignUp(self.services.uow, FAST_HASHER)

    def password_login(self) -> PasswordLogin:
        return PasswordLogin(self.services.uow, FAST_HASHER)

    def sso_login(self) -> SSOLogin:
        return SSOLogin(self.services.uow)

    def link_account(self) -> LinkAccount:
        return LinkAccount(self.services.uow)

    def connect(self, person: CleverPerson) -> Account:
        """The person signs in with Clever."""
        return self.connect_as(CleverLoginFactory.for_person(person))

    def connect_as(self, login: CleverLogin) -> Account:
        result = self.sso_login()(login)
        assert isinstance(result, LoginResult), result
        return result.account

    def account(self, account_id: int) -> Account | None:
        return self.store.accounts.get(account_id)

    # What users see --------------------------------------------------------------------------

    def classes(self, teacher: CleverPerson, include_archived: bool = False) -> list[ClassView]:
        reader = self.services.reader
        return reader.classes_for_teachers([teacher.id], include_archived)[teacher.id]

    def class_names(self, teacher: CleverPerson, include_archived: bool = False) -> list[str]:
        return [c.name for c in self.classes(teacher, include_archived)]

    def class_view(self, section: CleverSection) -> ClassView:
        return self.services.reader.classes_by_id([section.id])[section.id]

    def roster(self, section: CleverSection) -> list[str]:
        """Ids of the students actively enrolled in the class."""
        views = self.services.reader.students_for_classes([section.id])[section.id]
        return sorted(v.id for v in views)

    def student_view(self, section: CleverSection, student: CleverPerson) -> StudentView:
        views = self.services.reader.students_for_classes([section.id])[section.id]
        return next(v for v in views if v.id == student.id)

    def teachers_on(self, section: CleverSection) -> dict[str, ClassTeacherView]:
        views = self.services.reader.teachers_for_classes([section.id])[section.id]
        return {v.teacher_id: v for v in views}

    def history(self, section: CleverSection) -> list[tuple[str, str, int | None]]:
        events = self.services.reader.history_for_classes([section.id])[section.id]
        return [(e.student_id, e.action, e.sync_run_id) for e in events]

    def demographics(self, student: CleverPerson) -> DemographicsView:
        return self.services.reader.demographics_for_students([student.id])[student.id]

    def runs(self, teacher: CleverPerson) -> list[SyncRun]:
        return self.services.reader.sync_runs_for_teacher(teacher.id, 100)


def make_world(
    hold_threshold: float = 0.5,
    eager_queue: bool = True,
    manual_sync_min_interval_seconds: int = 30,
) -> World:
    clever = FakeCleverDirectory()
    clock = FakeClock()
    uow = RecordingUnitOfWorkFactory()
    services = bootstrap.wire(
        Settings(
            hold_threshold=hold_threshold,
            manual_sync_min_interval_seconds=manual_sync_min_interval_seconds,
        ),
        uow=uow,
        reader=FakeRosterReader(uow.store),
        directory=clever,
        clock=clock,
        lock=FakeSyncLock(),
        queue=None if eager_queue else FakeSyncQueue(),
    )
    return World(services, clever, clock, uow)
