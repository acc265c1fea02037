"""Settings and ports in, wired use cases out; everything in memory for tests."""

from __future__ import annotations

from datetime import timedelta

from adapters.clock import SystemClock
from adapters.memory.daily_sync import FakeDailySyncLedger
from adapters.memory.directory import FakeCleverDirectory
from adapters.memory.reader import FakeRosterReader
from adapters.memory.runtime import FakeSyncLock, FakeSyncQueue
from adapters.memory.unit_of_work import FakeUnitOfWorkFactory
from adapters.passwords import Argon2PasswordHasher
from adapters.settings import Settings
from application.accounts import LinkAccount, PasswordLogin, SignUp, SSOLogin
from application.approve_held_sync import ApproveHeldSync
from application.daily_sync import DailySyncLedger, StartDailySync
from application.explain_student import ExplainStudent
from application.export_students import ExportDistrictStudents, ExportStudent
from application.forget_district import ForgetDistrict
from application.keep_class import KeepClassAfterTerm
from application.ports import (
    CleverDirectory,
    CleverEvents,
    Clock,
    PasswordHasher,
    RosterReader,
    SyncCursorStore,
    SyncLock,
    SyncQueue,
    UnitOfWorkFactory,
)
from application.premium_grants import GrantPremium
from application.preview_sync import PreviewSync
from application.rename_class import RenameClass
from application.request_sync import RequestSync
from application.retention import ApplyRetention
from application.roster_decisions import DecideRoster
from application.sync_district import SyncDistrict
from application.sync_events import IncrementalDistrictSync
from application.sync_teacher import SyncTeacher, SyncTeacherCommand
from bootstrap.services import Services
from domain.sync_run import SyncTrigger


def in_memory(
    settings: Settings | None = None, directory: CleverDirectory | None = None
) -> Services:
    """Everything in memory: for tests of the driving adapters."""
    factory = FakeUnitOfWorkFactory()
    return wire(
        settings or Settings(),
        uow=factory,
        reader=FakeRosterReader(factory.store),
        directory=directory or FakeCleverDirectory(),
        clock=SystemClock(),
        lock=FakeSyncLock(),
    )


def wire(
    settings: Settings,
    *,
    uow: UnitOfWorkFactory,
    reader: RosterReader,
    directory: CleverDirectory,
    clock: Clock,
    lock: SyncLock,
    queue: SyncQueue | None = None,
    hasher: PasswordHasher | None = None,
    events: CleverEvents | None = None,
    cursors: SyncCursorStore | None = None,
    daily_ledger: DailySyncLedger | None = None,
    live_directory: CleverDirectory | None = None,
) -> Services:
    """``live_directory`` answers an explanation's live look at Clever (a short timeout, no
    retries); ``directory`` by default."""
    threshold = settings.hold_threshold
    archive_days = settings.term_end_archive_days
    incremental = (
        IncrementalDistrictSync(
            uow,
            events,
            clock,
            lock,
            cursors,
            settings.full_reconcile_days,
            threshold,
            archive_days,
        )
        if events is not None and cursors is not None
        else None
    )
    sync_teacher = SyncTeacher(uow, directory, clock, lock, threshold, archive_days)
    eager = FakeSyncQueue(
        run_teacher=lambda tid, trigger, run_id: sync_teacher(
            SyncTeacherCommand(tid, SyncTrigger(trigger), run_id)
        )
    )
    chosen = queue or eager
    request_sync = RequestSync(
        uow, chosen, clock, timedelta(seconds=settings.manual_sync_min_interval_seconds)
    )
    return Services(
        settings=settings,
        uow=uow,
        reader=reader,
        directory=directory,
        clock=clock,
        lock=lock,
        queue=chosen,
        sync_teacher=sync_teacher,
        sync_district=SyncDistrict(
            uow, directory, clock, lock, threshold, incremental, archive_days
        ),
        request_sync=request_sync,
        preview_sync=PreviewSync(uow, directory, clock, threshold, archive_days),
        approve_held_sync=ApproveHeldSync(uow, clock, lock),
        grant_premium=GrantPremium(uow, clock),
        rename_class=RenameClass(uow),
        keep_class_after_term=KeepClassAfterTerm(uow),
        decide_roster=DecideRoster(uow, clock, request_sync),
        forget_district=ForgetDistrict(uow),
        sign_up=SignUp(uow, hasher or Argon2PasswordHasher()),
        password_login=PasswordLogin(uow, hasher or Argon2PasswordHasher()),
        sso_login=SSOLogin(uow),
        link_account=LinkAccount(uow),
        hasher=hasher or Argon2PasswordHasher(),
        start_daily_sync=StartDailySync(daily_ledger or FakeDailySyncLedger(), clock),
        apply_retention=ApplyRetention(uow, clock, settings.retention_policy),
        export_student=ExportStudent(uow),
        export_district_students=ExportDistrictStudents(uow),
        explain_student=ExplainStudent(reader, live_directory or directory),
    )


def ensure_district_premium(services: Services, district_id: str) -> None:
    """The demo district gets Premium once."""
    from application.premium_grants import GrantPremiumCommand
    from domain.licensing import LicenseScope

    with services.uow() as uow:
        if any(
            lic.scope is LicenseScope.DISTRICT
            for lic in uow.licenses.covering(None, district_id, ())
        ):
            return
    services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, district_id))
