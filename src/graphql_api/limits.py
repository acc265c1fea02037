"""Request bodies over a limit get 413 before they are read whole: a declared length is
refused at once, and a body sent without one is counted as it arrives."""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

GRAPHQL_PATH = "/graphql"


class BodyTooLarge(Exception):
    """Raised to the app when more than the limit arrives; answered 413 here."""


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, graphql_bytes: int, form_bytes: int) -> None:
        self.app = app
        self.graphql_bytes = graphql_bytes
        self.form_bytes = form_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.graphql_bytes if scope["path"] == GRAPHQL_PATH else self.form_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(limit, scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def noting(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, noting)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(limit, scope, receive, send)


async def _too_large(limit: int, scope: Scope, receive: Receive, send: Send) -> None:
    text = f"The request body is too large (at most {limit // 1024} KiB)."
    response = PlainTextResponse(text, status_code=413, headers={"Connection": "close"})
    await response(scope, receive, send)
