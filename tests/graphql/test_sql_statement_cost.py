"""Over SQLite: a roster query issues the same number of SQL statements at any size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from adapters.sqlalchemy.audit_log import SqlAlchemyDemographicsAuditLog
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.migrate import migrate
from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from tests.graphql.world import GraphWorld, data

ROSTER = """{ viewer { classes {
  name gradeLevel studentCount
  teachers { teacher { name } role connected }
  students { name gradeLevel demographics { race } }
} } }"""


@pytest.fixture
def engines() -> Iterator[list[Engine]]:
    made: list[Engine] = []
    yield made
    for engine in made:
        engine.dispose()


def statements_for_roster(
    engines: list[Engine], tmp_path: Path, classes: int, students_per_class: int
) -> int:
    engine = make_engine(f"sqlite:///{tmp_path / f'roster-{classes}x{students_per_class}.db'}")
    engines.append(engine)
    migrate(engine)
    world = GraphWorld.build(
        storage=(
            SqlAlchemyUnitOfWorkFactory(engine),
            SqlAlchemyRosterReader(engine),
            SqlAlchemyDemographicsAuditLog(engine),
        )
    )
    world.grant_district()
    teacher, co_teacher = world.teacher(), world.teacher()
    for _ in range(classes):
        world.section([teacher, co_teacher], world.students(students_per_class))
    account = world.account(teacher)
    world.sync(teacher)
    client = world.signed_in(account)
    statements: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        viewer = data(client, ROSTER)["viewer"]
    finally:
        event.remove(engine, "before_cursor_execute", note)

    assert len(viewer["classes"]) == classes
    assert sum(len(c["students"]) for c in viewer["classes"]) == classes * students_per_class
    return len(statements)


def test_roster_query_costs_the_same_sql_for_one_class_and_seven_of_thirty_five(
    engines: list[Engine], tmp_path: Path
) -> None:
    small = statements_for_roster(engines, tmp_path, 1, 1)
    large = statements_for_roster(engines, tmp_path, 7, 35)

    assert small == large
    assert small <= 20, small
