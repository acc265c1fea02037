"""Text no database can store (Postgres refuses NUL; a lone surrogate is not Unicode at all) and
ids longer than storage keeps: each becomes a problem on the run, never a crashed sync."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pytest

from clever_sandbox import api_routes
from clever_sandbox.server import RunningSandbox
from domain.sync_run import SyncStatus
from tests.reliability.clever_changes import sections_of
from tests.reliability.damage import Path, set_path
from tests.reliability.deployment import Deployment

UNSTORABLE = {
    "NUL in a name": (("name", "last"), "O'Brien\x00"),
    "NUL in a demographic field": (("roles", "student", "race"), "Asian\x00"),
    "lone surrogate in an email": (("email",), "kid\ud800@example.org"),
    "100-character district id": (("district",), "d" * 100),
    "10,000-character school id": (("roles", "student", "school"), "s" * 10_000),
}


@pytest.mark.parametrize("case", UNSTORABLE)
def test_an_unstorable_student_is_a_problem_and_the_rest_sync(
    case: str,
    deploy: Callable[..., Deployment],
    clever: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(api_routes, "dumps", lambda p: json.dumps(p).encode())
    sandbox = clever.sandbox
    teacher = sandbox.sample_teacher()["id"]
    section = sections_of(sandbox, teacher)[0]
    victim, *classmates = section["students"]
    path, value = UNSTORABLE[case]
    record = copy.deepcopy(sandbox.store().students.get(victim))
    if path == ("roles", "student", "school"):
        record["roles"]["student"]["schools"] = []
    _set(record, path, value)
    sandbox.set_raw("students", victim, record)
    product = deploy()

    run = product.sync(teacher)

    assert run.status is SyncStatus.PARTIAL
    assert any(p.clever_id == victim for p in run.problems), run.problems
    stored = product.roster()
    assert victim not in stored.students
    assert all(stored.enrollments[(section["id"], s)] for s in classmates)


def _set(record: dict, path: Path, value: object) -> None:
    set_path(record, path, value)
