"""Clever being unreachable gives a page that says so; sign-in logs keep secrets out."""

from __future__ import annotations

import logging
import socket
import threading
from dataclasses import replace
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from tests.reliability.secrets import IssuedByClever
from tests.sso.browser import Browser, query_of
from tests.sso.service import PUBLIC_URL, clever_identity, service_app
from tests.sso.world import SsoWorld


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_clever_not_answering_gives_a_page_that_says_so(world: SsoWorld) -> None:
    nowhere = closed_port_url()
    identity = clever_identity(nowhere, world.sandbox)
    client = TestClient(
        service_app(replace(world.deps, clever_identity=identity)), base_url=PUBLIC_URL
    )
    started = client.get("/auth/clever/login", follow_redirects=False)
    state = query_of(started.headers["location"])["state"]

    response = client.get(f"/auth/clever/callback?{urlencode({'code': 'c0de', 'state': state})}")

    assert response.status_code == 502
    assert "not answering" in response.text
    assert client.get("/").json()["account_id"] is None


def test_a_sign_in_logs_no_token_code_name_or_email(
    world: SsoWorld,
    browser: Browser,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    teacher = world.sandbox.sample_teacher()
    issued = IssuedByClever.record(world.sandbox.auth, monkeypatch)

    callback = browser.pick_clever_user(browser.start_clever_login(), teacher["id"])
    browser.visit(callback)

    (token,) = issued.tokens
    secrets = [token, query_of(callback)["code"], teacher["email"], teacher["name"]["last"]]
    # The service runs on the test client's event-loop thread and its worker threads; the
    # test's own browser logs from the main thread and is not the service.
    browser_thread = threading.main_thread().ident
    logged = "\n".join(r.getMessage() for r in caplog.records if r.thread != browser_thread)
    assert token and "signed in with Clever" in logged
    for secret in secrets:
        assert secret and secret not in logged
