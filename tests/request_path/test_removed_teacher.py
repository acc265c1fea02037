"""A co-teacher removed from a section in Clever, synced by another process (its own engine and
connections; nothing notifies this app), is refused the class on the next request, whether
this app answered that query before (remembered) or not."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

import bootstrap
from adapters.clock import SystemClock
from adapters.memory.runtime import FakeSyncLock
from adapters.settings import Settings
from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from application.sync_teacher import SyncTeacherCommand
from tests.graphql.world import GraphWorld, gql
from tests.persistence.backends import sql_backend
from tests.request_path.world import CLASS, answer, world_on

CLASSES = "{ viewer { classes { id name } } }"


def sync_elsewhere(world: GraphWorld, engine: Engine, teacher_id: str) -> None:
    """Another process's sync: a new engine on the same database, sharing nothing."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        services = bootstrap.wire(
            Settings(),
            uow=SqlAlchemyUnitOfWorkFactory(other),
            reader=SqlAlchemyRosterReader(other),
            directory=world.clever,
            clock=SystemClock(),
            lock=FakeSyncLock(),
        )
        services.sync_teacher(SyncTeacherCommand(teacher_id))
    finally:
        other.dispose()


@pytest.mark.parametrize("remembered", [True, False], ids=["asked-before", "never-asked"])
def test_a_removed_co_teacher_is_refused_the_class(engine: Engine, remembered: bool) -> None:
    world = world_on(sql_backend(engine.dialect.name, engine))
    world.grant_district()
    owner, co_teacher = world.teacher(), world.teacher()
    section = world.section([owner, co_teacher], world.students(2), name="Biology")
    world.account(owner)
    client = world.signed_in(world.account(co_teacher))
    world.sync(owner)
    if remembered:
        for _ in range(2):
            assert answer(client, CLASS, id=section.id)["data"]["class"]["name"] == "Biology"
            assert [c["id"] for c in answer(client, CLASSES)["data"]["viewer"]["classes"]] == [
                section.id
            ]

    world.change_section(section.id, teacher_ids=(owner.id,))
    sync_elsewhere(world, engine, owner.id)

    assert gql(client, CLASS, id=section.id) == {"data": {"class": None}}
    assert answer(client, CLASSES)["data"]["viewer"]["classes"] == []
