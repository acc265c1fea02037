"""Whole use cases on the SQL adapters: what a teacher and a student would see."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Engine

import bootstrap
from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.runtime import FakeClock
from adapters.settings import Settings
from adapters.sqlalchemy.lock import SqlAlchemySyncLock
from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from application.approve_held_sync import ApproveHeldSyncCommand
from application.ports import CleverLogin
from application.premium_grants import GrantPremiumCommand
from application.rename_class import RenameClassCommand
from application.request_sync import RequestSyncCommand
from application.results import SyncStarted
from application.sync_teacher import SyncTeacherCommand
from domain.licensing import LicenseScope
from domain.sync_run import SyncStatus
from tests.factories import DISTRICT, SectionFactory, StudentFactory, TeacherFactory


def _services(engine: Engine, clever: FakeCleverDirectory) -> bootstrap.Services:
    services = bootstrap.wire(
        Settings(),
        uow=SqlAlchemyUnitOfWorkFactory(engine),
        reader=SqlAlchemyRosterReader(engine),
        directory=clever,
        clock=FakeClock(),
        lock=SqlAlchemySyncLock(engine),
    )
    services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, DISTRICT))
    return services


def test_a_held_mass_drop_lands_only_when_approved(engine: Engine) -> None:
    clever = FakeCleverDirectory()
    teacher, kids = TeacherFactory(), [StudentFactory() for _ in range(4)]
    for person in (teacher, *kids):
        clever.add_person(person)
    section = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=tuple(k.id for k in kids)
    )
    clever.add_section(section)
    services = _services(engine, clever)
    services.sync_teacher(SyncTeacherCommand(teacher.id))
    clever.add_section(replace(section, student_ids=(kids[0].id,)))

    held = services.sync_teacher(SyncTeacherCommand(teacher.id))

    assert isinstance(held, SyncStarted) and held.run.status is SyncStatus.HELD
    assert len(services.reader.students_for_classes([section.id])[section.id]) == 4
    assert held.run.id is not None
    approved = services.approve_held_sync(ApproveHeldSyncCommand(held.run.id, teacher.id))
    assert isinstance(approved, SyncStarted) and approved.run.status is SyncStatus.SUCCEEDED
    assert [s.id for s in services.reader.students_for_classes([section.id])[section.id]] == [
        kids[0].id
    ]
    drops = [
        e
        for e in services.reader.history_for_classes([section.id])[section.id]
        if e.action == "dropped"
    ]
    assert {e.student_id for e in drops} == {k.id for k in kids[1:]}
    assert {e.sync_run_id for e in drops} == {held.run.id}


def test_sign_in_sync_rename_and_a_student_joining(engine: Engine) -> None:
    clever = FakeCleverDirectory()
    teacher, kid = TeacherFactory(), StudentFactory()
    clever.add_person(teacher)
    clever.add_person(kid)
    section = SectionFactory(
        teacher_id=teacher.id, teacher_ids=(teacher.id,), student_ids=(kid.id,)
    )
    clever.add_section(section)
    services = _services(engine, clever)
    login = services.sso_login(CleverLogin(teacher.id, DISTRICT, "teacher", teacher.name))
    account = login.account  # type: ignore[union-attr]
    assert account.id is not None

    synced = services.request_sync(RequestSyncCommand(account.id))
    services.rename_class(RenameClassCommand(account.id, section.id, "  Our   Class "))
    clever.add_section(replace(section, name="Clever's New Name"))
    services.sync_teacher(SyncTeacherCommand(teacher.id))
    services.sso_login(CleverLogin(kid.id, DISTRICT, "student", kid.name))

    assert isinstance(synced, SyncStarted) and synced.run.status is SyncStatus.SUCCEEDED
    classes = services.reader.classes_for_teachers([teacher.id], include_archived=False)
    assert [c.name for c in classes[teacher.id]] == ["Our Class"]
    teachers = services.reader.teachers_for_classes([section.id])[section.id]
    assert [(t.teacher_id, t.connected) for t in teachers] == [(teacher.id, True)]
    students = services.reader.students_for_classes([section.id])[section.id]
    assert [(s.id, s.joined) for s in students] == [(kid.id, True)]
    assert [c.id for c in services.reader.classes_for_students([kid.id])[kid.id]] == [section.id]
