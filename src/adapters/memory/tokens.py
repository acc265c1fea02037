"""In-memory OAuth state and Clever tokens (single process only)."""

from __future__ import annotations

import threading
import time


class FakeOAuthStateStore:
    def __init__(self) -> None:
        self._states: dict[str, tuple[float, dict[str, str]]] = {}
        self._codes: dict[str, float] = {}
        self._mutex = threading.Lock()

    def put(self, state: str, data: dict[str, str], ttl_seconds: int) -> None:
        with self._mutex:
            self._states[state] = (time.monotonic() + ttl_seconds, dict(data))

    def take(self, state: str) -> dict[str, str] | None:
        with self._mutex:
            entry = self._states.pop(state, None)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

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
        self.users: dict[str, str] = {}
        self.districts: dict[str, str] = {}

    def save_user_token(self, clever_id: str, token: str) -> None:
        self.users[clever_id] = token

    def user_token(self, clever_id: str) -> str | None:
        return self.users.get(clever_id)

    def save_district_token(self, district_id: str, token: str) -> None:
        self.districts[district_id] = token

    def district_tokens(self) -> dict[str, str]:
        return dict(self.districts)
