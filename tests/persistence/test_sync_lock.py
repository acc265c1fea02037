from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, text, update

from adapters.sqlalchemy.lock import SqlAlchemySyncLock, advisory_key
from adapters.sqlalchemy.tables import sync_locks


def test_one_holder_per_key_at_a_time(engine: Engine) -> None:
    lock, other_process = SqlAlchemySyncLock(engine), SqlAlchemySyncLock(engine)

    with (
        lock.hold("teacher:t1") as first,
        other_process.hold("teacher:t1") as second,
        lock.hold("teacher:t2") as third,
    ):
        assert (first, second, third) == (True, False, True)
    with other_process.hold("teacher:t1") as after_release:
        assert after_release


def test_threads_racing_for_a_key_get_it_once(engine: Engine) -> None:
    lock = SqlAlchemySyncLock(engine)
    barrier, results = threading.Barrier(4), []
    release = threading.Event()

    def contend() -> None:
        barrier.wait()
        with lock.hold("district:d1") as acquired:
            results.append(acquired)
            release.wait(5)

    threads = [threading.Thread(target=contend) for _ in range(4)]
    for thread in threads:
        thread.start()
    for _ in range(1000):
        if len(results) == 4:
            break
        threading.Event().wait(0.01)
    release.set()
    for thread in threads:
        thread.join()

    assert sorted(results) == [False, False, False, True]


def test_a_sqlite_lock_of_a_crashed_holder_lapses(sqlite_engine: Engine) -> None:
    lock = SqlAlchemySyncLock(sqlite_engine, lease=timedelta(minutes=5))
    with lock.hold("teacher:t1") as held:
        assert held
        with sqlite_engine.begin() as conn:  # as if the holder had died long ago
            conn.execute(
                update(sync_locks).values(expires_at=datetime.now(UTC) - timedelta(hours=1))
            )
        with SqlAlchemySyncLock(sqlite_engine).hold("teacher:t1") as taken_over:
            assert taken_over


def test_a_postgres_lock_dies_with_its_connection(postgres_engine: Engine) -> None:
    lock = SqlAlchemySyncLock(postgres_engine)
    with lock.hold("teacher:t1") as held:
        assert held
        with postgres_engine.connect() as admin:
            holders = (
                admin.execute(
                    text(
                        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' "
                        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    )
                )
                .scalars()
                .all()
            )
            assert len(holders) == 1
            terminated = admin.execute(
                text("SELECT pg_terminate_backend(:pid)"), {"pid": holders[0]}
            ).scalar_one()
            assert terminated
            _wait_until_gone(admin, holders[0])
        with SqlAlchemySyncLock(postgres_engine).hold("teacher:t1") as taken_over:
            assert taken_over


def _wait_until_gone(admin: Connection, pid: int, seconds: float = 10.0) -> None:
    """pg_terminate_backend only signals the backend; its locks go when it has exited."""
    deadline = time.monotonic() + seconds
    query = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
    while admin.execute(query, {"pid": pid}).scalar_one() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_advisory_keys_are_stable_64_bit_numbers() -> None:
    key = advisory_key("teacher:t1")
    assert key == advisory_key("teacher:t1") != advisory_key("teacher:t2")
    assert -(2**63) <= key < 2**63
