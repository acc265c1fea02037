"""A browser's part in the scale benches: Clever sign-in through the sandbox, the page's own
GraphQL documents, and "Sync with Clever" followed until its run has ended."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import httpx

from bench.student_data import page_queries

QUERIES = page_queries()
FINISHED = {"SUCCEEDED", "HELD", "FAILED"}
RESENT = [0]  # requests sent again after the server closed an idle keep-alive connection


async def clever_sign_in(client: httpx.AsyncClient, user_id: str) -> None:
    """The OAuth dance, picking the user on the sandbox's authorize page by id."""
    start = await client.get("/auth/clever/login")
    if start.status_code != 302:
        raise RuntimeError(f"login answered {start.status_code}")
    authorize = httpx.URL(start.headers["location"]).copy_add_param("user_id", user_id)
    picked = await client.get(authorize)
    if picked.status_code != 302:
        raise RuntimeError(f"authorize answered {picked.status_code}")
    landed = await client.get(picked.headers["location"])
    if landed.status_code not in (302, 303):
        raise RuntimeError(f"callback answered {landed.status_code}")


async def graphql(
    client: httpx.AsyncClient, name: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    body = {"query": QUERIES[name], "variables": variables}
    try:
        answer = await client.post("/graphql", json=body)
    except (httpx.RemoteProtocolError, httpx.ReadError):
        # The server closed an idle keep-alive connection as the request went out: a browser
        # sends it again on a new connection, and so does this one (counted, not hidden).
        RESENT[0] += 1
        answer = await client.post("/graphql", json=body)
    is_json = answer.headers.get("content-type", "").startswith("application/json")
    found = answer.json() if is_json else {}
    if answer.status_code != 200 or found.get("errors"):
        raise RuntimeError(f"{name}: {answer.status_code} {str(found.get('errors'))[:200]}")
    data: dict[str, Any] = found["data"]
    return data


@dataclass(frozen=True)
class Press:
    """One press as the page saw it: when (epoch seconds), how long until the run was seen to
    have ended, how much of that the mutation took, and how many polls followed it."""

    run_id: int
    at: float
    seconds: float
    mutation: float
    polls: int


async def press_sync(
    client: httpx.AsyncClient, poll_seconds: float = 0.1, pressed: list[Press] | None = None
) -> float:
    """The seconds from pressing "Sync with Clever" to the run's end (as the page polls it)."""
    at, started = time.time(), time.perf_counter()
    result = (await graphql(client, "SYNC_WITH_CLEVER"))["syncWithClever"]
    mutation = time.perf_counter() - started
    run = result.get("syncRun") or result
    if "status" not in run:
        raise RuntimeError(f"sync refused: {result['__typename']}")
    polls = 0
    while run["status"] not in FINISHED:
        await asyncio.sleep(poll_seconds)
        run = (await graphql(client, "SYNC_RUN_BY_ID", {"id": run["id"]}))["syncRun"]
        polls += 1
    if run["status"] == "FAILED":
        raise RuntimeError(f"sync failed: {run.get('message')}")
    seconds = time.perf_counter() - started
    if pressed is not None:
        pressed.append(Press(int(run["id"]), at, seconds, mutation, polls))
    return seconds
