"""How long a signed-in session lasts: it ends after an idle spell (shared classroom devices),
and at the latest a fixed time after sign-in, used or not. And what a session brings to the
request that loads it: its data, and who it signs in as read with it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from application.ports.read_models import VersionedViewer
from domain.accounts import Role
from domain.viewer import Viewer

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


# The session as a request loads it carries, under this key, who it signs in as the store read
# with it (the viewer and the roster version, or null when the account is gone). Never stored.
SIGNED_IN_KEY = "__signed_in__"


def with_signed_in(data: bytes, current: VersionedViewer | None) -> bytes:
    """A stored session (JSON) with who it signs in, as read in the same snapshot."""
    loaded = json.loads(data)
    loaded[SIGNED_IN_KEY] = None if current is None else _entry(current)
    return json.dumps(loaded).encode()


def signed_in_from(entry: dict[str, Any]) -> VersionedViewer:
    viewer = Viewer(
        entry["account_id"],
        entry["name"],
        Role(entry["role"]),
        entry["clever_id"],
        entry["teacher_id"],
        entry["student_id"],
    )
    return VersionedViewer(entry["roster_version"], viewer)


def _entry(current: VersionedViewer) -> dict[str, Any]:
    viewer = current.viewer
    return {
        "roster_version": current.roster_version,
        "account_id": viewer.account_id,
        "name": viewer.name,
        "role": viewer.role.value,
        "clever_id": viewer.clever_id,
        "teacher_id": viewer.teacher_id,
        "student_id": viewer.student_id,
    }
