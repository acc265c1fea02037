"""A scripted smoke test of a running demo: log in with Clever, sync, read the roster.

Usage: python tests/e2e/demo_smoke.py http://127.0.0.1:8000 http://127.0.0.1:8001
"""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

ROSTER = """{ viewer { name role classes { id name gradeLevel studentCount
  teachers { teacher { name } role connected } students { name gradeLevel demographics { race } } } } }"""
SYNC = """mutation { syncWithClever { __typename ... on SyncRun { id status classesCreated studentsEnrolled } } }"""


def clever_login(client: httpx.Client, app_url: str, user_id: str) -> None:
    """Follow the OAuth dance, picking the user on the sandbox's authorize page by id."""
    start = client.get(f"{app_url}/auth/clever/login")
    assert start.status_code in (302, 303, 307), start.text
    authorize = start.headers["location"]
    joiner = "&" if "?" in authorize else "?"
    picked = client.get(f"{authorize}{joiner}{urlencode({'user_id': user_id})}")
    assert picked.status_code in (302, 303), picked.text
    callback = picked.headers["location"]
    assert urlsplit(callback).path == "/auth/clever/callback", callback
    landed = client.get(callback)
    assert landed.status_code in (302, 303), landed.text


def graphql(client: httpx.Client, app_url: str, query: str) -> dict[str, Any]:
    response = client.post(f"{app_url}/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


def run(app_url: str, sandbox_url: str) -> dict[str, Any]:
    summary = httpx.get(f"{sandbox_url}/_sandbox/summary", timeout=10).json()
    teacher_id = summary["sample_teacher_id"]
    with httpx.Client(timeout=60) as client:
        clever_login(client, app_url, teacher_id)
        sync = graphql(client, app_url, SYNC)["syncWithClever"]
        assert sync["__typename"] == "SyncRun" and sync["status"] == "SUCCEEDED", sync
        viewer = graphql(client, app_url, ROSTER)["viewer"]
    assert viewer["role"] == "TEACHER", viewer
    assert viewer["classes"], "the sample teacher should have classes after a sync"
    assert any(len(c["teachers"]) > 1 for c in viewer["classes"]), "expected a co-taught class"
    assert all(c["students"] for c in viewer["classes"]), "every class should have students"
    return {"classes": len(viewer["classes"]), "run": sync}


if __name__ == "__main__":
    result = run(sys.argv[1], sys.argv[2])
    print(f"demo smoke test passed: {result['classes']} classes after sync {result['run']['id']}")
