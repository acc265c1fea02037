"""Attacks on the product as `rostersync serve` runs it, over real HTTP, from an outsider's
client: a session cookie saved before logout replayed from another client, an oversized
anonymous body, and a production error that would name the schema's fields."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from clever_sandbox.server import RunningSandbox
from graphql_api.session import SESSION_COOKIE
from tests.reliability.clever_changes import sections_of
from tests.reliability.deployment import Deployment
from tests.reliability.live_app import SYNC, school_of
from tests.reliability.served_app import HttpBrowser, served_product

ROSTER = "query($id: ID!) { class(id: $id) { name students { name demographics { race } } } }"
RENAME = 'mutation($id: ID!) { renameClass(id: $id, name: "Taken over") { name } }'


JSON = {"content-type": "application/json"}


def post(client: httpx.Client, query: str, **variables: object) -> dict:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def codes(body: dict) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]


def test_a_cookie_saved_before_logout_opens_nothing(
    database_url: str,
    clever: RunningSandbox,
    deploy: Callable[..., Deployment],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deploy()  # grants Premium
    school = school_of(clever)
    with served_product(database_url, clever, monkeypatch) as url:
        teacher = HttpBrowser(url, clever.url)
        callback = teacher.pick_clever_user(teacher.start_clever_login(), school.teacher)
        assert teacher.visit(callback).status_code == 200
        assert post(teacher.service, SYNC)["data"]["syncWithClever"]["status"] == "SUCCEEDED"
        section = sections_of(clever.sandbox, school.teacher)[0]["id"]
        assert post(teacher.service, ROSTER, id=section)["data"]["class"]["students"]
        assert post(teacher.service, ROSTER, id=section)["data"]["class"]["students"]
        saved = teacher.service.cookies[SESSION_COOKIE]

        assert teacher.service.post("/auth/logout").status_code == 303

        with httpx.Client(base_url=url, cookies={SESSION_COOKIE: saved}) as attacker:
            assert codes(post(attacker, ROSTER, id=section)) == ["UNAUTHENTICATED"]
            assert codes(post(attacker, RENAME, id=section)) == ["UNAUTHENTICATED"]
            assert attacker.get("/account", follow_redirects=False).status_code == 303
            attacker.get("/auth/clever/login", follow_redirects=False)
            assert codes(post(attacker, ROSTER, id=section)) == ["UNAUTHENTICATED"]


def test_an_outsiders_oversized_body_and_typos_learn_nothing(
    database_url: str,
    clever: RunningSandbox,
    deploy: Callable[..., Deployment],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deploy()
    with (
        served_product(database_url, clever, monkeypatch) as url,
        httpx.Client(base_url=url) as outsider,
    ):
        declared = outsider.post("/graphql", content=b"{" * (1024 * 1024))
        streamed = outsider.post("/graphql", content=iter([b" " * 65536] * 16), headers=JSON)
        form = outsider.post(
            "/auth/login",
            content=b"a" * (17 * 1024),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        typo = post(outsider, "{ viewr { id } }")
        page = outsider.get("/auth/login")

    assert declared.status_code == streamed.status_code == form.status_code == 413
    assert "Did you mean" not in typo["errors"][0]["message"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
