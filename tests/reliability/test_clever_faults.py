"""Clever misbehaving over real HTTP (the sandbox's fault injection) while the product, wired by
`bootstrap.build` on SQLite and Postgres, syncs a teacher: rate limits and 503s only cost time;
a fetch that breaks anywhere fails the run without touching the stored roster."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clever_sandbox.server import RunningSandbox
from domain.sync_run import SyncStatus
from tests.reliability.clever_changes import DayOfChanges
from tests.reliability.clever_faults import BreakOneBody, RecurringBursts
from tests.reliability.deployment import Deployment

PAGE_SIZE = 5  # every list of the sample teacher takes several pages


def data_requests(clever: RunningSandbox) -> int:
    counts = clever.sandbox.requests.by_endpoint
    return sum(n for endpoint, n in counts.items() if endpoint.startswith("GET /v3"))


def test_random_429s_and_503_bursts_only_cost_retries(
    deploy: Callable[..., Deployment],
    clever: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox = clever.sandbox
    teacher = sandbox.sample_teacher()["id"]
    district = sandbox.districts[0]
    day = DayOfChanges(sandbox, teacher)

    clean = deploy()
    clean.page_size(PAGE_SIZE)
    before = data_requests(clever)
    clean.sync(teacher)
    day.apply()
    clean.sync(teacher)
    clean.sync_district(district)
    clean_requests = data_requests(clever) - before
    expected = clean.roster()

    day.revert()
    clean.reset()
    faulty = deploy()
    faulty.page_size(PAGE_SIZE)
    sandbox.faults.random_429(0.2, seed=20)
    bursts = RecurringBursts(sandbox.faults, sandbox.faults.next_failure, every=4, length=3)
    monkeypatch.setattr(sandbox.faults, "next_failure", bursts)
    before = data_requests(clever)

    first = faulty.sync(teacher)
    day.apply()
    second = faulty.sync(teacher)
    district_job = faulty.sync_district(district)

    assert first.status is SyncStatus.SUCCEEDED, first.message
    assert second.status is SyncStatus.SUCCEEDED, second.message
    assert [run.status for run in district_job.runs] == [SyncStatus.SUCCEEDED]
    assert faulty.roster() == expected
    retried = data_requests(clever) - before - clean_requests
    assert bursts.bursts >= 3
    assert retried >= 3 * bursts.bursts
    assert len(faulty.sleeps) == retried


def _break_at(kind: str, at: int, clever: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    faults = clever.sandbox.faults
    if kind == "server error":
        faults.fail_after(at - 1, 500)
    else:
        monkeypatch.setattr(faults, "take_body_fault", BreakOneBody(kind, at))


def _positions(kind: str, requests: int, bodies: int) -> list[int]:
    """Every request for a failing Clever; the first, a middle and the last successful answer
    for broken bodies."""
    if kind == "server error":
        return list(range(1, requests + 1))
    return sorted({1, bodies // 2 + 1, bodies})


@pytest.mark.parametrize("kind", ["server error", "truncate", "html"])
def test_a_fetch_broken_anywhere_fails_the_run_cleanly_and_the_next_run_converges(
    kind: str,
    deploy: Callable[..., Deployment],
    clever: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox = clever.sandbox
    teacher = sandbox.sample_teacher()["id"]
    day = DayOfChanges(sandbox, teacher)
    product = deploy()
    product.page_size(PAGE_SIZE)
    product.sync(teacher)
    intact = product.roster()
    day.apply()
    before = data_requests(clever)
    bodies = BreakOneBody(kind, at=0)
    monkeypatch.setattr(sandbox.faults, "take_body_fault", bodies)
    product.sync(teacher)
    monkeypatch.undo()
    converged = product.roster()
    requests = data_requests(clever) - before
    assert requests >= 10, "the run should take several paged requests"
    day.revert()

    for at in _positions(kind, requests, bodies.served):
        product.reset()
        assert product.sync(teacher).status is SyncStatus.SUCCEEDED
        assert product.roster() == intact
        day.apply()
        _break_at(kind, at, clever, monkeypatch)

        broken = product.sync(teacher)

        where = f"{kind} at data request {at} of {requests}"
        assert broken.status is SyncStatus.FAILED, where
        assert (broken.message or "").startswith("Clever could not be read"), where
        assert not any(broken.counts.as_dict().values()), where
        assert product.roster() == intact, f"{where}: the stored roster changed"

        sandbox.faults.clear()
        monkeypatch.undo()
        healed = product.sync(teacher)
        assert healed.status is SyncStatus.SUCCEEDED, where
        assert product.roster() == converged, f"{where}: the next run did not converge"
        day.revert()


def test_rosters_compare_equal_only_when_equal(deploy: Callable[..., Deployment]) -> None:
    """The comparison the fault tests rely on does see a single changed enrollment."""
    product = deploy()
    teacher = product.clever.sandbox.sample_teacher()["id"]
    product.sync(teacher)
    before = product.roster()
    day = DayOfChanges(product.clever.sandbox, teacher)
    product.clever.sandbox.drop(day.shrinking["id"], day.leaver)
    product.sync(teacher)

    after = product.roster()

    assert after != before
    assert after.enrollments[(day.shrinking["id"], day.leaver)] is False
