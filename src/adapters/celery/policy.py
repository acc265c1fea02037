"""How long a sync may run, when the broker hands it out again, and how often we retry."""

from __future__ import annotations

from dataclasses import dataclass

from celery.utils.time import get_exponential_backoff_interval

from adapters.settings import Settings

HOUR = 3600
TIME_LIMIT = 1800


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    visibility_timeout: int = HOUR
    time_limit: int = TIME_LIMIT
    soft_time_limit: int = 1700
    max_retries: int = 5
    retry_base_seconds: int = 60
    retry_max_seconds: int = 900
    # Seconds between a worker's sweeps for messages whose worker died; None keeps kombu's
    # default (a scan about every 100 s), which adds to the visibility timeout.
    restore_sweep_seconds: int | None = None

    def __post_init__(self) -> None:
        if not 0 < self.soft_time_limit < self.time_limit < self.visibility_timeout:
            raise ValueError(
                "need 0 < soft_time_limit < time_limit < visibility_timeout, or the broker "
                "hands a still-running sync to a second worker"
            )
        if self.max_retries < 0 or self.retry_base_seconds < 0:
            raise ValueError("retries and their delay cannot be negative")

    @classmethod
    def for_settings(cls, settings: Settings) -> DeliveryPolicy:
        """Redis holds a countdown task unacknowledged until it runs, so the visibility timeout
        must outlast the daily spread plus a run, or spread-out district jobs run twice.
        In process (no broker) a retry would run at once and block the caller: none."""
        if settings.celery_broker_url is None:
            return cls(max_retries=0)
        spread_and_run = settings.daily_sync_window_minutes * 60 + TIME_LIMIT + 600
        return cls(visibility_timeout=max(HOUR, spread_and_run))

    def broker_transport_options(self) -> dict[str, int | str]:
        # A worker asks Redis for its queues in the order it names them (WORKER_QUEUES), so a
        # free pool process takes a waiting teacher's sync before queued background work.
        options: dict[str, int | str] = {
            "visibility_timeout": self.visibility_timeout,
            "queue_order_strategy": "priority",
        }
        if self.restore_sweep_seconds is not None:
            options["unacked_restore_interval"] = self.restore_sweep_seconds
            options["unacked_restore_throttle"] = 1
        return options

    def retry_countdown(self, retries_so_far: int) -> int:
        return int(
            get_exponential_backoff_interval(
                self.retry_base_seconds, retries_so_far, self.retry_max_seconds, full_jitter=False
            )
        )
