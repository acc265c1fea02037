"""Production and embedded wiring: SQLAlchemy on the configured database, httpx to Clever,
Celery (eager in process when no broker is configured)."""

from __future__ import annotations

from typing import Any

from adapters.clock import SystemClock
from adapters.settings import Settings
from bootstrap.services import Services
from bootstrap.use_cases import wire


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
        celery_app=celery_app,
        clever_oauth=oauth,
    )
    if settings.celery_broker_url is None:
        install(celery_app, lambda: services)
    else:
        install(celery_app, lambda: build(settings))
    return services
