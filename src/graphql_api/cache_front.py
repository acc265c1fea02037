"""The front door of the response cache: a signed-in roster query whose answer is cached is
answered here, before the middleware stack, the request objects and the GraphQL view.

It reads the same signed session cookie as Starlette's session middleware, asks the caching
view for the stored answer (the same key, version check and demographics audit as any hit) and
sends it with the headers the stack would have added. Anything else (no session, not a JSON
POST, a miss, a body too large to be cached) continues down the stack with its body intact.
"""

from __future__ import annotations

import json
import logging
import time
from base64 import b64decode
from collections import OrderedDict
from typing import Any

from itsdangerous import BadSignature, TimestampSigner
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphql_api.cache_view import CachingGraphQL
from graphql_api.headers import SECURITY_HEADERS
from graphql_api.metrics import AppMetrics
from graphql_api.session import ACCOUNT

log = logging.getLogger(__name__)

PATH = "/graphql"
REMEMBERED_SESSIONS = 10_000
_FIXED_HEADERS = [
    (b"content-type", b"application/json"),
    *((name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()),
    (b"vary", b"Cookie"),  # as the session middleware marks an answer that read the session
]


class CachedAnswerFront:
    def __init__(
        self,
        app: ASGIApp,
        view: CachingGraphQL,
        metrics: AppMetrics,
        secret_key: str,
        session_cookie: str,
        max_age: int,
    ) -> None:
        self.app = app
        self.view = view
        self.signer = TimestampSigner(secret_key)
        self.session_cookie = session_cookie
        self.max_age = max_age
        self.max_body = view.cache.limits.max_request_bytes
        self._sessions: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self.requests = metrics.requests.labels(PATH, "POST", "200")
        self.latency = metrics.latency.labels(PATH, "POST")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = Headers(scope=scope)
        account_id = self._account_id(headers)
        if account_id is None:
            await self.app(scope, receive, send)
            return
        body, complete = await _read_body(receive, self.max_body)
        answer = None
        if complete:
            try:
                state = scope.setdefault("state", {})
                answer = await self.view.cached_body(account_id, headers, body, state)
            except Exception as exc:  # the view answers it, and says what went wrong
                log.warning("cache front: no cached answer (%s)", type(exc).__name__)
        if answer is None:
            await self.app(scope, _replay(body, complete, receive), send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [*_FIXED_HEADERS, (b"content-length", str(len(answer)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": answer})
        self.requests.inc()
        self.latency.observe(time.perf_counter() - started)

    def _account_id(self, headers: Headers) -> int | None:
        """The account of a valid session cookie, read as the session middleware reads it.
        A cookie verified before is remembered with its signing time (its age is checked on
        every use): the same browser repeats the same cookie."""
        cookie = headers.get("cookie")
        if not cookie:
            return None
        value = cookie_parser(cookie).get(self.session_cookie)
        if not value:
            return None
        known = self._sessions.get(value)
        if known is None:
            known = self._verify(value)
            if known is None:
                return None
            self._sessions[value] = known
            if len(self._sessions) > REMEMBERED_SESSIONS:
                self._sessions.popitem(last=False)
        account_id, signed_at = known
        if time.time() - signed_at > self.max_age:
            del self._sessions[value]
            return None
        return account_id

    def _verify(self, value: str) -> tuple[int, float] | None:
        try:
            data, signed_at = self.signer.unsign(
                value.encode(), max_age=self.max_age, return_timestamp=True
            )
            session: Any = json.loads(b64decode(data))
        except (BadSignature, ValueError):
            return None
        account_id = session.get(ACCOUNT) if isinstance(session, dict) else None
        if not isinstance(account_id, int):
            return None
        return account_id, signed_at.timestamp()


async def _read_body(receive: Receive, limit: int) -> tuple[bytes, bool]:
    """The body, unless it grows past ``limit``: then what was read so far and False."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away: let the stack see it
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), True
        if size > limit:
            return b"".join(chunks), False


def _replay(body: bytes, complete: bool, receive: Receive) -> Receive:
    """The request as the client sent it: the part already read, then the rest (if any)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": not complete}
        return await receive()

    return replayed
