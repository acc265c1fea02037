"""CleverBudget in the database, for deployments without Redis: one short statement a request.

Requests are counted in fixed five-second windows, each allowed a thirteenth of the minute's
budget: any minute of Clever's overlaps at most thirteen of them, so the token's limit holds
however Clever's own windows are aligned. Background requests are also counted in one-second
windows of their own (rows keyed ``<key>:pace``), each allowed the share's pace. The upsert
counts a request only while its window has room, so processes racing for the last slot cannot
overspend it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Engine, Executable, delete, select
from sqlalchemy.exc import OperationalError

from adapters.clever.budget import BudgetShare, BudgetUnavailable, Priority
from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.engine import SQLITE_BEGIN
from adapters.sqlalchemy.tables import clever_budget_pauses, clever_budget_windows

WINDOW_SECONDS = 5
WINDOWS_A_MINUTE_TOUCHES = 60 // WINDOW_SECONDS + 1
KEEP_WINDOWS_SECONDS = 120


def pace_key(key: str) -> str:
    """The rows that pace a key's background requests, one a second."""
    return f"{key}:pace"


class SqlAlchemyCleverBudget:
    def __init__(
        self,
        engine: Engine,
        share: BudgetShare | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        share = share or BudgetShare()
        self.engine = engine
        self.clock = clock
        self.every_cap = max(1, share.per_minute // WINDOWS_A_MINUTE_TOUCHES)
        self.background_cap = max(1, share.allowed(Priority.BACKGROUND) // WINDOWS_A_MINUTE_TOUCHES)
        self.pace = share.background_per_second()

    def take(self, key: str, priority: Priority) -> float:
        now = self.clock()
        start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
        background = priority is Priority.BACKGROUND
        # Commits only when every count had room: a request held back spends nothing.
        with _unavailable_as_budget_error(), self.engine.connect() as conn:
            if background and conn.execute(self._pace(key, int(now))).scalar() is None:
                return int(now) + 1 - now
            counted = conn.execute(self._count(key, start, background)).scalar()
            if counted is None:
                return start + WINDOW_SECONDS - now
            if counted == 1:  # the first request of a new window sweeps out old ones
                table = clever_budget_windows
                conn.execute(
                    delete(table).where(table.c.window_start < start - KEEP_WINDOWS_SECONDS)
                )
            conn.commit()
        return 0.0

    def _count(self, key: str, start: int, background: bool) -> Executable:
        """Count one request in the key's five-second window while the window has room."""
        table = clever_budget_windows
        room = table.c.requests < self.every_cap
        if background:
            room = room & (table.c.background_requests < self.background_cap)
        return self._upsert(key, start, int(background), room)

    def _pace(self, key: str, second: int) -> Executable:
        """Count one background request in the key's one-second pace window while it has room."""
        room = clever_budget_windows.c.background_requests < self.pace
        return self._upsert(pace_key(key), second, 1, room)

    def _upsert(
        self, key: str, start: int, background: int, room: ColumnElement[bool]
    ) -> Executable:
        table = clever_budget_windows
        upsert: Executable = (
            dialect_insert(self.engine, table)
            .values(budget_key=key, window_start=start, requests=1, background_requests=background)
            .on_conflict_do_update(
                index_elements=["budget_key", "window_start"],
                set_={
                    "requests": table.c.requests + 1,
                    "background_requests": table.c.background_requests + background,
                },
                where=room,
            )
            .returning(table.c.requests)
        )
        return upsert

    def pause(self, key: str, until: float) -> None:
        table = clever_budget_pauses
        insert = dialect_insert(self.engine, table).values(budget_key=key, resume_at=until)
        stmt = insert.on_conflict_do_update(
            index_elements=["budget_key"],
            set_={"resume_at": insert.excluded.resume_at},
            where=table.c.resume_at < insert.excluded.resume_at,
        )
        with _unavailable_as_budget_error(), self.engine.begin() as conn:
            conn.execute(stmt)

    def paused_until(self, key: str) -> float:
        query = select(clever_budget_pauses.c.resume_at).where(
            clever_budget_pauses.c.budget_key == key
        )
        with _unavailable_as_budget_error(), self.engine.connect() as conn:
            conn = conn.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
            resume = conn.execute(query).scalar()
        return float(resume) if resume is not None else 0.0


@contextmanager
def _unavailable_as_budget_error() -> Iterator[None]:
    """The database being unreachable (or locked past its timeout) must not stop a sync."""
    try:
        yield
    except OperationalError as exc:
        raise BudgetUnavailable(f"database: {type(exc.orig).__name__}") from exc
