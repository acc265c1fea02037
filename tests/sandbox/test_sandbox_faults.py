"""Rate limits, injected faults and request counting."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from clever_sandbox.state import Sandbox

from .conftest import district_client


def test_rate_limit_headers_on_every_data_response(fresh_client: httpx.Client) -> None:
    response = fresh_client.get("/v3.1/schools")
    assert response.headers["X-RateLimit-Limit"] == "1200"
    assert int(response.headers["X-RateLimit-Remaining"]) < 1200
    assert int(response.headers["X-RateLimit-Reset"]) > time.time()
    assert fresh_client.get("/v3.1/schools/nope").headers["X-RateLimit-Limit"] == "1200"


@pytest.fixture
def tight_client() -> Iterator[httpx.Client]:
    with district_client(Sandbox(seed=2, students=100, rate_limit_per_minute=3)) as http:
        yield http


def test_the_per_token_limit_answers_429(tight_client: httpx.Client) -> None:
    statuses = [tight_client.get("/v3.1/schools").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = tight_client.get("/v3.1/schools")
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert int(limited.headers["Retry-After"]) >= 1


def test_rate_limit_burst(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    fresh_sandbox.faults.rate_limit_burst(2)
    first, second, third = (fresh_client.get("/v3.1/sections") for _ in range(3))
    assert first.status_code == second.status_code == 429
    reset = int(first.headers["X-RateLimit-Reset"])
    assert time.time() - 1 <= reset <= time.time() + 2
    assert first.headers["Retry-After"] == "1"
    assert third.status_code == 200


def test_server_error_burst(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    fresh_sandbox.faults.server_errors(2)
    assert [fresh_client.get("/v3.1/sections").status_code for _ in range(3)] == [503, 503, 200]


def test_truncated_and_html_bodies(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    fresh_sandbox.faults.truncate_next(1)
    cut = fresh_client.get("/v3.1/sections")
    assert cut.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut.content)
    fresh_sandbox.faults.html_next(1)
    html = fresh_client.get("/v3.1/sections")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert fresh_client.get("/v3.1/sections").json()["data"]


def test_fail_after_breaks_pagination_midway(
    fresh_sandbox: Sandbox, fresh_client: httpx.Client
) -> None:
    fresh_sandbox.faults.fail_after(2, status=500)
    statuses = [fresh_client.get("/v3.1/sections?limit=5").status_code for _ in range(4)]
    assert statuses == [200, 200, 500, 500]
    fresh_sandbox.faults.clear()
    assert fresh_client.get("/v3.1/sections").status_code == 200


def test_random_429_is_seeded(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    def run() -> list[int]:
        fresh_sandbox.faults.random_429(0.5, seed=9)
        codes = [fresh_client.get("/v3.1/schools").status_code for _ in range(20)]
        fresh_sandbox.faults.clear()
        return codes

    first = run()
    assert first == run()
    assert 429 in first and 200 in first


def test_latency(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    fresh_sandbox.faults.latency(0.2)
    started = time.perf_counter()
    fresh_client.get("/v3.1/schools")
    assert time.perf_counter() - started >= 0.2


def test_request_counters(fresh_sandbox: Sandbox, fresh_client: httpx.Client) -> None:
    fresh_sandbox.requests.reset()
    section = fresh_sandbox.sections()[0]["id"]
    fresh_client.get("/v3.1/sections")
    fresh_client.get("/v3.1/sections?limit=1")
    fresh_client.get(f"/v3.1/sections/{section}/users?role=student")
    assert fresh_sandbox.requests.total == 3
    assert fresh_sandbox.requests.by_endpoint == {
        "GET /v3.1/sections": 2,
        "GET /v3.1/sections/{id}/users": 1,
    }
    over_http = fresh_client.get("/_sandbox/requests").json()
    assert over_http["total"] == 3
    fresh_client.post("/_sandbox/requests/reset")
    assert fresh_sandbox.requests.total == 0


def test_faults_over_the_admin_endpoint(fresh_client: httpx.Client) -> None:
    assert fresh_client.post(
        "/_sandbox/faults", json={"op": "server_errors", "args": {"count": 1, "status": 502}}
    ).json()["ok"]
    assert fresh_client.get("/v3.1/schools").status_code == 502
    assert fresh_client.post("/_sandbox/faults", json={"op": "explode"}).status_code == 400
