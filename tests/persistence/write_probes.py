"""Ways to see what a piece of code wrote: statements sent, rows changed per table."""

from __future__ import annotations

import re
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from adapters.sqlalchemy.tables import ROSTER_TABLES
from bench.database import roster_write_counts

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)


@contextmanager
def roster_write_statements(engine: Engine) -> Iterator[Counter[str]]:
    """Counts INSERT/UPDATE/DELETE statements sent to each roster table while inside."""
    seen: Counter[str] = Counter()

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        match = _WRITE.match(statement)
        if match and match.group(1) in ROSTER_TABLES:
            seen[match.group(1)] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def install_sqlite_row_log(engine: Engine) -> None:
    """Triggers that log every row inserted, updated or deleted in the roster tables."""
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE row_log (tbl TEXT NOT NULL, op TEXT NOT NULL)")
        for table in ROSTER_TABLES:
            for op in ("INSERT", "UPDATE", "DELETE"):
                conn.exec_driver_sql(
                    f"CREATE TRIGGER log_{table}_{op.lower()} AFTER {op} ON {table} "
                    f"BEGIN INSERT INTO row_log VALUES ('{table}', '{op}'); END"
                )


def sqlite_rows_written(engine: Engine) -> Counter[str]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT tbl, count(*) FROM row_log GROUP BY tbl").all()
    return Counter({tbl: n for tbl, n in rows})


def tagged_postgres_url(url: str) -> tuple[str, str]:
    """The URL with a unique application_name, to find this engine's server processes."""
    name = f"rostersync-probe-{uuid.uuid4().hex[:8]}"
    return make_url(url).update_query_dict({"application_name": name}).render_as_string(False), name


def postgres_rows_written(engine: Engine, application_name: str) -> Counter[str]:
    """Rows inserted+updated+deleted per roster table since the database was created.

    Closing the engine's connections makes each server process flush its statistics before it
    leaves pg_stat_activity, so once none is left the counters are complete."""
    engine.dispose()
    untagged = engine.url.difference_update_query(["application_name"])
    observer = create_engine(untagged, isolation_level="AUTOCOMMIT")
    with observer.connect() as conn:
        deadline = time.monotonic() + 30
        alive = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :n")
        while conn.execute(alive, {"n": application_name}).scalar():
            if time.monotonic() > deadline:
                raise TimeoutError("server processes of the probed engine did not exit")
            time.sleep(0.02)
        written = roster_write_counts(conn)
    observer.dispose()
    return written
