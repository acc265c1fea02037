"""The signed-in viewer, in a server-side session (starsessions): the browser's cookie holds
only a random id; the session itself is kept by the store, which every request reads (with who
the session signs in, in the same read: see graphql_api.viewer).

Signing in replaces whatever session the browser had (a new id; the old session ended), so a
shared classroom device never carries one person's session into the next. Signing out ends the
session on the server: a copy of the cookie signs nobody in afterwards.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.middleware import Middleware
from starlette.requests import HTTPConnection
from starsessions import (
    JsonSerializer,
    SessionAutoloadMiddleware,
    SessionMiddleware,
    SessionStore,
    get_session_id,
    regenerate_session_id,
)

from application.sessions import ACCOUNT_KEY, SIGNED_IN_KEY

SESSION_COOKIE = "rostersync_session"
ACCOUNT = ACCOUNT_KEY
# Never stored: starsessions' own bookkeeping (the store keeps the session's times itself, so
# an unchanged session is not rewritten on every request) and who the session signs in (read
# afresh with the session by every request).
_NOT_STORED = frozenset({"__metadata__", SIGNED_IN_KEY})


class SessionData(JsonSerializer):
    """Only what the app put in the session is stored."""

    def serialize(self, data: Any) -> bytes:
        return super().serialize({k: v for k, v in data.items() if k not in _NOT_STORED})

    def deserialize(self, data: bytes) -> dict[str, Any]:
        loaded = orjson.loads(data) if data else {}
        return loaded if isinstance(loaded, dict) else {}


def session_middleware(store: SessionStore, https: bool) -> list[Middleware]:
    """Every request loads its session (one read of the store) before anything else runs.
    The cookie lasts as long as the browser session; the store ends it sooner."""
    return [
        Middleware(
            SessionMiddleware,
            store=store,
            cookie_name=SESSION_COOKIE,
            cookie_same_site="lax",  # Clever's redirect back to the callback carries it
            cookie_https_only=https,
            lifetime=0,
            serializer=SessionData(),
        ),
        Middleware(SessionAutoloadMiddleware),
    ]


async def sign_in(conn: HTTPConnection, account_id: int, store: SessionStore) -> None:
    previous = get_session_id(conn)
    regenerate_session_id(conn)
    if previous:
        await store.remove(previous)
    conn.session.clear()
    conn.session[ACCOUNT] = account_id


def sign_out(conn: HTTPConnection) -> None:
    """An emptied session is deleted from the store and its cookie cleared."""
    conn.session.clear()


def current_account_id(conn: HTTPConnection) -> int | None:
    value = conn.session.get(ACCOUNT)
    return value if isinstance(value, int) else None
