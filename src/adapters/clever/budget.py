"""A Clever token's request budget, shared by every process that spends it.

Clever allows a number of requests a minute per token (1,200). Every process that reads a
district (the daily job, each teacher's manual sync, on any number of workers and web
processes) spends the same token's budget, so the budget lives in one store (Redis, the
database, or this process alone) and every request takes from it first. Background work
(the daily and events syncs) may take only a share of it, so a teacher's "Sync with Clever"
always finds room, and takes it at an even pace through the minute, never in a burst: a
teacher's sync then never meets the whole share at once (interactive requests are not paced).
A 429 pauses the token for every process until the time Clever named.
Budgets are keyed by a hash of the token: a token never reaches the store or a log.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

log = logging.getLogger(__name__)

CLEVER_REQUESTS_PER_MINUTE = 1200


class Priority(StrEnum):
    INTERACTIVE = "interactive"  # a teacher waiting on "Sync with Clever", a sign-in
    BACKGROUND = "background"  # the daily job, events syncs, an operator's district sync


_priority: contextvars.ContextVar[Priority] = contextvars.ContextVar(
    "clever_priority", default=Priority.INTERACTIVE
)


@contextmanager
def background_priority() -> Iterator[None]:
    """Clever requests made inside this block spend only the background share of the budget."""
    reset = _priority.set(Priority.BACKGROUND)
    try:
        yield
    finally:
        _priority.reset(reset)


def current_priority() -> Priority:
    return _priority.get()


@dataclass(frozen=True, slots=True)
class BudgetShare:
    """How many requests a minute a token may spend, and how many of them background work may."""

    per_minute: int = CLEVER_REQUESTS_PER_MINUTE
    background_share: float = 0.75

    def __post_init__(self) -> None:
        if self.per_minute < 1:
            raise ValueError("a Clever budget needs at least one request a minute")
        if not 0 < self.background_share <= 1:
            raise ValueError("the background share must be more than 0 and at most 1")

    def allowed(self, priority: Priority) -> int:
        if priority is Priority.INTERACTIVE:
            return self.per_minute
        return max(1, math.floor(self.per_minute * self.background_share))

    def background_per_second(self) -> int:
        """The pace of background work: its share spread over the minute (at least one a
        second, so a small share still moves)."""
        return max(1, math.ceil(self.allowed(Priority.BACKGROUND) / 60))


class BudgetUnavailable(Exception):
    """The budget's store could not be reached (Redis or the database is down)."""


class CleverBudget(Protocol):
    """Where the budget lives. ``take`` and ``pause`` must be atomic across processes; a
    store that cannot be reached raises BudgetUnavailable."""

    def take(self, key: str, priority: Priority) -> float:
        """Count one request and return 0, or return the seconds to wait (counting nothing)."""
        ...

    def pause(self, key: str, until: float) -> None:
        """No request for this key before ``until`` (epoch seconds); a later pause wins."""
        ...

    def paused_until(self, key: str) -> float:
        """The epoch second this key's pause ends (0 or the past when it is not paused)."""
        ...


def budget_key(token: str) -> str:
    """A stable name for a token's budget that does not reveal the token."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def spend(
    budget: CleverBudget,
    key: str,
    *,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
) -> None:
    """Wait out the key's pause, if any, then until its budget has room, and count one request.
    A pause is waited out once: if Clever still refuses, the retry policy decides what next.
    A teacher who has to wait tells every process so: background requests of the token then
    hold back until just after the teacher's turn, so the room that frees up is the teacher's.
    When the store is down the request goes ahead: Clever's own 429s still slow it down."""
    try:
        priority = current_priority()
        resume = budget.paused_until(key)
        now = clock()
        if resume > now:
            log.info("Clever asked every process to wait; pausing %.2f s", resume - now)
            _teacher_waits(budget, key, priority, resume)
            sleep(resume - now)
        while True:
            if priority is Priority.BACKGROUND:
                held = budget.paused_until(teacher_waiting_key(key)) - clock()
                if held > 0:
                    log.debug("a teacher waits for this Clever budget; holding back %.2f s", held)
                    sleep(held)
                    continue
            wait = budget.take(key, priority)
            if wait <= 0:
                return
            log.debug("Clever budget spent (%s); waiting %.2f s", priority.value, wait)
            _teacher_waits(budget, key, priority, clock() + wait)
            sleep(wait)
    except BudgetUnavailable as exc:
        log.warning("Clever budget store unavailable (%s); asking Clever anyway", exc)


# How long after a waiting teacher's turn background requests still hold back: the time the
# teacher's process needs to wake up and count its request.
TEACHER_TURN_SECONDS = 1.0


def teacher_waiting_key(key: str) -> str:
    """The pause that only background requests honour: a teacher is waiting for ``key``."""
    return f"{key}:teacher-waiting"


def _teacher_waits(budget: CleverBudget, key: str, priority: Priority, turn: float) -> None:
    if priority is Priority.INTERACTIVE:
        budget.pause(teacher_waiting_key(key), turn + TEACHER_TURN_SECONDS)


def pause(budget: CleverBudget, key: str, until: float) -> bool:
    """Tell every process sharing the budget to wait until ``until``. False when the store is
    down: the caller then waits on its own."""
    try:
        budget.pause(key, until)
    except BudgetUnavailable as exc:
        log.warning("Clever budget store unavailable (%s); waiting alone", exc)
        return False
    return True
