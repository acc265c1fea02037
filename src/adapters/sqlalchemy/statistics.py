"""Planner statistics kept current after bulk roster writes (PostgreSQL).

PostgreSQL plans from the statistics ``ANALYZE`` gathers. Until autovacuum gets to a table
(up to a minute or more after a district's first sync filled it) the planner guesses, and
with an id list of a few dozen classes it guesses a sequential scan of every enrollment. The
next syncs and teachers' roster reads would pay that scan. So when this process has written a
tenth of the roster tables' rows since it last analysed them (and at least ``MIN_ROWS``), it
analyses them itself, once the transaction that wrote them has committed.

SQLite's planner prefers an index when it has no statistics, so nothing is done there.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Connection, text

from adapters.sqlalchemy.tables import ROSTER_TABLES

log = logging.getLogger(__name__)

MIN_ROWS = 5_000
SCALE = 0.1  # of the rows the roster tables held when last analysed


class PlannerStatistics:
    """Shared by every unit of work of one engine; thread-safe."""

    def __init__(self, min_rows: int = MIN_ROWS, scale: float = SCALE) -> None:
        self.min_rows = min_rows
        self.scale = scale
        self._written = 0
        self._held_rows: float | None = None  # roster rows at the last analyse, once read
        self._lock = threading.Lock()

    def written(self, conn: Connection, rows: int) -> None:
        """Call after a commit that wrote ``rows`` roster rows; may analyse on ``conn``."""
        if conn.dialect.name != "postgresql" or rows <= 0:
            return
        with self._lock:
            self._written += rows
            if self._written < self.min_rows:
                return
            if self._held_rows is None:
                self._held_rows = _roster_rows(conn)
            if self._written < self.scale * self._held_rows:
                return
            self._written = 0
        try:
            held = _analyse(conn)
        except Exception:
            # Statistics are an optimisation: the rows are committed whatever happens here.
            log.warning("could not analyse the roster tables", exc_info=True)
            conn.rollback()
            return
        with self._lock:
            self._held_rows = held


def _analyse(conn: Connection) -> float:
    conn.execute(text(f"ANALYZE {', '.join(ROSTER_TABLES)}"))
    held = _roster_rows(conn)
    conn.commit()
    log.info("analysed the roster tables after bulk writes")
    return held


def _roster_rows(conn: Connection) -> float:
    """The planner's row estimate of the roster tables (-1, never analysed, counts as 0)."""
    found = conn.execute(
        text(
            "SELECT coalesce(sum(greatest(reltuples, 0)), 0) FROM pg_class "
            "WHERE oid = ANY(CAST(:tables AS regclass[]))"
        ),
        {"tables": list(ROSTER_TABLES)},
    ).scalar_one()
    return float(found)
