"""No cached answer survives a change to the roster it shows: a sync, an approved held sync,
a rename, forgetting the district, or a change written by another process."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.testclient import TestClient

from adapters.sqlalchemy.engine import make_engine
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWorkFactory
from application.rename_class import RenameClass, RenameClassCommand
from tests.factories import DISTRICT
from tests.graphql.world import GraphWorld
from tests.graphql_cache.world import answer, cached_world, hits, roster
from tests.persistence.backends import Backend

CLASSES = "{ viewer { classes { id name studentCount students { name demographics { race } } } } }"
SYNC = "mutation { syncWithClever { __typename ... on SyncRun { id status } } }"
APPROVE = "mutation($id: ID!) { approveHeldSync(syncRunId: $id) { __typename } }"
RENAME = "mutation($id: ID!, $name: String!) { renameClass(id: $id, name: $name) { id } }"


def warm(world: GraphWorld, client: TestClient) -> list[dict[str, Any]]:
    """Ask three times, so that the roster is surely in the cache (and, on SQLite, its version
    remembered while nothing is committed); returns its classes."""
    first = answer(client, CLASSES)
    before = hits(world)
    assert answer(client, CLASSES) == answer(client, CLASSES) == first
    assert hits(world) == before + 2
    classes: list[dict[str, Any]] = first["data"]["viewer"]["classes"]
    return classes


def classes_now(client: TestClient) -> list[dict[str, Any]]:
    classes: list[dict[str, Any]] = answer(client, CLASSES)["data"]["viewer"]["classes"]
    return classes


def test_a_sync_that_enrolls_a_student(backend: Backend) -> None:
    world = cached_world(backend)
    setup = roster(world, 1, 2)
    assert warm(world, setup.client)[0]["studentCount"] == 2
    section = setup.sections[0]
    newcomer = world.students(1, name="Zoe Newcomer")[0]
    world.change_section(section.id, student_ids=(*section.student_ids, newcomer.id))

    world.sync(setup.teacher)

    shown = classes_now(setup.client)[0]
    assert shown["studentCount"] == 3
    assert "Zoe Newcomer" in [s["name"] for s in shown["students"]]


def test_a_sync_that_changes_a_students_demographics(backend: Backend) -> None:
    world = cached_world(backend)
    setup = roster(world, 1, 1)
    warm(world, setup.client)
    student_id = setup.sections[0].student_ids[0]
    person = world.clever.people[student_id]
    world.clever.add_person(replace(person, demographics={**person.demographics, "race": "Black"}))

    world.sync(setup.teacher)

    assert classes_now(setup.client)[0]["students"][0]["demographics"] == {"race": "Black"}


def test_an_approved_held_sync(backend: Backend) -> None:
    world = cached_world(backend)
    setup = roster(world, 1, 4)
    section = setup.sections[0]
    world.change_section(section.id, student_ids=section.student_ids[:1])
    world.clock.advance(minutes=5)
    held = answer(setup.client, SYNC)["data"]["syncWithClever"]
    assert held["status"] == "HELD"
    assert warm(world, setup.client)[0]["studentCount"] == 4

    approved = answer(setup.client, APPROVE, id=held["id"])["data"]["approveHeldSync"]

    assert approved["__typename"] == "SyncRun"
    assert classes_now(setup.client)[0]["studentCount"] == 1


def test_a_rename_shows_to_the_co_teacher_too(backend: Backend) -> None:
    world = cached_world(backend)
    setup = roster(world, 1, 1)
    co_teacher = world.signed_in(world.account(setup.co_teacher))
    warm(world, setup.client)
    warm(world, co_teacher)

    answer(setup.client, RENAME, id=setup.sections[0].id, name="Studio")

    assert classes_now(setup.client)[0]["name"] == "Studio"
    assert classes_now(co_teacher)[0]["name"] == "Studio"


def test_forgetting_the_district(backend: Backend) -> None:
    world = cached_world(backend)
    setup = roster(world, 1, 2)
    warm(world, setup.client)
    before = hits(world)

    world.services.forget_district(DISTRICT)

    assert answer(setup.client, CLASSES)["data"] == {"viewer": None}
    assert hits(world) == before


def test_a_change_written_by_another_process(backend: Backend) -> None:
    world = cached_world(backend)
    setup = roster(world, 1, 1)
    warm(world, setup.client)
    assert setup.account.id is not None
    command = RenameClassCommand(setup.account.id, setup.sections[0].id, "Elsewhere")
    if backend.engine is None:  # the memory store has one process only
        RenameClass(world.services.uow)(command)
    else:
        other = make_engine(backend.engine.url.render_as_string(hide_password=False))
        try:
            RenameClass(SqlAlchemyUnitOfWorkFactory(other))(command)
        finally:
            other.dispose()

    assert classes_now(setup.client)[0]["name"] == "Elsewhere"
