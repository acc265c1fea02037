"""The beat schedule: the daily sync once a day at the configured time (UTC), and retention an
hour before it (so its deletes never meet the sync's writes)."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab

from adapters.celery.names import DAILY_SYNC_TASK, RETENTION_TASK, SYNC_QUEUE
from adapters.settings import Settings

DAILY_SYNC_ENTRY = "rostersync-daily-sync"
# A tick nobody picked up for most of a day is superseded by the next one.
DAILY_SYNC_EXPIRES_SECONDS = 23 * 3600
RETENTION_ENTRY = "rostersync-daily-retention"


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    return {
        DAILY_SYNC_ENTRY: {
            "task": DAILY_SYNC_TASK,
            "schedule": crontab(minute=settings.daily_sync_minute, hour=settings.daily_sync_hour),
            "options": {"queue": SYNC_QUEUE, "expires": DAILY_SYNC_EXPIRES_SECONDS},
        },
        RETENTION_ENTRY: {
            "task": RETENTION_TASK,
            "schedule": crontab(
                minute=settings.daily_sync_minute, hour=(settings.daily_sync_hour - 1) % 24
            ),
            "options": {"queue": SYNC_QUEUE, "expires": DAILY_SYNC_EXPIRES_SECONDS},
        },
    }
