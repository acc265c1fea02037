"""One contract for every SyncCursorStore: memory, SQLite and Postgres."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from adapters.memory.sync_cursors import FakeSyncCursorStore
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.sync_cursors import SqlAlchemySyncCursorStore
from application.clever_events import SyncCursor
from application.ports import SyncCursorStore

DISTRICT = "5b2ad81a709e300001e2cd2a"
OTHER = "5b2ad81a709e300001e2cd2b"
MONDAY = datetime(2026, 9, 7, 3, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest) -> Iterator[SyncCursorStore]:
    if request.param == "memory":
        yield FakeSyncCursorStore()
        return
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    engine = make_engine(url)
    yield SqlAlchemySyncCursorStore(engine)
    engine.dispose()


def test_a_saved_cursor_reads_back_per_district(store: SyncCursorStore) -> None:
    cursor = SyncCursor(DISTRICT, "e" * 24, MONDAY, MONDAY + timedelta(hours=1))

    store.save(cursor)

    assert store.get(DISTRICT) == cursor
    assert store.get(OTHER) is None


def test_saving_again_moves_the_cursor_and_keeps_no_event_as_none(store: SyncCursorStore) -> None:
    store.save(SyncCursor(DISTRICT, "e" * 24, MONDAY, MONDAY))
    later = SyncCursor(DISTRICT, None, MONDAY + timedelta(days=7), MONDAY + timedelta(days=7))

    store.save(later)

    assert store.get(DISTRICT) == later


def test_forgetting_a_district_leaves_the_others(store: SyncCursorStore) -> None:
    store.save(SyncCursor(DISTRICT, "e" * 24, MONDAY, MONDAY))
    store.save(SyncCursor(OTHER, "f" * 24, MONDAY, MONDAY))

    store.forget(DISTRICT)
    store.forget(DISTRICT)

    assert store.get(DISTRICT) is None
    assert store.get(OTHER) is not None
