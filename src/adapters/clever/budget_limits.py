"""Clever budgets on the ``limits`` library: moving one-minute windows in Redis or in process,
and a moving one-second window that paces background requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from limits import RateLimitItem, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.errors import StorageError
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from adapters.clever.budget import BudgetShare, BudgetUnavailable, Priority

KEY_PREFIX = "rostersync:clever-budget"
SOCKET_TIMEOUT = 2.0
SHORTEST_WAIT = 0.05

# A pause only ever moves later: two processes that hit a 429 together keep the longer wait.
_LATER_PAUSE = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 0
"""


class _MovingWindowBudget:
    """Every request counts against the token's limit; background ones also against their share
    and their pace. The pace is taken before the share, so a request held back by the pace
    spends nothing of the minute."""

    def __init__(self, storage: Storage, share: BudgetShare) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._every = RateLimitItemPerMinute(share.per_minute, namespace="clever-all")
        self._background = RateLimitItemPerMinute(
            share.allowed(Priority.BACKGROUND), namespace="clever-background"
        )
        self._pace = RateLimitItemPerSecond(share.background_per_second(), namespace="clever-pace")

    def take(self, key: str, priority: Priority) -> float:
        if priority is Priority.BACKGROUND:
            for minute in (self._every, self._background):
                if not self._limiter.test(minute, key):
                    return self._wait(minute, key)
            if not self._limiter.hit(self._pace, key):
                return self._wait(self._pace, key)
            if not self._limiter.hit(self._background, key):
                return self._wait(self._background, key)
        if self._limiter.hit(self._every, key):
            return 0.0
        return self._wait(self._every, key)

    def _wait(self, item: RateLimitItem, key: str) -> float:
        reset = self._limiter.get_window_stats(item, key).reset_time
        return max(SHORTEST_WAIT, reset - time.time())


class InProcessCleverBudget(_MovingWindowBudget):
    """One process's budget: enough when only one process reads Clever (the embedded default)."""

    def __init__(self, share: BudgetShare | None = None) -> None:
        super().__init__(MemoryStorage(), share or BudgetShare())
        self._pauses: dict[str, float] = {}
        self._mutex = threading.Lock()

    def pause(self, key: str, until: float) -> None:
        with self._mutex:
            self._pauses[key] = max(until, self._pauses.get(key, 0.0))

    def paused_until(self, key: str) -> float:
        with self._mutex:
            return self._pauses.get(key, 0.0)


class RedisCleverBudget(_MovingWindowBudget):
    """Shared by every process that uses the same Redis (the Celery broker's, by default)."""

    def __init__(self, url: str, share: BudgetShare | None = None) -> None:
        storage = RedisStorage(
            url, key_prefix=KEY_PREFIX, wrap_exceptions=True, socket_timeout=SOCKET_TIMEOUT
        )
        super().__init__(storage, share or BudgetShare())
        self._redis: redis.Redis = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT)
        self._later_pause = self._redis.register_script(_LATER_PAUSE)

    def take(self, key: str, priority: Priority) -> float:
        with _unavailable_as_budget_error():
            return super().take(key, priority)

    def pause(self, key: str, until: float) -> None:
        keep_ms = max(1, int((until - time.time()) * 1000) + 1000)
        with _unavailable_as_budget_error():
            self._later_pause(keys=[self._pause_key(key)], args=[repr(until), keep_ms])

    def paused_until(self, key: str) -> float:
        with _unavailable_as_budget_error():
            value: bytes | None = self._redis.get(self._pause_key(key))  # type: ignore[assignment]
        return float(value) if value is not None else 0.0

    def _pause_key(self, key: str) -> str:
        return f"{KEY_PREFIX}:pause:{key}"


@contextmanager
def _unavailable_as_budget_error() -> Iterator[None]:
    try:
        yield
    except (redis.RedisError, StorageError) as exc:
        raise BudgetUnavailable(f"Redis: {type(exc).__name__}") from exc
