"""/healthz, /readyz and /metrics."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from prometheus_client import CollectorRegistry
from starlette.testclient import TestClient

from graphql_api import metrics as metrics_module
from tests.graphql.world import GraphWorld


def test_healthz_answers_while_the_process_is_up(world: GraphWorld) -> None:
    response = world.client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_when_every_check_passes(world: GraphWorld) -> None:
    world.readiness["database"] = lambda: None

    response = world.client().get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": ["database"]}


def test_readyz_names_the_failing_check_without_its_details(world: GraphWorld) -> None:
    def broker_down() -> None:
        raise ConnectionError("redis://:hunter2@10.0.0.5:6379 refused")

    world.readiness["database"] = lambda: None
    world.readiness["broker"] = broker_down

    response = world.client().get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["broker"]}
    assert "hunter2" not in response.text


def test_metrics_count_requests_by_route_and_status(world: GraphWorld) -> None:
    client = world.client()
    client.get("/healthz")
    client.get("/healthz")
    client.get("/no/such/page")
    client.post("/graphql", json={"query": "{ viewer { id } }"})

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'rostersync_http_requests_total{method="GET",route="/healthz",status="200"} 2.0' in text
    assert 'rostersync_http_requests_total{method="GET",route="unmatched",status="404"} 1.0' in text
    assert 'rostersync_http_requests_total{method="POST",route="/graphql",status="200"} 1.0' in text
    assert (
        'rostersync_http_request_duration_seconds_count{method="GET",route="/healthz"} 2.0' in text
    )
    assert "# TYPE rostersync_sync_runs_total counter" in text
    assert "# TYPE rostersync_sync_duration_seconds histogram" in text


def test_each_app_has_its_own_metrics(world: GraphWorld) -> None:
    first, second = world.client(), GraphWorld.build().client()
    first.get("/healthz")

    text = second.get("/metrics").text

    assert 'route="/healthz"' not in text


def series(text: str) -> set[str]:
    return {line.rsplit(" ", 1)[0] for line in text.splitlines() if not line.startswith("#")}


def test_hostile_methods_and_paths_add_no_metric_series(world: GraphWorld) -> None:
    client = world.client()

    def attack(rounds: int) -> None:
        for n in range(rounds):
            client.request(f"X{n:04d}" + "Q" * 2_000, "/healthz")
            client.request(f"Y{n:04d}", f"/no/such/page/{n}")
            client.get(f"/auth/clever/callback/{n}")

    attack(5)
    client.get("/metrics")  # /metrics itself is counted from its first answer on
    before = series(client.get("/metrics").text)
    attack(60)
    text = client.get("/metrics").text

    assert series(text) == before
    assert "QQQQ" not in text and "X0050" not in text and "/no/such/page" not in text
    assert 'rostersync_http_requests_total{method="OTHER",route="/healthz",status="405"}' in text
    assert 'method="OTHER",route="unmatched",status="404"} 65.0' in text


def test_metrics_are_rendered_off_the_event_loop(
    world: GraphWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered_on_the_loop: list[bool] = []
    real = metrics_module.generate_latest

    def spy(registry: CollectorRegistry) -> bytes:
        try:
            asyncio.get_running_loop()
            rendered_on_the_loop.append(True)
        except RuntimeError:
            rendered_on_the_loop.append(False)
        return real(registry)

    monkeypatch.setattr(metrics_module, "generate_latest", spy)

    assert world.client().get("/metrics").status_code == 200
    assert rendered_on_the_loop == [False]


def production_metrics(token: str | None) -> TestClient:
    world = GraphWorld.build(production=True)
    world.deps.config = replace(world.deps.config, metrics_token=token)
    return world.client()


def test_production_metrics_are_not_public_without_a_token() -> None:
    client = production_metrics(None)

    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_production_metrics_answer_only_the_bearer_token() -> None:
    token = "metrics-token-3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f"
    client = production_metrics(token)

    for refused in ("", f"Basic {token}", "Bearer wrong", f"Bearer {token}x", token):
        response = client.get("/metrics", headers={"Authorization": refused})
        assert response.status_code == 404, refused
        assert "rostersync_http_requests" not in response.text
    allowed = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert allowed.status_code == 200
    assert "rostersync_http_requests_total" in allowed.text
