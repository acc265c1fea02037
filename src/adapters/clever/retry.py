"""Retry rules: wait out a 429 as long as Clever asks (within a cap), back off on 5xx and network faults."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How patient the client is. ``sleep`` and ``clock`` are injectable so tests run fast."""

    attempts: int = 5
    backoff_base: float = 0.5
    backoff_max: float = 10.0
    rate_limit_wait_max: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")


class TransientFailure(Exception):
    """One attempt failed in a way that another attempt may fix."""

    def __init__(
        self, reason: str, *, rate_limit_wait: float | None = None, paused: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.rate_limit_wait = rate_limit_wait
        # The wait was recorded in the shared budget; the next attempt waits it out there.
        self.paused = paused

    @property
    def rate_limited(self) -> bool:
        return self.rate_limit_wait is not None


def rate_limit_wait(headers: httpx.Headers, now: float) -> float:
    """Seconds until Clever accepts requests again: Retry-After if given, else X-RateLimit-Reset."""
    retry_after = headers.get("Retry-After", "").strip()
    if retry_after:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            try:
                return max(0.0, parsedate_to_datetime(retry_after).timestamp() - now)
            except (TypeError, ValueError):
                pass
    try:
        return max(0.0, float(headers.get("X-RateLimit-Reset", "")) - now)
    except ValueError:
        return 0.0


def retrying(policy: RetryPolicy, target: str) -> Retrying:
    """A tenacity controller that retries TransientFailure and re-raises the last one."""
    backoff = wait_random_exponential(multiplier=policy.backoff_base, max=policy.backoff_max)

    def wait(state: RetryCallState) -> float:
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, TransientFailure) and failure.paused:
            return 0.0
        if isinstance(failure, TransientFailure) and failure.rate_limit_wait:
            return min(failure.rate_limit_wait, policy.rate_limit_wait_max)
        return float(backoff(state))

    def before_sleep(state: RetryCallState) -> None:
        failure = state.outcome.exception() if state.outcome else None
        delay = state.next_action.sleep if state.next_action else 0.0
        log.warning(
            "Clever %s: %s; retrying in %.2f s (attempt %d of %d)",
            target,
            failure,
            delay,
            state.attempt_number + 1,
            policy.attempts,
        )

    def sleep(seconds: float) -> None:
        if seconds > 0:
            policy.sleep(seconds)

    return Retrying(
        stop=stop_after_attempt(policy.attempts),
        wait=wait,
        retry=retry_if_exception_type(TransientFailure),
        sleep=sleep,
        before_sleep=before_sleep,
        reraise=True,
    )
