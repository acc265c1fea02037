"""Cached answers leave from the front door, before the middleware stack: the same bytes and
headers as through the stack, only for a valid session, and everything else passes through
with its body intact."""

from __future__ import annotations

from starlette.datastructures import Headers

from graphql_api.app import SESSION_COOKIE
from graphql_api.cache_front import CachedAnswerFront
from tests.graphql.world import GraphWorld, gql
from tests.graphql_cache.world import ROSTER, cache_of, cached_world, hits, roster

SAME_HEADERS = (
    "content-type",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
    "vary",
)


def test_a_hit_is_the_answer_and_headers_the_stack_gave() -> None:
    world = cached_world()
    signed_in = roster(world, 2, 3).client

    first = signed_in.post("/graphql", json={"query": ROSTER})
    again = signed_in.post("/graphql", json={"query": ROSTER})

    assert hits(world) == 1
    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    for name in SAME_HEADERS:
        assert again.headers.get(name) == first.headers.get(name), name
    assert int(again.headers["content-length"]) == len(again.content)
    assert "set-cookie" not in again.headers


def test_a_tampered_or_missing_session_is_never_answered_from_the_cache() -> None:
    world = cached_world()
    setup = roster(world, 1, 2)
    gql(setup.client, ROSTER)
    cookie = setup.client.cookies[SESSION_COOKIE]
    forged = world.client()
    forged.cookies.set(SESSION_COOKIE, cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))

    as_forged = gql(forged, ROSTER)
    as_nobody = gql(world.client(), ROSTER)

    assert as_forged["data"] == as_nobody["data"] == {"viewer": None}
    assert hits(world) == 0


def test_requests_the_cache_does_not_answer_reach_the_view_with_their_body() -> None:
    world = cached_world()
    setup = roster(world, 1, 1)
    section_id = setup.sections[0].id
    long_name = "N" * 200
    padding = " " * (cache_of(world).limits.max_request_bytes + 10)  # too long to be cached
    rename = "mutation($id: ID!, $name: String!) { renameClass(id: $id, name: $name) { name } }"

    renamed = gql(setup.client, rename, id=section_id, name=long_name[:100])
    big = setup.client.post(
        "/graphql", json={"query": "{ viewer { classes { name } } }" + padding}
    ).json()

    assert renamed["data"]["renameClass"]["name"] == long_name[:100]
    assert big["data"]["viewer"]["classes"] == [{"name": long_name[:100]}]
    assert hits(world) == 0


def test_a_hit_is_counted_like_any_request() -> None:
    world = cached_world()
    signed_in = roster(world, 1, 1).client
    registry = world.app.state.metrics.registry
    labels = {"route": "/graphql", "method": "POST", "status": "200"}

    for _ in range(3):
        gql(signed_in, ROSTER)

    assert hits(world) == 2
    assert registry.get_sample_value("rostersync_http_requests_total", labels) == 3


def test_a_session_older_than_its_max_age_is_refused_even_once_remembered() -> None:
    world = cached_world()
    setup = roster(world, 1, 1)
    gql(setup.client, ROSTER)
    front = _front(world)
    headers = Headers({"cookie": f"{SESSION_COOKIE}={setup.client.cookies[SESSION_COOKIE]}"})

    fresh = front._account_id(headers)
    front.max_age = -1  # as if the cookie had been signed longer ago than allowed
    expired = front._account_id(headers)

    assert fresh == setup.account.id
    assert expired is None


def _front(world: GraphWorld) -> CachedAnswerFront:
    app = world.app.middleware_stack or world.app.build_middleware_stack()
    while not isinstance(app, CachedAnswerFront):
        app = app.app  # type: ignore[attr-defined]
    return app


def test_a_miss_is_looked_up_once_for_the_front_door_and_the_view() -> None:
    world = cached_world()
    signed_in = roster(world, 1, 2).client
    world.reader.calls.clear()

    gql(signed_in, ROSTER)

    assert hits(world) == 0
    assert world.reader.calls["roster_version_and_viewer"] == 1
