"""How long a signed-in session lasts: it ends after an idle spell (shared classroom devices),
and at the latest a fixed time after sign-in, used or not."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

ACCOUNT_KEY = "account_id"  # the session's key for the signed-in account

# A session's last use is written down at most this often (every request would be a write);
# the idle timeout is then measured to within this much, never in the session's favour by more.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class SessionLifetime:
    idle: timedelta
    absolute: timedelta

    def alive(self, created_at: datetime, last_seen_at: datetime, now: datetime) -> bool:
        return now - last_seen_at < self.idle and now - created_at < self.absolute

    def expires_at(self, created_at: datetime, last_seen_at: datetime) -> datetime:
        return min(last_seen_at + self.idle, created_at + self.absolute)

    def touch_due(self, last_seen_at: datetime, now: datetime) -> bool:
        return now - last_seen_at >= min(TOUCH_EVERY, self.idle / 10)


def digest(session_id: str) -> str:
    """Stores key sessions by a digest of their id: a copy of the store signs nobody in."""
    return hashlib.sha256(session_id.encode(errors="replace")).hexdigest()


def account_of(data: bytes) -> int | None:
    """The signed-in account of a stored session (JSON), so its sessions can be ended."""
    try:
        value = json.loads(data).get(ACCOUNT_KEY)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None
