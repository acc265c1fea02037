"""DailySyncLedger in SQL: the primary key on the day lets exactly one claimant in."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, select

from adapters.sqlalchemy.batches import dialect_insert
from adapters.sqlalchemy.tables import daily_sync_days


class SqlAlchemyDailySyncLedger:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def claim(self, day: date, claimant: str, at: datetime) -> bool:
        insert = dialect_insert(self.engine, daily_sync_days).values(
            day=day, claimed_by=claimant, started_at=at
        )
        owner = select(daily_sync_days.c.claimed_by).where(daily_sync_days.c.day == day)
        with self.engine.begin() as conn:
            conn.execute(insert.on_conflict_do_nothing(index_elements=["day"]))
            return conn.execute(owner).scalar() == claimant
