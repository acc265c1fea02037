"""SyncCursorStore in SQL: one row per district, written in its own short transaction."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.engine import SQLITE_BEGIN
from adapters.sqlalchemy.tables import district_sync_cursors
from application.clever_events import SyncCursor

COLUMNS = ("event_id", "full_sync_at", "saved_at")


class SqlAlchemySyncCursorStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, district_id: str) -> SyncCursor | None:
        query = select(district_sync_cursors).where(
            district_sync_cursors.c.district_id == district_id
        )
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
            row = conn.execute(query).first()
        if row is None:
            return None
        return SyncCursor(row.district_id, row.event_id, row.full_sync_at, row.saved_at)

    def save(self, cursor: SyncCursor) -> None:
        values = {
            "district_id": cursor.district_id,
            "event_id": cursor.event_id,
            "full_sync_at": cursor.full_sync_at,
            "saved_at": cursor.saved_at,
        }
        stmt = dialect_insert(self.engine, district_sync_cursors).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["district_id"], set_={name: values[name] for name in COLUMNS}
        )
        with self.engine.begin() as conn:
            conn.execute(stmt)

    def forget(self, district_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(district_sync_cursors).where(
                    district_sync_cursors.c.district_id == district_id
                )
            )
