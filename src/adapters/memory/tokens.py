"""In-memory OAuth state and Clever tokens (single process only)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class _Pending:
    expires: float
    browser: str
    client: str
    data: dict[str, str]


class FakeOAuthStateStore:
    def __init__(self) -> None:
        self._states: dict[str, _Pending] = {}  # in insertion order: oldest first
        self._codes: dict[str, float] = {}
        self._mutex = threading.Lock()

    def __len__(self) -> int:
        return len(self._states)

    def put(
        self,
        state: str,
        data: dict[str, str],
        ttl_seconds: int,
        *,
        browser: str,
        client: str,
        client_limit: int,
    ) -> None:
        now = time.monotonic()
        with self._mutex:
            for key in [k for k, p in self._states.items() if p.expires < now]:
                del self._states[key]
            self._states[state] = _Pending(now + ttl_seconds, browser, client, dict(data))
            mine = [k for k, p in self._states.items() if p.client == client]
            for key in mine[: max(len(mine) - client_limit, 0)]:
                del self._states[key]

    def take(self, state: str, browser: str) -> dict[str, str] | None:
        with self._mutex:
            entry = self._states.get(state)
            if entry is None or entry.browser != browser:
                return None
            del self._states[state]
        return entry.data if entry.expires >= time.monotonic() else None

    def first_use_of_code(self, code_digest: str, ttl_seconds: int) -> bool:
        now = time.monotonic()
        with self._mutex:
            expiry = self._codes.get(code_digest)
            if expiry is not None and expiry >= now:
                return False
            self._codes[code_digest] = now + ttl_seconds
            return True


class FakeCleverTokenStore:
    def __init__(self) -> None:
        self.districts: dict[str, str] = {}

    def save_district_token(self, district_id: str, token: str) -> None:
        self.districts[district_id] = token

    def district_tokens(self) -> dict[str, str]:
        return dict(self.districts)
