"""Repeat reads come from the cache, identical to the first answer; mutations, failed answers
and anonymous requests are never kept."""

from __future__ import annotations

import pytest

from tests.graphql.world import GraphWorld, gql
from tests.graphql_cache.world import (
    ROSTER,
    answer,
    cache_of,
    cached_world,
    hits,
    raw_answer,
    roster,
)

RENAME = "mutation($id: ID!, $name: String!) { renameClass(id: $id, name: $name) { id name } }"
CLASS = "query($id: ID!) { class(id: $id) { name students { name } } }"


def test_a_repeat_read_is_the_same_json_without_running_the_query() -> None:
    world = cached_world()
    signed_in = roster(world, 3, 4).client
    first = raw_answer(signed_in)
    world.reader.calls.clear()

    again = raw_answer(signed_in)

    assert again == first
    assert hits(world) == 1
    # The version and viewer are read (the in-memory store has no change marker); the audit
    # entries of the first read cover this repeat, which comes within the audit window.
    assert dict(world.reader.calls) == {"change_marker": 1, "roster_version_and_viewer": 1}


def test_variables_are_part_of_the_key() -> None:
    world = cached_world()
    setup = roster(world, 2, 1)
    first, second = (s.id for s in setup.sections)

    one = answer(setup.client, CLASS, id=first)["data"]["class"]
    other = answer(setup.client, CLASS, id=second)["data"]["class"]
    one_again = answer(setup.client, CLASS, id=first)["data"]["class"]

    assert (one["name"], other["name"], one_again["name"]) == ("C0", "C1", "C0")
    assert hits(world) == 1


def test_mutations_are_never_cached() -> None:
    world = cached_world()
    setup = roster(world, 1, 1)
    section_id = setup.sections[0].id

    renamed = [
        answer(setup.client, RENAME, id=section_id, name=name)["data"]["renameClass"]["name"]
        for name in ("Studio", "Studio", "Lab")
    ]

    assert renamed == ["Studio", "Studio", "Lab"]
    assert len(cache_of(world)) == 0 and hits(world) == 0
    assert answer(setup.client, "{ viewer { classes { name } } }")["data"]["viewer"] == {
        "classes": [{"name": "Lab"}]
    }


@pytest.mark.parametrize(
    "query",
    [
        "{ viewer { premium } }",
        "{ viewer { syncRuns { id status } } }",
        "{ __schema { queryType { name } } }",
    ],
)
def test_answers_the_roster_version_does_not_cover_are_never_cached(query: str) -> None:
    world = cached_world()
    signed_in = roster(world, 1, 1).client

    first, second = answer(signed_in, query), answer(signed_in, query)

    assert first == second
    assert len(cache_of(world)) == 0 and hits(world) == 0


def test_an_answer_with_errors_is_not_kept() -> None:
    world = cached_world()
    signed_in = roster(world, 1, 2).client
    reader = world.reader.inner
    working = reader.enrolled_students_for_classes
    reader.enrolled_students_for_classes = lambda ids: 1 / 0  # type: ignore[method-assign]

    failed = gql(signed_in, ROSTER)
    reader.enrolled_students_for_classes = working  # type: ignore[method-assign]
    recovered = answer(signed_in)

    assert failed["errors"]
    assert [len(c["students"]) for c in recovered["data"]["viewer"]["classes"]] == [2]
    assert hits(world) == 0
    assert answer(signed_in) == recovered and hits(world) == 1


def test_an_invalid_request_is_not_kept() -> None:
    world = cached_world()
    signed_in = roster(world, 1, 1).client

    for _ in range(2):
        assert gql(signed_in, CLASS)["errors"]  # $id is required

    assert len(cache_of(world)) == 0 and hits(world) == 0


def test_anonymous_requests_are_not_cached() -> None:
    world = cached_world()
    roster(world, 1, 1)
    anonymous = world.client()

    for _ in range(2):
        assert answer(anonymous, "{ viewer { id } }")["data"] == {"viewer": None}

    assert len(cache_of(world)) == 0


def test_a_form_post_is_refused_even_when_the_same_query_is_cached() -> None:
    world = cached_world()
    signed_in = roster(world, 1, 1).client
    raw_answer(signed_in)

    response = signed_in.post(
        "/graphql",
        content=f'{{"query": {ROSTER!r}}}'.replace("'", '"').replace("\n", " "),
        headers={"content-type": "text/plain"},
    )

    assert response.status_code == 400
    assert hits(world) == 0


def test_graphql_world_without_a_cache_keeps_working() -> None:
    world = GraphWorld.build()
    signed_in = roster(world, 1, 1).client

    assert answer(signed_in) == answer(signed_in)
    assert world.deps.response_cache is None
