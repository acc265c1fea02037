"""Answers carry an ETag (a digest of the body); a repeat whose If-None-Match names it gets
304 and no body. Only complete 200 answers sent in one piece are tagged. A body that is sent
again and again (a remembered answer) is tagged once, when it is made (``TaggedBody``)."""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class TaggedBody(bytes):
    """Bytes that carry their own ETag, computed once by ``tagged``."""

    etag: str


def tagged(body: bytes) -> TaggedBody:
    found = TaggedBody(body)
    found.etag = _tag(body)
    return found


def _tag(body: bytes) -> str:
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: Message | None = None

        async def tagging(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start" and message["status"] == 200:
                held = message  # until the body shows whether it comes in one piece
                return
            if held is None:
                await send(_plain(message))
                return
            start, held = held, None
            whole = message["type"] == "http.response.body" and not message.get("more_body")
            if whole and _not_modified(scope, start, message.get("body", b"")):
                await send(start)
                await send({"type": "http.response.body", "body": b""})
                return
            await send(start)
            await send(_plain(message))

        await self.app(scope, receive, tagging)


def _plain(message: Message) -> Message:
    """The server is handed exact bytes (the tag has done its work here)."""
    body = message.get("body")
    return {**message, "body": bytes(body)} if isinstance(body, TaggedBody) else message


def _not_modified(scope: Scope, start: Message, body: bytes) -> bool:
    """Tags the answer; True (and the start turned into a 304) when the client has it."""
    headers = MutableHeaders(scope=start)
    if "etag" in headers:
        return False
    tag = body.etag if isinstance(body, TaggedBody) else _tag(body)
    headers["ETag"] = tag
    wanted = Headers(scope=scope).get("if-none-match", "")
    if tag not in (t.strip() for t in wanted.split(",")):
        return False
    start["status"] = 304
    for name in ("content-length", "content-type"):
        del headers[name]
    return True
