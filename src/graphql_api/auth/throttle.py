"""Throttling password sign-in and sign-up, by account and by client address (`limits`).

Failed sign-ins count per address (any account), per account and address together (the hard
limit, with growing waits), and per account from anywhere (the soft one: once an account has
had many failures, each address gets one try an hour at it, so the real user can still sign
in from their own address while a stolen password list cannot be tried from many). Accounts
are keyed by the email as typed (hashed), whether or not such an account exists, so the
answers say nothing about who has an account.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Iterator

from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)

FAILED_PER_ADDRESS = parse_many("30/minute;300/hour")
FAILED_PER_ACCOUNT_AND_ADDRESS = parse_many("5/minute;10/hour;20/day")
FAILED_PER_ACCOUNT = parse_many("10/hour")
ONCE_UNDER_ATTACK_PER_ADDRESS = parse_many("1/hour")
SIGN_UPS_PER_ADDRESS = parse_many("30/minute;300/day")
SIGN_UPS_PER_EMAIL = parse_many("10/hour")

Limit = tuple[RateLimitItem, tuple[str, ...]]


def throttle_storage(redis_url: str | None) -> Storage:
    """Redis (the Celery broker's) shares the counts between processes; memory otherwise."""
    storage = storage_from_string(redis_url or "memory://")
    assert isinstance(storage, Storage), "a synchronous storage URL"
    return storage


class SignInThrottle:
    def __init__(self, storage: Storage | None = None) -> None:
        self.limiter = MovingWindowRateLimiter(storage or throttle_storage(None))

    def sign_in_wait(self, email: str, address: str) -> int:
        """Seconds before this address may try this account again; 0 when it may now."""
        account = _account(email)
        limits = [
            *_each(FAILED_PER_ADDRESS, "sign-in", address),
            *_each(FAILED_PER_ACCOUNT_AND_ADDRESS, "sign-in", account, address),
        ]
        if self._wait(list(_each(FAILED_PER_ACCOUNT, "sign-in", account))):
            limits += _each(ONCE_UNDER_ATTACK_PER_ADDRESS, "sign-in-soft", account, address)
        return self._wait(limits)

    def sign_in_failed(self, email: str, address: str) -> None:
        account = _account(email)
        self._hit(
            [
                *_each(FAILED_PER_ADDRESS, "sign-in", address),
                *_each(FAILED_PER_ACCOUNT_AND_ADDRESS, "sign-in", account, address),
                *_each(FAILED_PER_ACCOUNT, "sign-in", account),
                *_each(ONCE_UNDER_ATTACK_PER_ADDRESS, "sign-in-soft", account, address),
            ]
        )

    def sign_up_wait(self, email: str, address: str) -> int:
        return self._wait(self._sign_up_limits(email, address))

    def sign_up_attempted(self, email: str, address: str) -> None:
        self._hit(self._sign_up_limits(email, address))

    def _sign_up_limits(self, email: str, address: str) -> list[Limit]:
        return [
            *_each(SIGN_UPS_PER_ADDRESS, "sign-up", address),
            *_each(SIGN_UPS_PER_EMAIL, "sign-up", _account(email)),
        ]

    def _wait(self, limits: list[Limit]) -> int:
        try:
            now, waits = time.time(), [0.0]
            for item, keys in limits:
                if not self.limiter.test(item, *keys):
                    reset = self.limiter.get_window_stats(item, *keys).reset_time
                    waits.append(reset - now)
            return math.ceil(max(waits))
        except Exception as exc:  # the store (Redis) is down: sign-in must still work
            log.warning("sign-in throttle unavailable (%s): not throttling", type(exc).__name__)
            return 0

    def _hit(self, limits: list[Limit]) -> None:
        try:
            for item, keys in limits:
                self.limiter.hit(item, *keys)
        except Exception as exc:
            log.warning("sign-in throttle unavailable (%s): not counted", type(exc).__name__)


def retry_text(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    wait = f"{seconds} seconds" if seconds < 120 else f"{minutes} minutes"
    return f"Too many attempts. Please wait {wait} and try again."


def _each(items: list[RateLimitItem], *keys: str) -> Iterator[Limit]:
    return ((item, keys) for item in items)


def _account(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()[:32]
