"""A co-teacher removed from a section in Clever, synced by another process (its own engine and
connections; nothing notifies this app), is refused the class on the next request, whether
this app answered that query before (remembered) or not."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.graphql.world import gql
from tests.persistence.backends import sql_backend
from tests.request_path.world import CLASS, answer, sync_elsewhere, world_on

CLASSES = "{ viewer { classes { id name } } }"


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
