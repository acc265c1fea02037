"""Parsing and validation are done once per query text and schema: a repeat gets the same
verdict, every limit holds on every request, and production's own rules are never skipped
because development saw the same text."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.graphql.test_hardening import messages, post, signed_in_teacher
from tests.graphql.world import GraphWorld, data

INTROSPECTION = "{ __schema { queryType { name } } }"


def test_a_refused_query_is_refused_every_time(world: GraphWorld) -> None:
    client = signed_in_teacher(world)
    deep = "{ viewer " + "{ classes " * 11 + "{ id }" + " }" * 11 + " }"
    unknown = "{ viewer { nickname } }"
    flood = "{ viewer { " + "id " * 2_500 + "} }"

    for _ in range(3):
        assert "exceeds maximum operation depth of 10" in messages(post(client, deep))
        assert "Cannot query field 'nickname'" in messages(post(client, unknown))
        assert "more than 2000 tokens" in messages(post(client, flood))


def test_a_valid_query_is_answered_every_time(world: GraphWorld) -> None:
    client = signed_in_teacher(world)

    answers = [data(client, "{ viewer { classes { name } } }") for _ in range(3)]

    assert answers[0] == answers[1] == answers[2] and answers[0]["viewer"]["classes"]


def test_production_refuses_introspection_development_already_validated() -> None:
    development = GraphWorld.build().client()
    production: TestClient = GraphWorld.build(production=True).client()

    assert data(development, INTROSPECTION) == {"__schema": {"queryType": {"name": "Query"}}}
    refused = post(production, INTROSPECTION)

    assert refused.get("data") is None and "introspection" in messages(refused).lower()
