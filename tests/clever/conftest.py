"""Fixtures for the Clever adapter: a fast retry policy, a mocked Clever, and its clients."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx

from adapters.clever import CleverHttp, HttpxCleverDirectory, RetryPolicy
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from tests.clever.payloads import DISTRICT, listing

API = "https://api.clever.test"
OAUTH = "https://clever.test"
TOKEN = "district-token-abc123"
NOW = 1_800_000_000.0


class Sleeps(list[float]):
    """Records the waits instead of sleeping, so retry tests take no time; its clock moves
    on by each wait, as a real one would."""

    def __init__(self) -> None:
        super().__init__()
        self.now = NOW

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


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
        clock=sleeps.clock,
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
        # Every roster read lists the district's terms; a test naming terms mocks this route.
        router.get(path__regex=r"^/v3\.[01]/terms$", name="terms").mock(
            side_effect=lambda request: httpx.Response(
                200, json=listing([], "terms", request.url.path.split("/")[1])
            )
        )
        yield router


@pytest.fixture
def directory(http: CleverHttp) -> HttpxCleverDirectory:
    return HttpxCleverDirectory(API, StaticTokens({DISTRICT: TOKEN}), http=http)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    """A Clever sandbox on a loopback port, shared by a module's read-only tests."""
    with serve_in_thread(Sandbox(seed=7, students=600)) as running:
        yield running


@pytest.fixture
def fresh_sandbox() -> Iterator[RunningSandbox]:
    """A small sandbox of its own, for tests that change records or inject faults."""
    with serve_in_thread(Sandbox(seed=3, students=150)) as running:
        yield running


def sandbox_directory(
    running: RunningSandbox, http: CleverHttp, version: str = "v3.1", page_size: int = 10_000
) -> HttpxCleverDirectory:
    tokens = StaticTokens({d: running.sandbox.district_token(d) for d in running.sandbox.districts})
    return HttpxCleverDirectory(running.url, tokens, version, page_size=page_size, http=http)
