"""Abuse and failure: oversized documents, cross-site posts, crashes and production masking."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from graphql import get_introspection_query
from tests.graphql.world import PUBLIC_URL, GraphWorld, error_codes, gql

SECRET_SQL = "SELECT password_hash FROM accounts WHERE id = 1"


def signed_in_teacher(world: GraphWorld) -> TestClient:
    world.grant_district()
    teacher = world.teacher()
    world.section([teacher], world.students(2))
    account = world.account(teacher)
    world.sync(teacher)
    return world.signed_in(account)


def messages(body: dict[str, object]) -> str:
    return " ".join(str(e["message"]) for e in body.get("errors", []))  # type: ignore[union-attr]


def post(client: TestClient, query: str) -> dict[str, object]:
    response = client.post("/graphql", json={"query": query})
    body: dict[str, object] = response.json()
    return body


def test_a_deep_query_is_refused_before_it_runs(world: GraphWorld) -> None:
    client = signed_in_teacher(world)
    deep = "{ viewer " + "{ classes " * 11 + "{ id }" + " }" * 11 + " }"

    body = post(client, deep)

    assert body.get("data") is None
    assert "exceeds maximum operation depth of 10" in messages(body)
    assert set(world.reader.calls) == {"roster_version_and_viewer"}  # the viewer, nothing more


def test_an_alias_flood_is_refused(world: GraphWorld) -> None:
    client = signed_in_teacher(world)
    flood = "{ " + " ".join(f"a{i}: viewer {{ classes {{ id }} }}" for i in range(31)) + " }"

    body = post(client, flood)

    assert body.get("data") is None
    assert "aliases" in messages(body)
    assert set(world.reader.calls) == {"roster_version_and_viewer"}  # the viewer, nothing more


def test_a_token_flood_is_refused(world: GraphWorld) -> None:
    client = signed_in_teacher(world)
    flood = "{ viewer { " + "id " * 2_500 + "} }"

    body = post(client, flood)

    assert body.get("data") is None
    assert "more than 2000 tokens" in messages(body)


def test_batched_operations_are_refused(world: GraphWorld) -> None:
    client = signed_in_teacher(world)

    response = client.post("/graphql", json=[{"query": "{ viewer { id } }"}] * 2)

    assert response.status_code == 400
    assert "Batching is not enabled" in response.text


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "query=mutation%7BsyncWithClever%7B__typename%7D%7D"),
        ("text/plain", json.dumps({"query": "mutation { syncWithClever { __typename } }"})),
        ("multipart/form-data; boundary=x", "--x--"),
    ],
)
def test_cross_site_simple_posts_cannot_run_mutations(
    world: GraphWorld, content_type: str, body: str
) -> None:
    client = signed_in_teacher(world)
    runs = len(world.store.sync_runs)

    response = client.post("/graphql", content=body, headers={"content-type": content_type})

    assert response.status_code in (400, 415)
    assert len(world.store.sync_runs) == runs


def test_queries_and_mutations_over_get_are_refused(world: GraphWorld) -> None:
    client = signed_in_teacher(world)
    runs = len(world.store.sync_runs)

    for query in ("{ viewer { id } }", "mutation { syncWithClever { __typename } }"):
        response = client.get("/graphql", params={"query": query})
        assert response.status_code in (400, 405), query
        assert "viewer" not in response.text
    assert len(world.store.sync_runs) == runs


def test_production_masks_a_crash_and_shows_no_sql_or_trace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = GraphWorld.build(production=True)
    client = signed_in_teacher(world)

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError(SECRET_SQL)

    monkeypatch.setattr(world.services.reader, "classes_for_teachers", crash)
    response = client.post("/graphql", json={"query": "{ viewer { name classes { id } } }"})

    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"viewer": None}
    assert messages(body) == "Something went wrong on our side. Please try again."
    for leak in ("SELECT", "password", "Traceback", "RuntimeError", "File "):
        assert leak not in response.text


def test_production_keeps_expected_errors_readable() -> None:
    world = GraphWorld.build(production=True)

    body = gql(world.client(), '{ class(id: "x") { id } }')

    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert messages(body) == "Sign in to see this."


def test_a_crash_while_loading_the_viewer_answers_a_bare_500(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = GraphWorld.build(production=True)
    client = signed_in_teacher(world)

    def crash(account_id: int) -> None:
        raise RuntimeError(SECRET_SQL)

    monkeypatch.setattr(world.reader, "roster_version_and_viewer", crash)
    bare = TestClient(world.app, base_url=PUBLIC_URL, raise_server_exceptions=False)
    bare.cookies = client.cookies

    response = bare.post("/graphql", json={"query": "{ viewer { id } }"})

    assert response.status_code == 500
    assert "SELECT" not in response.text and "Traceback" not in response.text


def test_introspection_is_off_in_production_and_on_in_development() -> None:
    production = GraphWorld.build(production=True).client()
    development = GraphWorld.build().client()

    for query in ("{ __schema { types { name } } }", '{ __type(name: "Class") { name } }'):
        body = post(production, query)
        assert body.get("data") is None, query
        assert "introspection" in messages(body).lower()
    full = post(development, get_introspection_query())
    assert "errors" not in full
    assert any(t["name"] == "SyncWithCleverResult" for t in full["data"]["__schema"]["types"])


def test_typename_still_works_in_production() -> None:
    world = GraphWorld.build(production=True)

    assert post(world.client(), "{ __typename }") == {"data": {"__typename": "Query"}}


def test_graphiql_only_outside_production() -> None:
    html = {"accept": "text/html"}
    development = GraphWorld.build().client().get("/graphql", headers=html)
    production = GraphWorld.build(production=True).client().get("/graphql", headers=html)

    assert development.status_code == 200 and "graphiql" in development.text.lower()
    assert production.status_code != 200
    assert "graphiql" not in production.text.lower()


DEEP_JSON = "[" * 7_000 + "]" * 7_000


@pytest.mark.parametrize(
    ("path", "body", "reason"),
    [
        ("/graphql", DEEP_JSON, "nested too deeply"),
        ("/auth/login", DEEP_JSON, "nested too deeply"),
        ("/auth/signup", DEEP_JSON, "nested too deeply"),
        (
            "/graphql",
            json.dumps({"query": "query ($n: Int) { __typename }", "variables": {"n": 1}}).replace(
                '"n": 1', '"n": ' + "9" * 5_000
            ),
            "too many digits",
        ),
    ],
)
def test_malformed_json_is_a_clear_400_with_one_log_line(
    caplog: pytest.LogCaptureFixture, path: str, body: str, reason: str
) -> None:
    client = TestClient(
        GraphWorld.build(production=True).app,
        base_url=PUBLIC_URL,
        raise_server_exceptions=False,
    )

    with caplog.at_level("INFO"):
        response = client.post(path, content=body, headers={"content-type": "application/json"})

    assert response.status_code == 400, response.text[:300]
    assert reason in response.text
    assert "Traceback" not in response.text
    refusals = [r for r in caplog.records if "malformed JSON" in r.getMessage()]
    assert len(refusals) == 1 and path in refusals[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)
