"""One sign-in attempt with Clever, remembered server-side under its OAuth state.

Only an opaque browser id goes into the session cookie: it ties the answer from Clever to the
browser that asked, so nobody can hand someone else a callback link that signs them in.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from application.ports import OAuthStateStore

STATE_TTL_SECONDS = 600
# Sign-ins one address may have under way (a school's whole building can share one address);
# a flood from one address only pushes out its own oldest attempts.
STATES_PER_CLIENT = 200
# Clever's codes live one minute; remembering used ones for ten covers any clock skew.
USED_CODE_TTL_SECONDS = 600
BROWSER_KEY = "clever_browser"


class Purpose(StrEnum):
    LOGIN = "login"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class SignInAttempt:
    state: str
    purpose: Purpose
    next_path: str
    browser: str
    nonce: str = ""
    code_verifier: str = ""
    account_id: int | None = None

    @property
    def openid(self) -> bool:
        return bool(self.nonce)

    def record(self) -> dict[str, str]:
        return {
            "purpose": self.purpose.value,
            "next": self.next_path,
            "browser": self.browser,
            "nonce": self.nonce,
            "verifier": self.code_verifier,
            "account_id": "" if self.account_id is None else str(self.account_id),
        }

    @classmethod
    def from_record(cls, state: str, data: dict[str, str]) -> SignInAttempt | None:
        try:
            purpose = Purpose(data.get("purpose", ""))
            account = data.get("account_id") or None
            account_id = int(account) if account is not None else None
        except ValueError:
            return None
        if purpose is Purpose.LINK and account_id is None:
            return None
        return cls(
            state=state,
            purpose=purpose,
            next_path=data.get("next", "/"),
            browser=data.get("browser", ""),
            nonce=data.get("nonce", ""),
            code_verifier=data.get("verifier", ""),
            account_id=account_id,
        )


def browser_id(conn: HTTPConnection) -> str:
    """This browser's opaque id in the session, created on first use."""
    value = conn.session.get(BROWSER_KEY)
    if not isinstance(value, str) or not value:
        value = secrets.token_urlsafe(18)
        conn.session[BROWSER_KEY] = value
    return value


def new_attempt(
    conn: HTTPConnection,
    purpose: Purpose,
    next_path: str,
    *,
    openid: bool,
    pkce: bool,
    account_id: int | None = None,
) -> SignInAttempt:
    return SignInAttempt(
        state=secrets.token_urlsafe(32),
        purpose=purpose,
        next_path=next_path,
        browser=browser_id(conn),
        nonce=secrets.token_urlsafe(24) if openid else "",
        code_verifier=secrets.token_urlsafe(48) if pkce else "",
        account_id=account_id,
    )


def client_of(conn: HTTPConnection) -> str:
    """A digest of the address the request came from (the address itself is not kept)."""
    host = conn.client.host if conn.client else ""
    return hashlib.sha256(host.encode()).hexdigest()[:32]


async def remember(store: OAuthStateStore, conn: HTTPConnection, attempt: SignInAttempt) -> None:
    await run_in_threadpool(
        functools.partial(
            store.put,
            attempt.state,
            attempt.record(),
            STATE_TTL_SECONDS,
            browser=attempt.browser,
            client=client_of(conn),
            client_limit=STATES_PER_CLIENT,
        )
    )


async def recall(store: OAuthStateStore, conn: HTTPConnection, state: str) -> SignInAttempt | None:
    """The attempt stored under this state for this browser, once; None when unknown,
    expired, used or started by another browser. The browser is checked before anything is
    taken, so a stranger who learns a state cannot spend its owner's sign-in."""
    browser = conn.session.get(BROWSER_KEY)
    if not isinstance(browser, str) or not browser:
        return None
    data = await run_in_threadpool(store.take, state, browser)
    return None if data is None else SignInAttempt.from_record(state, data)


async def first_use_of_code(store: OAuthStateStore, code: str) -> bool:
    digest = hashlib.sha256(code.encode()).hexdigest()
    return await run_in_threadpool(store.first_use_of_code, digest, USED_CODE_TTL_SECONDS)
