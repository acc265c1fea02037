"""The composition root: Settings in, wired use cases out. Only entry points import this.

Nothing here opens a connection at import time; `build` creates engines and clients lazily-connecting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

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
from domain.sync_run import SyncTrigger


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


# --- production and embedded wiring -------------------------------------------------------


class _MissingCredentials:
    """Stands in for Clever's token endpoint until credentials are set, with a clear reason."""

    def district_tokens(self) -> dict[str, str]:
        from application.errors import CleverAuthError

        raise CleverAuthError(
            "ROSTERSYNC_CLEVER_CLIENT_ID and ROSTERSYNC_CLEVER_CLIENT_SECRET are not set"
        )

    def forget_district_tokens(self) -> None:
        return None


def build(settings: Settings) -> Services:
    """Real adapters: SQLAlchemy on the configured database, httpx to Clever, Celery (eager
    in process when no broker is configured)."""
    import httpx

    from adapters.celery import CelerySyncQueue, install, make_celery
    from adapters.clever import (
        CleverHttp,
        HttpxCleverDirectory,
        HttpxCleverIdentity,
        HttpxCleverOAuth,
        RetryPolicy,
        StoredDistrictTokens,
    )
    from adapters.clever.events import HttpxCleverEvents
    from adapters.clever_budgets import build_clever_budget
    from adapters.dev_keys import resolve_keys
    from adapters.sqlalchemy.daily_sync import SqlAlchemyDailySyncLedger
    from adapters.sqlalchemy.engine import make_engine
    from adapters.sqlalchemy.lock import SqlAlchemySyncLock
    from adapters.sqlalchemy.oauth_states import SqlAlchemyOAuthStateStore
    from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
    from adapters.sqlalchemy.sync_cursors import SqlAlchemySyncCursorStore
    from adapters.sqlalchemy.tokens import SqlAlchemyCleverTokenStore
    from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory

    secret_key, token_key = resolve_keys(
        settings.secret_key, settings.token_key, settings.production
    )
    engine = make_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        statement_timeout_ms=settings.database_statement_timeout_ms or None,
    )
    token_store = SqlAlchemyCleverTokenStore(engine, token_key)
    oauth: Any = (
        HttpxCleverOAuth(
            settings.clever_oauth_url, settings.clever_client_id, settings.clever_client_secret
        )
        if settings.clever_client_id and settings.clever_client_secret
        else _MissingCredentials()
    )
    directory = HttpxCleverDirectory(
        settings.clever_api_url,
        StoredDistrictTokens(oauth, token_store),
        settings.clever_api_version,
        http=CleverHttp(budget=build_clever_budget(settings, engine)),
    )
    quick = CleverHttp(
        timeout=httpx.Timeout(settings.explain_clever_timeout_seconds),
        retry=RetryPolicy(attempts=1),
    )
    live_directory = HttpxCleverDirectory(
        settings.clever_api_url, directory.tokens, settings.clever_api_version, http=quick
    )
    celery_app = make_celery(settings)
    services = wire(
        settings,
        uow=SqlAlchemyUnitOfWorkFactory(engine),
        reader=SqlAlchemyRosterReader(engine),
        directory=directory,
        clock=SystemClock(),
        lock=SqlAlchemySyncLock(engine),
        queue=CelerySyncQueue(celery_app),
        events=HttpxCleverEvents(directory),
        cursors=SqlAlchemySyncCursorStore(engine),
        daily_ledger=SqlAlchemyDailySyncLedger(engine),
        live_directory=live_directory,
    )
    services.extras.update(
        engine=engine,
        secret_key=secret_key,
        token_store=token_store,
        oauth_states=SqlAlchemyOAuthStateStore(engine),
        identity=HttpxCleverIdentity(settings.clever_api_url, settings.clever_api_version),
        celery_app=celery_app,
        clever_oauth=oauth,
    )
    if settings.celery_broker_url is None:
        install(celery_app, lambda: services)
    else:
        install(celery_app, lambda: build(settings))
    return services


def migrate(settings: Settings) -> None:
    from adapters.sqlalchemy.engine import make_engine
    from adapters.sqlalchemy.migrate import migrate as upgrade

    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


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


def web_dependencies(services: Services, *, remember_answers: bool = True) -> Any:
    """``remember_answers=False`` executes every roster query (the benchmark's uncached
    measurement); the service answers a repeat at an unchanged roster version from memory."""
    from adapters.sqlalchemy.audit_log import SqlAlchemyDemographicsAuditLog
    from adapters.sqlalchemy.web_sessions import SqlAlchemySessionStore
    from application.demographics_audit import DemographicsAudit
    from application.sessions import SessionLifetime
    from graphql_api.answers import RememberedAnswers
    from graphql_api.auth.throttle import SignInThrottle, throttle_storage
    from graphql_api.dependencies import WebConfig, WebDependencies

    settings = services.settings
    extras = services.extras
    config = WebConfig(
        production=settings.production,
        secret_key=extras["secret_key"],
        public_url=settings.public_url,
        clever_client_id=settings.clever_client_id,
        clever_client_secret=settings.clever_client_secret,
        clever_oauth_url=settings.clever_oauth_url,
        clever_api_url=settings.clever_api_url,
        clever_api_version=settings.clever_api_version,
        graphql_max_body_bytes=settings.graphql_max_body_kib * 1024,
        form_max_body_bytes=settings.form_max_body_kib * 1024,
        metrics_token=settings.metrics_token,
    )
    lifetime = SessionLifetime(
        idle=timedelta(minutes=settings.session_idle_minutes),
        absolute=timedelta(hours=settings.session_max_hours),
    )
    sessions = SqlAlchemySessionStore(extras["engine"], services.clock, lifetime)
    window = timedelta(seconds=settings.demographics_audit_window_seconds)
    return WebDependencies(
        config=config,
        uow=services.uow,
        reader=services.reader,
        request_sync=services.request_sync,
        preview_sync=services.preview_sync,
        approve_held_sync=services.approve_held_sync,
        rename_class=services.rename_class,
        keep_class_after_term=services.keep_class_after_term,
        decide_roster=services.decide_roster,
        sign_up=services.sign_up,
        password_login=services.password_login,
        sso_login=services.sso_login,
        link_account=services.link_account,
        oauth_states=extras["oauth_states"],
        clever_identity=extras["identity"],
        explain_student=services.explain_student,
        readiness_checks=_readiness_checks(services),
        clock=services.clock,
        sessions=sessions,
        revoker=sessions,
        audit=DemographicsAudit(SqlAlchemyDemographicsAuditLog(extras["engine"]), window),
        answers=RememberedAnswers() if remember_answers else None,
        sign_in_throttle=SignInThrottle(throttle_storage(settings.redis_broker_url)),
    )


def _readiness_checks(services: Services) -> dict[str, Callable[[], None]]:
    from sqlalchemy import text

    engine = services.extras["engine"]

    def database() -> None:
        with engine.connect() as conn:
            conn.execute(text("select 1"))

    checks: dict[str, Callable[[], None]] = {"database": database}
    broker_url = services.settings.celery_broker_url
    if broker_url:
        celery_app = services.extras["celery_app"]

        def broker() -> None:
            with celery_app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)

        checks["broker"] = broker
    return checks


def asgi_app(*, remember_answers: bool = True) -> Any:
    """The uvicorn factory: `uvicorn --factory bootstrap:asgi_app`."""
    from adapters.logs import redact_access_log
    from graphql_api.app import create_app

    redact_access_log()
    return create_app(web_dependencies(build(Settings()), remember_answers=remember_answers))


def run_worker(settings: Settings, *, concurrency: int = 2) -> int:
    from adapters.celery import run_worker as start_worker

    services = build(settings)
    return start_worker(services.extras["celery_app"], concurrency=concurrency)


def run_beat(settings: Settings) -> int:
    from adapters.celery import run_beat as start_beat

    services = build(settings)
    return start_beat(services.extras["celery_app"])
