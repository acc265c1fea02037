"""The daily sync's ledger on SQL: one claimant per day across processes (engines)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine

from adapters.sqlalchemy.daily_sync import SqlAlchemyDailySyncLedger
from adapters.sqlalchemy.engine import make_engine

DAY = date(2026, 12, 2)
AT = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def test_one_claimant_a_day_whichever_process_asks(engine: Engine) -> None:
    other_process = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        beat_a = SqlAlchemyDailySyncLedger(engine)
        beat_b = SqlAlchemyDailySyncLedger(other_process)

        assert beat_a.claim(DAY, "tick-a", AT)
        assert not beat_b.claim(DAY, "tick-b", AT)
        assert beat_b.claim(DAY, "tick-a", AT)  # the same message, redelivered
        assert beat_b.claim(date(2026, 12, 3), "tick-c", AT)
    finally:
        other_process.dispose()
