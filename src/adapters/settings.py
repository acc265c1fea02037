"""Settings: environment variables prefixed ROSTERSYNC_, read once (names are a public interface)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from application.retention import RetentionPolicy, RetentionPolicyError


def is_redis_url(url: str | None) -> bool:
    """The one test of whether a URL names Redis (a broker, a budget store)."""
    return url is not None and url.startswith(("redis://", "rediss://"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROSTERSYNC_", extra="ignore")

    database_url: str = "sqlite:///./rostersync.db"
    database_pool_size: int = Field(default=20, ge=1, le=100)
    database_statement_timeout_ms: int = Field(default=15_000, ge=0)
    celery_broker_url: str | None = None
    clever_api_url: str = "https://api.clever.com"
    clever_api_version: Literal["v3.0", "v3.1"] = "v3.1"
    clever_oauth_url: str = "https://clever.com"
    clever_client_id: str | None = None
    clever_client_secret: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    secret_key: str | None = None
    token_key: str | None = None
    env: Literal["development", "production", "test"] = "development"
    hold_threshold: float = Field(default=0.5, gt=0, le=1)
    # Classes whose Clever term ended this many days ago are archived by the daily job.
    term_end_archive_days: int = Field(default=14, ge=0, le=3650)
    daily_sync_hour: int = Field(default=3, ge=0, le=23)
    daily_sync_minute: int = Field(default=0, ge=0, le=59)
    daily_sync_window_minutes: int = Field(default=120, ge=0)
    full_reconcile_days: int = Field(default=7, ge=1)
    # A worker's pool process is replaced after a task once its peak RSS passed this (0: never).
    worker_max_memory_mib: int = Field(default=256, ge=0)
    demographics_audit_window_seconds: int = Field(default=60, ge=0, le=3600)
    # Sessions and request limits of the web app.
    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    session_max_hours: int = Field(default=12, ge=1, le=24 * 30)
    graphql_max_body_kib: int = Field(default=64, ge=1, le=10 * 1024)
    form_max_body_kib: int = Field(default=16, ge=1, le=1024)
    # Hardening: /metrics in production, manual sync spacing.
    metrics_token: str | None = None
    manual_sync_min_interval_seconds: int = Field(default=30, ge=0, le=3600)
    clever_requests_per_minute: int = Field(default=1200, ge=1)
    clever_background_share: float = Field(default=0.75, gt=0, le=1)
    clever_budget_store: str = "auto"

    @field_validator("clever_budget_store")
    @classmethod
    def _known_budget_store(cls, value: str) -> str:
        value = value.strip()
        if value in ("auto", "memory", "database") or is_redis_url(value):
            return value
        raise ValueError("must be auto, memory, database, or a redis:// URL")

    retention_departed_days: int = Field(default=365, ge=1)
    retention_audit_days: int = Field(default=1095, ge=1)
    retention_sync_runs_days: int = Field(default=180, ge=1)
    # How long an explanation waits for each of its (at most two) live Clever requests.
    explain_clever_timeout_seconds: float = Field(default=2.0, gt=0, le=30)

    @field_validator("clever_api_url", "clever_oauth_url", "public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _audit_outlives_what_it_describes(self) -> Settings:
        """Refused, not clamped: an operator who asked for less would otherwise believe it."""
        try:
            _ = self.retention_policy
        except RetentionPolicyError:
            raise ValueError(
                f"ROSTERSYNC_RETENTION_AUDIT_DAYS ({self.retention_audit_days}) must not be "
                f"shorter than ROSTERSYNC_RETENTION_DEPARTED_DAYS "
                f"({self.retention_departed_days}): audit entries are kept at least as long "
                f"as the demographics they describe"
            ) from None
        return self

    @property
    def retention_policy(self) -> RetentionPolicy:
        return RetentionPolicy(
            departed_days=self.retention_departed_days,
            audit_days=self.retention_audit_days,
            sync_runs_days=self.retention_sync_runs_days,
        )

    @property
    def redis_broker_url(self) -> str | None:
        """The broker's URL when the broker is Redis (its Redis is shared by the processes)."""
        return self.celery_broker_url if is_redis_url(self.celery_broker_url) else None

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def clever_redirect_uri(self) -> str:
        return f"{self.public_url}/auth/clever/callback"
