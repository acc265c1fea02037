"""What the composition root hands out: every wired use case and the ports behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from adapters.settings import Settings
from application.accounts import LinkAccount, PasswordLogin, SignUp, SSOLogin
from application.approve_held_sync import ApproveHeldSync
from application.daily_sync import StartDailySync
from application.explain_student import ExplainStudent
from application.export_students import ExportDistrictStudents, ExportStudent
from application.forget_district import ForgetDistrict
from application.keep_class import KeepClassAfterTerm
from application.ports import (
    CleverDirectory,
    Clock,
    PasswordHasher,
    RosterReader,
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
from application.sync_teacher import SyncTeacher


@dataclass
class Services:
    settings: Settings
    uow: UnitOfWorkFactory
    reader: RosterReader
    directory: CleverDirectory
    clock: Clock
    lock: SyncLock
    queue: SyncQueue
    sync_teacher: SyncTeacher
    sync_district: SyncDistrict
    request_sync: RequestSync
    preview_sync: PreviewSync
    approve_held_sync: ApproveHeldSync
    grant_premium: GrantPremium
    rename_class: RenameClass
    keep_class_after_term: KeepClassAfterTerm
    decide_roster: DecideRoster
    forget_district: ForgetDistrict
    sign_up: SignUp
    password_login: PasswordLogin
    sso_login: SSOLogin
    link_account: LinkAccount
    hasher: PasswordHasher
    start_daily_sync: StartDailySync
    apply_retention: ApplyRetention
    export_student: ExportStudent
    export_district_students: ExportDistrictStudents
    explain_student: ExplainStudent
    extras: dict[str, Any] = field(default_factory=dict)
