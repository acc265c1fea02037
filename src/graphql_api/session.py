"""The signed-in viewer, kept in Starlette's signed session cookie.

Signing in replaces whatever session the browser had (a new session id), so a shared
classroom device never carries one student's session into the next.
"""

from __future__ import annotations

import secrets

from starlette.requests import HTTPConnection

ACCOUNT = "account_id"
SESSION_ID = "sid"


def sign_in(conn: HTTPConnection, account_id: int) -> str:
    conn.session.clear()
    sid = secrets.token_urlsafe(24)
    conn.session[ACCOUNT] = account_id
    conn.session[SESSION_ID] = sid
    return sid


def sign_out(conn: HTTPConnection) -> None:
    conn.session.clear()


def current_account_id(conn: HTTPConnection) -> int | None:
    value = conn.session.get(ACCOUNT)
    return value if isinstance(value, int) else None
