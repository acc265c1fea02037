"""The database going away mid-sync (Postgres terminating the connection from another session,
as a failover or restart does): the run leaves no half-written rows, and the next converges."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.exc import DBAPIError

from application.accounts import SSOLogin
from application.ports import CleverLogin
from application.request_sync import RequestSyncCommand
from application.results import SyncStarted
from clever_sandbox.server import RunningSandbox
from domain.sync_run import SyncStatus
from tests.reliability.clever_changes import DayOfChanges
from tests.reliability.database_outage import KillBefore, drop_every_connection
from tests.reliability.deployment import Deployment

pytestmark = pytest.mark.postgres

# Statements of the transaction that applies a day of changes (nth: the run's start commits
# once before).
KILL_POINTS = [
    ("INSERT INTO students", 1),
    ("INSERT INTO classes", 1),
    ("UPDATE classes", 1),
    ("INSERT INTO enrollments", 1),
    ("UPDATE enrollments", 1),
    ("INSERT INTO roster_history", 1),
    ("UPDATE sync_runs", 1),
    ("UPDATE roster_version", 1),
    ("COMMIT", 2),
]


@pytest.fixture
def product(postgres_url: str, clever: RunningSandbox) -> Iterator[Deployment]:
    # Each test presses "Sync with Clever" again right after a fault, sooner than a teacher
    # could: no interval between manual syncs.
    deployment = Deployment.build(postgres_url, clever, manual_sync_min_interval_seconds=0)
    deployment.reset()
    yield deployment
    deployment.close()


@pytest.fixture
def day(clever: RunningSandbox) -> DayOfChanges:
    return DayOfChanges(clever.sandbox, clever.sandbox.sample_teacher()["id"])


def converged_roster(product: Deployment, day: DayOfChanges) -> object:
    product.sync(day.teacher_id)
    day.apply()
    product.sync(day.teacher_id)
    expected = product.roster()
    day.revert()
    product.reset()
    return expected


@pytest.mark.parametrize(("statement", "nth"), KILL_POINTS)
def test_a_connection_killed_while_applying_leaves_no_trace(
    product: Deployment, day: DayOfChanges, statement: str, nth: int
) -> None:
    expected = converged_roster(product, day)
    product.sync(day.teacher_id)
    before = product.roster()
    day.apply()
    killer = KillBefore(product.engine, statement, nth)
    try:
        with pytest.raises(DBAPIError):
            product.sync(day.teacher_id)
    finally:
        killer.remove()

    assert killer.fired, f"the sync never ran {statement} #{nth}"
    assert product.roster() == before, "half a change set was written"
    healed = product.sync(day.teacher_id)
    assert healed.status is SyncStatus.SUCCEEDED
    assert product.roster() == expected


def test_every_connection_dropped_between_syncs_is_survived(
    product: Deployment, day: DayOfChanges, postgres_url: str
) -> None:
    product.sync(day.teacher_id)
    day.apply()
    assert drop_every_connection(postgres_url) >= 1, "the pool should hold idle connections"

    run = product.sync(day.teacher_id)

    assert run.status is SyncStatus.SUCCEEDED
    assert run.counts.students_dropped == run.counts.classes_archived == 1


def test_the_teacher_can_sync_again_after_the_database_dropped_mid_sync(
    product: Deployment, day: DayOfChanges
) -> None:
    teacher = day.teacher_id
    product.sync(teacher)
    login = CleverLogin(teacher, product.clever.sandbox.districts[0], "teacher", "T", None)
    account = SSOLogin(product.services.uow)(login).account
    assert account is not None and account.id is not None
    day.apply()
    killer = KillBefore(product.engine, "INSERT INTO roster_history")
    try:
        with pytest.raises(DBAPIError):
            product.services.request_sync(RequestSyncCommand(account.id))
    finally:
        killer.remove()

    again = product.services.request_sync(RequestSyncCommand(account.id))

    assert isinstance(again, SyncStarted), again
    assert again.run.status is SyncStatus.SUCCEEDED
