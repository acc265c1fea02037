from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime

import pytest

import bootstrap
from adapters.celery import CelerySyncQueue, DeliveryPolicy, RostersyncCelery, install, make_celery
from adapters.celery.names import SYNC_QUEUE
from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.reader import FakeRosterReader
from adapters.memory.runtime import FakeClock, FakeSyncLock
from adapters.memory.unit_of_work import FakeUnitOfWorkFactory
from adapters.settings import Settings
from adapters.sqlalchemy.migrate import migrate
from application.accounts import LoginResult, SSOLogin
from application.ports import CleverLogin
from application.premium_grants import GrantPremiumCommand
from application.request_sync import RequestSyncCommand
from application.results import SyncResult, SyncStarted
from application.sync_teacher import SyncTeacherCommand
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncRun
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.databases import fresh_postgres_database


def make_settings(**overrides: object) -> Settings:
    """Settings independent of the environment; no broker (tasks run eagerly) unless given."""
    values: dict[str, object] = {"celery_broker_url": None, **overrides}
    return Settings(**values)  # type: ignore[arg-type]


@dataclass
class CeleryWorld:
    """A Clever district in memory, the service wired to it, and a Celery app driving it."""

    app: RostersyncCelery
    services: bootstrap.Services
    clever: FakeCleverDirectory
    clock: FakeClock

    def teacher(self, district_id: str = DISTRICT, **kw: object) -> CleverPerson:
        person = TeacherFactory(district_id=district_id, **kw)
        self.clever.add_person(person)
        return person

    def students(self, count: int, district_id: str = DISTRICT) -> list[CleverPerson]:
        people = [StudentFactory(district_id=district_id) for _ in range(count)]
        for person in people:
            self.clever.add_person(person)
        return people

    def section(self, teacher: CleverPerson, students: list[CleverPerson]) -> CleverSection:
        section = SectionFactory(
            district_id=teacher.district_id,
            teacher_id=teacher.id,
            teacher_ids=(teacher.id,),
            student_ids=tuple(s.id for s in students),
        )
        self.clever.add_section(section)
        return section

    def enrol(self, section: CleverSection, student: CleverPerson) -> None:
        current = self.clever.sections[section.id]
        self.clever.sections[section.id] = replace(
            current, student_ids=(*current.student_ids, student.id)
        )

    def grant(self, scope: LicenseScope, clever_id: str, until: date | None = None) -> None:
        self.services.grant_premium(GrantPremiumCommand(scope, clever_id, until))

    def sign_in(self, teacher: CleverPerson) -> int:
        login = CleverLogin(teacher.id, teacher.district_id, "teacher", teacher.name)
        result = SSOLogin(self.services.uow)(login)
        assert isinstance(result, LoginResult), result
        assert result.account.id is not None
        return result.account.id

    def press_sync(self, account_id: int) -> SyncResult:
        return self.services.request_sync(RequestSyncCommand(account_id))

    def manual_sync(self, teacher: CleverPerson) -> SyncRun:
        result = self.services.sync_teacher(SyncTeacherCommand(teacher.id))
        assert isinstance(result, SyncStarted), result
        return result.run

    def roster(self, section: CleverSection) -> list[str]:
        views = self.services.reader.students_for_classes([section.id]).get(section.id, [])
        return sorted(v.id for v in views)

    def runs_of(self, teacher: CleverPerson) -> list[SyncRun]:
        return self.services.reader.sync_runs_for_teacher(teacher.id, first=100)

    def close(self) -> None:
        """The in-memory broker is shared by the whole process: leave nothing queued in it."""
        drain_published(self.app)
        self.app.close()


def build_world(settings: Settings, policy: DeliveryPolicy | None = None) -> CeleryWorld:
    clever = FakeCleverDirectory()
    clock = FakeClock()
    app = make_celery(settings, policy)
    factory = FakeUnitOfWorkFactory()
    services = bootstrap.wire(
        settings,
        uow=factory,
        reader=FakeRosterReader(factory.store),
        directory=clever,
        clock=clock,
        lock=FakeSyncLock(),
        queue=CelerySyncQueue(app),
    )
    install(app, lambda: services)
    return CeleryWorld(app, services, clever, clock)


@pytest.fixture
def sandbox() -> Iterator[RunningSandbox]:
    """A small Clever district served over HTTP."""
    with serve_in_thread(Sandbox(seed=7, students=300)) as running:
        yield running


@pytest.fixture
def database_url() -> Iterator[str]:
    """A fresh, migrated Postgres database (skips, or fails in CI, when Postgres is down)."""
    with fresh_postgres_database() as url:
        migrate(url)
        yield url


@pytest.fixture
def world() -> Iterator[CeleryWorld]:
    built = build_world(make_settings())
    yield built
    built.close()


@dataclass(frozen=True)
class Published:
    task: str
    args: list[object]
    eta: datetime | None
    queue: str


def drain_published(app: RostersyncCelery) -> list[Published]:
    """The task messages waiting in the app's (in-memory) broker, removed from it."""
    messages: list[Published] = []
    with app.connection_for_read() as conn, conn.SimpleQueue(SYNC_QUEUE, no_ack=True) as queue:
        while True:
            try:
                message = queue.get(block=False)
            except queue.Empty:
                return messages
            eta = message.headers.get("eta")
            messages.append(
                Published(
                    task=message.headers["task"],
                    args=list(message.payload[0]),
                    eta=datetime.fromisoformat(eta) if eta else None,
                    queue=message.delivery_info["routing_key"],
                )
            )
