"""Where in the daily window a district's job starts: stable per district, even across processes."""

from __future__ import annotations

import hashlib


def district_countdown(district_id: str, window_minutes: int) -> int:
    """Seconds to wait before syncing this district; the same every day, spread over the window."""
    window_seconds = window_minutes * 60
    if window_seconds <= 0:
        return 0
    digest = hashlib.sha256(district_id.encode()).digest()
    return int.from_bytes(digest[:8], "big") % window_seconds
