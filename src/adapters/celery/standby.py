"""One beat schedules, any other stands by: celery-redbeat keeps the schedule and a lock in Redis.

The active beat renews the lock every loop; a standby asks for it every loop. When the active beat
dies, its lock lapses BEAT_LOCK_SECONDS after its last renewal and a standby takes over within one
more loop (under a minute in all). The schedule's last run times live in Redis too, so the new
beat does not send a tick the old one already sent; the daily sync's own once-a-day ledger
(application.daily_sync) catches anything else (a second scheduler on another broker, a retry).
"""

from __future__ import annotations

from typing import Any

from adapters.settings import is_redis_url

BEAT_LOOP_SECONDS = 10
BEAT_LOCK_SECONDS = 30
BEAT_KEY_PREFIX = "rostersync:beat:"
REDBEAT_SCHEDULER = "redbeat.RedBeatScheduler"


def standby_beat_conf(broker_url: str | None) -> dict[str, Any]:
    """Celery settings for a Redis broker; other brokers keep Celery's file-based scheduler."""
    if not is_redis_url(broker_url):
        return {}
    return {
        "beat_scheduler": REDBEAT_SCHEDULER,
        "beat_max_loop_interval": BEAT_LOOP_SECONDS,
        "redbeat_redis_url": broker_url,
        "redbeat_redis_options": {},
        "redbeat_key_prefix": BEAT_KEY_PREFIX,
        "redbeat_lock_timeout": BEAT_LOCK_SECONDS,
    }
