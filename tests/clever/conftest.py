"""Fixtures for the Clever adapter: a fast retry policy, a mocked Clever, and its clients."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx

from adapters.clever import CleverHttp, HttpxCleverDirectory, RetryPolicy
from tests.clever.payloads import DISTRICT

API = "https://api.clever.test"
OAUTH = "https://clever.test"
TOKEN = "district-token-abc123"
NOW = 1_800_000_000.0


class Sleeps(list[float]):
    """Records the waits instead of sleeping, so retry tests take no time."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


class StaticTokens:
    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens

    def district_tokens(self) -> dict[str, str]:
        return dict(self.tokens)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def policy(sleeps: Sleeps) -> RetryPolicy:
    return RetryPolicy(
        attempts=4,
        backoff_base=0.1,
        backoff_max=1.0,
        rate_limit_wait_max=5.0,
        sleep=sleeps,
        clock=lambda: NOW,
    )


@pytest.fixture(scope="session")
def pooled_client() -> Iterator[httpx.Client]:
    """One pooled client for the session: building TLS contexts per test is slow."""
    with httpx.Client(timeout=5.0) as client:
        yield client


@pytest.fixture
def http(policy: RetryPolicy, pooled_client: httpx.Client) -> CleverHttp:
    return CleverHttp(retry=policy, client=pooled_client)


@pytest.fixture
def clever() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        yield router


@pytest.fixture
def directory(http: CleverHttp) -> HttpxCleverDirectory:
    return HttpxCleverDirectory(API, StaticTokens({DISTRICT: TOKEN}), http=http)
