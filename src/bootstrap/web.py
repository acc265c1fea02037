"""The web app's dependencies and the uvicorn factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from adapters.settings import Settings
from bootstrap.real_adapters import build
from bootstrap.services import Services


def web_dependencies(services: Services) -> Any:
    """The service answers a repeat at an unchanged roster version from memory."""
    from adapters.clever.identity import AuthlibCleverIdentity
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
    identity = AuthlibCleverIdentity(
        settings.clever_oauth_url,
        settings.clever_client_id,
        settings.clever_client_secret,
        settings.clever_redirect_uri,
        api_url=settings.clever_api_url,
        api_version=settings.clever_api_version,
    )
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
        clever_identity=identity,
        explain_student=services.explain_student,
        readiness_checks=_readiness_checks(services),
        clock=services.clock,
        sessions=sessions,
        revoker=sessions,
        audit=DemographicsAudit(SqlAlchemyDemographicsAuditLog(extras["engine"]), window),
        answers=RememberedAnswers(),
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


def asgi_app() -> Any:
    """The uvicorn factory: `uvicorn --factory bootstrap:asgi_app`."""
    from adapters.logs import redact_access_log
    from graphql_api.app import create_app

    redact_access_log()
    return create_app(web_dependencies(build(Settings())))
