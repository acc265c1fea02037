"""What a district with nothing to do costs the nightly run: statements and Clever requests,
counted (not timed), on SQLite and Postgres, through the district job the workers run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from tests.events.conftest import MakeWorld
from tests.events.world import EventsWorld

# The district lock, the saved cursor, the rostering teachers, the classes whose term ended
# (the year-end archive) and the moved cursor, with their transactions: a handful, the same for
# any size of district.
NO_OP_STATEMENTS = 11


@contextmanager
def statements_sent(engine: Engine) -> Iterator[list[str]]:
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement.split(None, 1)[0].upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def nothing_to_do(world: EventsWorld) -> tuple[list[str], int]:
    world.sandbox.requests.reset()
    with statements_sent(world.services.extras["engine"]) as sent:
        result = world.sync()
    assert result.runs == () and result.error is None
    return sent, world.data_requests()


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_a_district_with_nothing_to_do_costs_a_handful_of_statements_and_one_request(
    make_world: MakeWorld, database: str, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue(f"{database}_url")
    world = make_world(url)
    world.sync()  # the first events sync after the full one

    sent, clever_requests = nothing_to_do(world)
    again, _ = nothing_to_do(world)

    print(
        f"\n{database}: {len(sent)} statements, {clever_requests} Clever request a no-op district"
    )
    assert clever_requests == 1  # the events page, empty
    assert len(sent) <= NO_OP_STATEMENTS, sent
    assert len(again) == len(sent)
    writes = [s for s in sent if s in ("INSERT", "UPDATE", "DELETE")]
    assert len(writes) <= 3, sent  # the lock (SQLite) and the cursor's new time
