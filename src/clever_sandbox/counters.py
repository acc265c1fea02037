"""Request counting and the per-token rate limiter."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass


class RequestLog:
    """How many requests the sandbox served, in total and per route."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def record(self, endpoint: str) -> None:
        with self._lock:
            self._counts[endpoint] += 1

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self._counts.values())

    @property
    def by_endpoint(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()


@dataclass(frozen=True, slots=True)
class RateStatus:
    limit: int
    remaining: int
    reset_epoch: int
    allowed: bool
    retry_after: int = 1

    def headers(self) -> dict[str, str]:
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_epoch),
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.retry_after)
        return headers


class RateLimiter:
    """Fixed one-minute windows per bearer token, as Clever documents."""

    def __init__(self, per_minute: int, clock: Callable[[], float]) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, int]] = {}

    def hit(self, token: str) -> RateStatus:
        now = self._clock()
        window = int(now // 60)
        reset = (window + 1) * 60
        with self._lock:
            start, used = self._windows.get(token, (window, 0))
            if start != window:
                used = 0
            used += 1
            self._windows[token] = (window, used)
        allowed = used <= self.per_minute
        retry_after = max(1, int(reset - now))
        return RateStatus(
            self.per_minute, max(0, self.per_minute - used), reset, allowed, retry_after
        )

    def injected(self) -> RateStatus:
        """Headers for an injected 429: the reset is about a second ahead."""
        return RateStatus(self.per_minute, 0, int(self._clock()) + 1, False)
