"""App assembly: the env-driven factory, login page filtering, misc routes."""

from __future__ import annotations

import httpx
import pytest

from clever_sandbox.app import create_app
from clever_sandbox.server import serve_in_thread
from clever_sandbox.state import Sandbox

from .conftest import district_client


def test_create_app_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEVER_SANDBOX_SEED", "3")
    monkeypatch.setenv("CLEVER_SANDBOX_STUDENTS", "120")
    monkeypatch.setenv("CLEVER_SANDBOX_DISTRICTS", "2")
    monkeypatch.setenv("CLEVER_SANDBOX_CLIENT_ID", "cid")
    monkeypatch.setenv("CLEVER_SANDBOX_CLIENT_SECRET", "secret")
    monkeypatch.setenv("CLEVER_SANDBOX_PUBLIC_URL", "http://sandbox.example:9000/")
    sandbox: Sandbox = create_app().state.sandbox
    assert (sandbox.seed, sandbox.client_id, sandbox.client_secret) == (3, "cid", "secret")
    assert len(sandbox.districts) == 2 and len(sandbox.students()) == 120
    assert sandbox.public_url == "http://sandbox.example:9000"


def test_login_page_filters_by_district() -> None:
    sandbox = Sandbox(seed=4, students=120, districts=2)
    first, second = sandbox.districts
    with serve_in_thread(sandbox) as running, httpx.Client(base_url=running.url) as http:
        params = {"client_id": "sandbox-client-id", "redirect_uri": "https://app.test/cb"}
        page = http.get("/oauth/authorize", params={**params, "district_id": second}).text
        assert sandbox.teachers(second)[0]["id"] in page
        assert sandbox.teachers(first)[0]["id"] not in page
        picked = http.get(
            "/oauth/authorize",
            params={**params, "district_id": second, "user_id": sandbox.teachers(first)[0]["id"]},
        )
        assert picked.status_code == 400


def test_unknown_routes_and_missing_records_answer_json(client: httpx.Client) -> None:
    for path in ("/v3.1/nothing", "/v3.1/sections/" + "0" * 24, "/v3.1/users/" + "0" * 24):
        response = client.get(path)
        assert response.status_code == 404
        assert "message" in response.json()


def test_district_token_me(client: httpx.Client, sandbox: Sandbox) -> None:
    me = client.get("/v3.1/me").json()
    assert me["type"] == "district" and me["data"]["id"] == sandbox.districts[0]


def test_record_type_filter_on_events() -> None:
    sandbox = Sandbox(seed=6, students=100)
    section = sandbox.sections()[0]
    sandbox.rename_section(section["id"], "Renamed")
    sandbox.add_student()
    with district_client(sandbox) as client:
        body = client.get("/v3.1/events?record_type=users").json()
        assert [item["data"]["type"] for item in body["data"]] == ["users.created"]
        assert body["data"][0]["uri"].startswith("/v3.1/events/")
