"""`python -m bench.persistence` compares ways of writing that leave the same rows: every way of
every roster write it times ends with the table (and the rows returned) the product's own way
gives. Nothing here checks a time."""

from __future__ import annotations

import os

import pytest

from bench.database import postgres_unreachable_reason
from bench.persistence import measure


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_every_way_of_every_write_leaves_the_same_rows(backend: str) -> None:
    if backend == "postgres" and (reason := postgres_unreachable_reason()):
        if os.environ.get("ROSTERSYNC_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)

    timings = measure(backend, sizes=(120,), repeats=1, only=None)

    assert {t.case for t in timings} >= {"roster history (append)", "archive classes by id list"}
    assert [(t.case, t.method) for t in timings if not t.identical] == []
    assert all(len(t.seconds) == 1 for t in timings)
