"""Settings: environment variables prefixed ROSTERSYNC_, read once (names are a public interface)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    daily_sync_hour: int = Field(default=3, ge=0, le=23)
    daily_sync_minute: int = Field(default=0, ge=0, le=59)
    daily_sync_window_minutes: int = Field(default=120, ge=0)
    full_reconcile_days: int = Field(default=7, ge=1)
    demographics_audit_window_seconds: int = Field(default=60, ge=0, le=3600)
    clever_requests_per_minute: int = Field(default=1200, ge=1)
    clever_background_share: float = Field(default=0.75, gt=0, le=1)
    clever_budget_store: str = "auto"

    @field_validator("clever_budget_store")
    @classmethod
    def _known_budget_store(cls, value: str) -> str:
        value = value.strip()
        if value in ("auto", "memory", "database") or value.startswith(("redis://", "rediss://")):
            return value
        raise ValueError("must be auto, memory, database, or a redis:// URL")

    @field_validator("clever_api_url", "clever_oauth_url", "public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def clever_redirect_uri(self) -> str:
        return f"{self.public_url}/auth/clever/callback"
