"""The GraphQL roster query: SQL statements, and latency and throughput with concurrent
clients against one uvicorn worker, beside the strawberry and bare-HTTP floors.

The service is measured through its own entry point (``bootstrap:asgi_app``). "Uncached" gives
every request a body of its own (an unused variable), so no remembered answer serves any;
"cached" repeats one body (each request still looks its session and the roster version up);
"304" repeats it with the answer's ETag in If-None-Match."""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.apps import BODY_ENV, COLD_SERVICE_APP, SERVICE_APP, app_remembering_nothing, service_env
from bench.database import BenchDatabase, new_database
from bench.load import LoadResult, Requests, graphql_request, load, serve
from bench.load import session_cookie as sign_in
from bench.roster import CLASSES, EMAIL, PASSWORD, ROSTER_QUERY, seed
from bench.roster import STUDENTS_PER_CLASS as SEATS
from bench.worker import bench_settings

SHAPE = f"{CLASSES} classes x {SEATS}"
STRAWBERRY_APP = "bench.apps:strawberry_app"
BARE_APP = "bench.apps:bare_app"
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
Progress = Callable[[str], None]


@dataclass
class Load:
    clients: int
    seconds: float
    warmup: float
    in_process: bool = False  # quick mode: apps in a thread of the bench process


@dataclass
class Statements:
    session: int
    roster: int
    repeated: int  # the same query again: fewer statements when a remembered answer serves it


@dataclass
class ServiceLoad:
    uncached: LoadResult
    floor: LoadResult  # the strawberry floor, in turns with the uncached load
    cached: LoadResult
    cold: LoadResult  # uncached, with no answers remembered at all
    not_modified: LoadResult  # the repeat, with the answer's ETag: 304 and no body
    body: bytes


# The uncached load and the strawberry floor take turns this many times, each for its share of
# the window: a two-core virtual machine's speed drifts by a quarter over minutes, and taking
# turns puts the drift on both sides of the ratio.
TURNS = 4


def body_of(nonce: int | None) -> bytes:
    variables = {} if nonce is None else {"variables": {"benchNonce": nonce}}
    return json.dumps({"query": ROSTER_QUERY, **variables}).encode()


def measure_service(
    backend: str, plan: Load, floor_port: int, say: Progress
) -> tuple[Statements, ServiceLoad]:
    """``floor_port``: the strawberry floor's server, which takes turns with the uncached load."""
    with _seeded(backend) as database:
        say(f"GraphQL on {backend}: SQL statements per query")
        statements = count_statements(database)
        say(f"GraphQL on {backend}: {plan.clients} clients, every request a cache miss")
        app = serve(SERVICE_APP, service_env(database.url), plan.in_process)
        try:
            cookie = sign_in(app.url, EMAIL, PASSWORD)
            answer, etag = _answer(app.url, cookie)
            uncached, floor = _in_turns(
                lambda window: _misses(app.port, cookie, plan, window),
                lambda window: _repeats(floor_port, plan, window),
                plan,
            )
            say(f"GraphQL on {backend}: {plan.clients} clients repeating one query")
            cached = _repeats(app.port, plan, cookie=cookie)
            say(f"GraphQL on {backend}: {plan.clients} clients revalidating it (304)")
            not_modified = _repeats(app.port, plan, cookie=cookie, etag=etag)
        finally:
            app.stop()
        say(f"GraphQL on {backend}: no answers remembered, every roster read from storage")
        cold = _unique_load(COLD_SERVICE_APP, database, plan)
    return statements, ServiceLoad(uncached, floor, cached, cold, not_modified, answer)


def _unique_load(app_name: str, database: BenchDatabase, plan: Load) -> LoadResult:
    app = serve(app_name, service_env(database.url), plan.in_process)
    try:
        return _misses(app.port, sign_in(app.url, EMAIL, PASSWORD), plan)
    finally:
        app.stop()


def _misses(port: int, cookie: str, plan: Load, seconds: float | None = None) -> LoadResult:
    """Every request a body of its own (an unused variable), so no remembered answer serves it."""

    def unique(client: int) -> Requests:
        return lambda n: graphql_request(port, body_of(client * 10**9 + n), cookie)

    return load(port, [unique(c) for c in range(plan.clients)], *_window(plan, seconds))


def _repeats(
    port: int,
    plan: Load,
    seconds: float | None = None,
    cookie: str | None = None,
    etag: str | None = None,
) -> LoadResult:
    """The roster query, the same request every time (without a cookie: no session)."""
    same = graphql_request(port, body_of(None), cookie, etag)
    return load(port, [lambda n: same] * plan.clients, *_window(plan, seconds))


def _in_turns(
    first: Callable[[float], LoadResult], second: Callable[[float], LoadResult], plan: Load
) -> tuple[LoadResult, LoadResult]:
    """Two loads taking turns over the plan's window, each result all its turns together."""
    turns = [(first(plan.seconds / TURNS), second(plan.seconds / TURNS)) for _ in range(TURNS)]
    return _together(t[0] for t in turns), _together(t[1] for t in turns)


def _together(results: Iterable[LoadResult]) -> LoadResult:
    parts = list(results)
    return LoadResult(
        latencies=[latency for part in parts for latency in part.latencies],
        seconds=sum(part.seconds for part in parts),
        errors=sum(part.errors for part in parts),
    )


@contextmanager
def strawberry_floor(plan: Load) -> Iterator[int]:
    """The strawberry floor's server for the time of the block; its port."""
    app = serve(STRAWBERRY_APP, {}, plan.in_process)
    try:
        yield app.port
    finally:
        app.stop()


def measure_floors(
    plan: Load, body: bytes, floor_port: int, say: Progress
) -> tuple[LoadResult, LoadResult]:
    """The same query answered by strawberry from memory, and the same bytes by bare HTTP."""
    say("GraphQL floor: strawberry on in-memory objects")
    strawberry = _repeats(floor_port, plan)
    say("GraphQL floor: a bare Starlette endpoint")
    with tempfile.NamedTemporaryFile(suffix=".json") as answer:
        Path(answer.name).write_bytes(body)
        app = serve(BARE_APP, {BODY_ENV: answer.name}, plan.in_process)
        try:
            bare = _repeats(app.port, plan)
        finally:
            app.stop()
    return strawberry, bare


def count_statements(database: BenchDatabase) -> Statements:
    """SQL statements one query sends, counted on every engine (transaction control aside).
    The session's share is the server-side session's lookup (and its touch, when due)."""
    from sqlalchemy import Engine, event

    with warnings.catch_warnings():  # Starlette prefers httpx2; rostersync stays on httpx
        warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    import bootstrap

    sent: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            sent.append(statement)

    numbers, session = [], 0
    # The roster as read from storage (an app that remembers nothing), then the same query
    # again on the service as it runs (its answer remembered).
    for remember in (False, True):
        with (
            _environment(service_env(database.url)),
            TestClient(bootstrap.asgi_app() if remember else app_remembering_nothing()) as client,
        ):
            client.post("/auth/login", data={"email": EMAIL, "password": PASSWORD})
            client.post("/graphql", content=body_of(None), headers=_json)  # caches warm
            event.listen(Engine, "before_cursor_execute", count)
            try:
                sent.clear()
                answer = client.post("/graphql", content=body_of(None), headers=_json).json()
                assert "errors" not in answer, answer
                numbers.append(len(sent))
                if not remember:
                    session = sum(1 for s in sent if "web_sessions" in s.lower())
            finally:
                event.remove(Engine, "before_cursor_execute", count)
    return Statements(session=session, roster=numbers[0], repeated=numbers[1])


_json = {"Content-Type": "application/json"}


@contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def _seeded(backend: str) -> Iterator[BenchDatabase]:
    """A fresh bench database holding the roster, dropped on exit."""
    import bootstrap

    database = new_database(backend)
    try:
        services = bootstrap.build(bench_settings(database.url, "http://127.0.0.1:9"))
        seed(services)
        services.extras["engine"].dispose()
        yield database
    finally:
        database.drop()


def _answer(url: str, cookie: str) -> tuple[bytes, str]:
    import httpx

    answer = httpx.post(
        url + "/graphql", content=body_of(None), headers={**_json, "Cookie": cookie}, timeout=30
    )
    body = answer.json()
    assert "errors" not in body and len(body["data"]["viewer"]["classes"]) == CLASSES, body
    return answer.content, answer.headers["etag"]


def _window(plan: Load, seconds: float | None = None) -> tuple[float, float]:
    """The counted seconds (the plan's, unless given) and the warm-up before them."""
    return (plan.seconds if seconds is None else seconds), plan.warmup
