"""HttpxCleverOAuth: Clever's OAuth server for the district-app token list (the sign-in flow is
Authlib's, in adapters/clever/identity.py)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import httpx

from adapters.clever.errors import CleverResponseInvalid
from adapters.clever.http import CleverHttp
from application.errors import CleverUnavailable

log = logging.getLogger(__name__)

# Districts connect (and leave) at any time; a long-lived worker reads the list again this
# often, so the daily job of a worker started weeks ago still reaches a district connected today.
TOKEN_LIST_MAX_AGE_SECONDS = 600.0


class HttpxCleverOAuth:
    """The district-token provider: the token list is cached for the process until forgotten
    or older than ``max_age_seconds``. A list that cannot be read again is kept (and tried
    again after another ``max_age_seconds``), so an outage of Clever's token list costs one
    failed request per process, not one per Clever call."""

    def __init__(
        self,
        oauth_url: str,
        client_id: str,
        client_secret: str,
        *,
        http: CleverHttp | None = None,
        max_age_seconds: float = TOKEN_LIST_MAX_AGE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.http = http or CleverHttp()
        self.max_age_seconds = max_age_seconds
        self._clock = clock
        self._read_at = 0.0
        self.tokens_url = f"{oauth_url.rstrip('/')}/oauth/tokens"
        self.client_id = client_id
        self._client_auth = httpx.BasicAuth(client_id, client_secret)
        self._district_tokens: dict[str, str] | None = None
        self._mutex = threading.Lock()

    def district_tokens(self) -> dict[str, str]:
        with self._mutex:
            now = self._clock()
            if self._district_tokens is None:
                self._district_tokens = self._fetch_district_tokens()
                self._read_at = now
            elif now - self._read_at >= self.max_age_seconds:
                self._read_at = now
                try:
                    self._district_tokens = self._fetch_district_tokens()
                except CleverUnavailable as exc:
                    log.warning("Clever token list not refreshed (%s); keeping the last one", exc)
            return dict(self._district_tokens)

    def forget_district_tokens(self) -> None:
        with self._mutex:
            self._district_tokens = None

    def _fetch_district_tokens(self) -> dict[str, str]:
        answer = self.http.request(
            "GET", self.tokens_url, auth=self._client_auth, params={"owner_type": "district"}
        )
        rows = answer.get("data")
        if not isinstance(rows, list):
            raise CleverResponseInvalid("Clever GET /oauth/tokens: answered without a data list")
        tokens: dict[str, str] = {}
        for row in rows:
            entry = _district_token(row)
            if entry is None:
                log.warning("Clever token list: skipped an entry that is not a district token")
                continue
            tokens.setdefault(*entry)
        log.info("Clever token list: %d districts connected", len(tokens))
        return tokens


def _district_token(row: object) -> tuple[str, str] | None:
    """(district id, access token) of one ``{"owner": {"type", "id"}, "access_token"}`` entry."""
    if not isinstance(row, dict):
        return None
    owner, token = row.get("owner"), row.get("access_token")
    if not isinstance(owner, dict) or owner.get("type", "district") != "district":
        return None
    district_id = owner.get("id")
    if isinstance(district_id, str) and district_id and isinstance(token, str) and token:
        return district_id, token
    return None
