"""/healthz, /readyz and /metrics."""

from __future__ import annotations

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
