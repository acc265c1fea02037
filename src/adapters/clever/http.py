"""One pooled httpx client for every Clever call: a shared budget, retries, typed errors, JSON only."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import Self

import httpx

from adapters.clever.budget import CleverBudget, budget_key, pause, spend
from adapters.clever.budget_limits import InProcessCleverBudget
from adapters.clever.errors import CleverRateLimited, CleverResponseInvalid
from adapters.clever.retry import RetryPolicy, TransientFailure, rate_limit_wait, retrying
from adapters.clever.status import raise_for_status
from application.errors import CleverUnavailable

log = logging.getLogger(__name__)

JsonObject = dict[str, object]

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=10.0)
DEFAULT_LIMITS = httpx.Limits(
    max_connections=20, max_keepalive_connections=10, keepalive_expiry=30.0
)


class CleverHttp:
    """Shared by the directory, identity and OAuth adapters; thread-safe like httpx.Client."""

    def __init__(
        self,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        limits: httpx.Limits = DEFAULT_LIMITS,
        client: httpx.Client | None = None,
        budget: CleverBudget | None = None,
    ) -> None:
        self.retry = retry or RetryPolicy()
        self.budget = budget or InProcessCleverBudget()
        self._client = client or httpx.Client(
            timeout=timeout,
            limits=limits,
            follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": "rostersync"},
        )

    def get(
        self, url: str, *, bearer: str | None = None, params: dict[str, str] | None = None
    ) -> JsonObject:
        if not bearer:
            return self.request("GET", url, params=params)
        headers = {"Authorization": f"Bearer {bearer}"}
        return self.request("GET", url, headers=headers, params=params, spends=budget_key(bearer))

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        auth: httpx.BasicAuth | None = None,
        json_body: JsonObject | None = None,
        retry: bool = True,
        spends: str | None = None,
    ) -> JsonObject:
        """The JSON object Clever answered with; raises a CleverError subclass otherwise.
        ``spends`` names the token budget (``budget_key(token)``) the request is counted
        against; a 429 then pauses that budget for every process sharing it."""
        target = f"{method} {httpx.URL(url).path}"
        policy = self.retry if retry else replace(self.retry, attempts=1)

        def attempt() -> httpx.Response:
            if spends is not None:
                spend(self.budget, spends, clock=policy.clock, sleep=policy.sleep)
            try:
                response = self._client.request(
                    method, url, headers=headers, params=params, auth=auth, json=json_body
                )
            except httpx.TransportError as exc:
                raise TransientFailure(f"{type(exc).__name__} talking to Clever") from exc
            except httpx.RequestError as exc:
                raise CleverResponseInvalid(f"Clever {target}: {type(exc).__name__}") from exc
            if response.status_code == 429:
                now = policy.clock()
                wait = min(rate_limit_wait(response.headers, now), policy.rate_limit_wait_max)
                if spends is None or wait <= 0:
                    raise TransientFailure("answered 429", rate_limit_wait=wait)
                if pause(self.budget, spends, now + wait):
                    raise TransientFailure("answered 429", rate_limit_wait=wait, paused=True)
                raise TransientFailure("answered 429", rate_limit_wait=wait)
            if response.status_code >= 500:
                raise TransientFailure(f"answered {response.status_code}")
            return response

        try:
            response = retrying(policy, target)(attempt)
        except TransientFailure as exc:
            tried = f"after {policy.attempts} attempt{'s' if policy.attempts > 1 else ''}"
            error = CleverRateLimited if exc.rate_limited else CleverUnavailable
            raise error(f"Clever {target}: {exc.reason} {tried}") from exc
        log.debug("Clever %s -> %s", target, response.status_code)
        raise_for_status(response, target)
        return json_object(response, target)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def json_object(response: httpx.Response, target: str) -> JsonObject:
    kind = response.headers.get("Content-Type", "no content type").split(";")[0]
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        raise CleverResponseInvalid(
            f"Clever {target}: answered {response.status_code} with a body that is not JSON ({kind})"
        ) from None
    if not isinstance(body, dict):
        raise CleverResponseInvalid(f"Clever {target}: answered JSON that is not an object")
    return body
