"""A remembered answer is held as its encoded JSON: whatever the view writes around it, the
response is the JSON of the data it stands for."""

from __future__ import annotations

import asyncio
import threading

import orjson
from starlette.types import Message, Receive, Scope, Send

from graphql_api.answers import encoded
from graphql_api.etag import ETagMiddleware, tagged
from graphql_api.view import RostersyncGraphQL
from tests.graphql.world import GraphWorld

DATA = {"viewer": {"classes": [{"name": "Algebra", "students": [{"name": "Ana Ortiz"}]}]}}


def view() -> RostersyncGraphQL:
    world = GraphWorld.build()
    return RostersyncGraphQL(world.deps, world.app.state.metrics)


def test_the_data_alone_is_its_body_as_remembered() -> None:
    answer = encoded(DATA)

    body = view().encode_json({"data": answer})

    assert body is answer.body  # neither encoded nor hashed again
    assert orjson.loads(bytes(body)) == {"data": DATA}


def test_beside_errors_or_extensions_the_data_is_written_in_place() -> None:
    response = {"data": encoded(DATA), "extensions": {"cost": 3}}

    assert orjson.loads(view().encode_json(response)) == {"data": DATA, "extensions": {"cost": 3}}


def test_a_tagged_body_goes_out_as_plain_bytes_under_its_own_tag() -> None:
    body = tagged(b'{"data":{}}')
    sent: list[Message] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    async def receive() -> Message:
        return {"type": "http.request"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "headers": []}
    # A thread of its own: the suite may already run an event loop on this one.
    runner = threading.Thread(target=asyncio.run, args=(ETagMiddleware(app)(scope, receive, send),))
    runner.start()
    runner.join()

    start, out = sent
    assert type(out["body"]) is bytes and out["body"] == body
    assert dict(start["headers"])[b"etag"] == body.etag.encode()
