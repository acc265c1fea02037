"""Every route the app registers, and every answer it sends (errors, 404, 405, 413 and 304
included), carries one header policy; bodies over a limit get 413 before they are read;
production names no field in its errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from graphql_api.answers import RememberedAnswers
from graphql_api.headers import header_policy
from tests.graphql.world import GraphWorld, data, gql
from tests.request_path.world import roster

HTTPS = "https://rostersync.example"
KIB = 1024


def requests(world: GraphWorld) -> Iterator[tuple[str, str]]:
    """(method, path) for every route the app registers, as the app lists them."""
    for route in world.app.routes:
        if isinstance(route, Mount):
            yield "GET", f"{route.path}/app.css"
        else:
            assert isinstance(route, Route), route
            for method in sorted(route.methods or {"GET"}):
                if method != "HEAD":
                    yield method, route.path
    yield "GET", "/no-such-page"
    yield "DELETE", "/graphql"


@pytest.mark.parametrize("public_url", ["http://rostersync.test", HTTPS])
def test_every_route_sends_the_header_policy(public_url: str) -> None:
    world = GraphWorld.build(public_url=public_url)
    setup = roster(world, 1, 1)
    client = TestClient(world.app, base_url=public_url, follow_redirects=False)
    client.cookies = setup.client.cookies
    expected = header_policy(https=public_url.startswith("https"))
    assert "frame-ancestors 'none'" in expected["Content-Security-Policy"]
    assert ("Strict-Transport-Security" in expected) is public_url.startswith("https")

    seen = []
    for method, path in requests(world):
        response = client.request(method, path, headers={"accept": "application/json"})
        seen.append(path)
        for name, value in expected.items():
            if path.startswith("/static/") and name == "Cache-Control":
                assert response.headers[name] == "no-cache"  # revalidated, holds nobody's data
                continue
            assert response.headers.get(name) == value, (method, path, name)
    assert {"/graphql", "/account", "/auth/login", "/auth/signup", "/auth/logout"} <= set(seen)


def test_a_page_that_shows_people_is_never_stored() -> None:
    world = GraphWorld.build()
    setup = roster(world, 1, 2)

    for response in (
        setup.client.get("/account"),
        setup.client.post(
            "/graphql", json={"query": "{ viewer { classes { students { name } } } }"}
        ),
    ):
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("path", "limit_kib"), [("/graphql", 64), ("/auth/login", 16), ("/auth/signup", 16)]
)
def test_a_body_over_the_limit_gets_413_before_it_is_read(path: str, limit_kib: int) -> None:
    client = GraphWorld.build().client()
    too_big = b"x" * (limit_kib * KIB + 1)

    declared = client.post(path, content=too_big, headers={"content-type": "application/json"})
    streamed = client.post(
        path,
        content=iter([too_big[:KIB]] * (limit_kib + 1)),
        headers={"content-type": "application/json"},
    )

    for response in (declared, streamed):
        assert response.status_code == 413
        assert f"{limit_kib} KiB" in response.text
        assert response.headers["X-Frame-Options"] == "DENY"


def test_a_body_within_the_limit_is_answered() -> None:
    world = GraphWorld.build()
    padding = " " * (60 * KIB)
    body = gql(world.client(), "{ viewer { id } }" + padding)
    assert body == {"data": {"viewer": None}}


def test_the_limits_are_settings() -> None:
    world = GraphWorld.build()
    from dataclasses import replace

    world.deps = replace(world.deps, config=replace(world.deps.config, graphql_max_body_bytes=100))
    response = world.client().post("/graphql", json={"query": "{ viewer { id } }" + " " * 100})
    assert response.status_code == 413


def test_production_gives_no_field_suggestions() -> None:
    query = "{ viewr { id } }"
    development = gql(GraphWorld.build().client(), query)
    production = gql(GraphWorld.build(production=True).client(), query)

    assert "Did you mean" in development["errors"][0]["message"]
    message = production["errors"][0]["message"]
    assert message == "Cannot query field 'viewr' on type 'Query'."
    setup_world = GraphWorld.build(production=True)
    setup = roster(setup_world, 1, 1)
    typo = gql(setup.client, "{ viewer { clases { id } } }")
    assert "classes" not in typo["errors"][0]["message"]


def test_a_repeat_naming_the_answers_etag_gets_304() -> None:
    world = GraphWorld.build()
    setup = roster(world, 1, 2)
    query = {"query": "{ viewer { classes { name students { name } } } }"}
    first = setup.client.post("/graphql", json=query)
    tag = first.headers["ETag"]

    repeat = setup.client.post("/graphql", json=query, headers={"If-None-Match": tag})
    stale = setup.client.post("/graphql", json=query, headers={"If-None-Match": '"other"'})

    assert repeat.status_code == 304 and repeat.content == b""
    assert repeat.headers["ETag"] == tag and repeat.headers["Cache-Control"] == "no-store"
    assert stale.status_code == 200 and stale.json() == first.json()
    world.change_section(setup.sections[0].id, name="Renamed")
    world.sync(setup.teacher)
    changed = setup.client.post("/graphql", json=query, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    assert data(setup.client, query["query"])["viewer"]["classes"][0]["name"] == "Renamed"


def test_an_answer_has_one_etag_however_it_was_made() -> None:
    """Executed, served from memory, executed again, or never remembered: the same answer
    is the same bytes under the same ETag (a remembered answer is encoded and tagged once)."""
    world = GraphWorld.build()
    setup = roster(world, 1, 2)
    query = {"query": "{ viewer { classes { name students { name } } } }"}

    def sent() -> tuple[bytes, str]:
        response = setup.client.post("/graphql", json=query)
        assert response.status_code == 200 and "errors" not in response.json()
        return response.content, response.headers["ETag"]

    executed, remembered = sent(), sent()
    world.deps.answers = RememberedAnswers()
    executed_again = sent()
    world.deps.answers = None
    never_remembered = sent()

    assert executed == remembered == executed_again == never_remembered
