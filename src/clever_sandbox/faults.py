"""Fault injection for data requests (rate limits, 5xx, bad bodies, latency)."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Failure:
    """An injected failure to answer instead of the real response."""

    status: int
    rate_limited: bool = False


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self._rate_limit_burst = 0
            self._server_errors: list[int] = []
            self._latency = 0.0
            self._truncate = 0
            self._html = 0
            self._random_429: tuple[float, random.Random] | None = None
            self._fail_after: tuple[int, int] | None = None

    def rate_limit_burst(self, count: int) -> None:
        with self._lock:
            self._rate_limit_burst += count

    def server_errors(self, count: int, status: int = 503) -> None:
        with self._lock:
            self._server_errors.extend([status] * count)

    def latency(self, seconds: float) -> None:
        with self._lock:
            self._latency = max(0.0, seconds)

    def truncate_next(self, count: int) -> None:
        with self._lock:
            self._truncate += count

    def html_next(self, count: int) -> None:
        with self._lock:
            self._html += count

    def random_429(self, fraction: float, seed: int = 0) -> None:
        with self._lock:
            self._random_429 = (fraction, random.Random(seed)) if fraction > 0 else None

    def fail_after(self, n_requests: int, status: int = 500) -> None:
        """Let n more requests through, then fail every one until clear()."""
        with self._lock:
            self._fail_after = (n_requests, status)

    @property
    def delay(self) -> float:
        return self._latency

    def next_failure(self) -> Failure | None:
        """Decide, for one incoming data request, whether it fails."""
        with self._lock:
            if self._fail_after is not None:
                remaining, status = self._fail_after
                if remaining <= 0:
                    return Failure(status)
                self._fail_after = (remaining - 1, status)
            if self._server_errors:
                return Failure(self._server_errors.pop(0))
            if self._rate_limit_burst > 0:
                self._rate_limit_burst -= 1
                return Failure(429, rate_limited=True)
            if self._random_429 is not None:
                fraction, rng = self._random_429
                if rng.random() < fraction:
                    return Failure(429, rate_limited=True)
            return None

    def take_body_fault(self) -> str | None:
        """'truncate' or 'html' when the next successful body should be broken."""
        with self._lock:
            if self._truncate > 0:
                self._truncate -= 1
                return "truncate"
            if self._html > 0:
                self._html -= 1
                return "html"
            return None
