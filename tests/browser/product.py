"""The whole product for the browser tests: the Clever sandbox and the web app, each served by
uvicorn on a loopback port in a background thread; the app reads Clever over HTTP with the real
client, keeps its data in memory, and the district has Premium."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import uvicorn
from argon2 import PasswordHasher

import bootstrap
from adapters.clever import HttpxCleverDirectory, HttpxCleverIdentity, HttpxCleverOAuth
from adapters.memory.tokens import FakeCleverTokenStore, FakeOAuthStateStore
from adapters.passwords import Argon2PasswordHasher
from adapters.settings import Settings
from application.accounts import LinkAccount, PasswordLogin, SignUp, SSOLogin
from application.premium_grants import GrantPremiumCommand
from clever_sandbox.server import serve_in_thread
from clever_sandbox.state import Sandbox
from domain.licensing import LicenseScope
from graphql_api.app import create_app
from graphql_api.dependencies import WebConfig, WebDependencies

STUDENTS = 300
STARTUP_SECONDS = 10.0
# Hashing cost is not what these tests are about.
FAST_HASHER = Argon2PasswordHasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@dataclass(frozen=True)
class Product:
    url: str
    clever_url: str
    district_token: str
    sample_teacher_id: str
    sample_student_id: str


def _bound_socket() -> tuple[socket.socket, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock, f"http://127.0.0.1:{sock.getsockname()[1]}"


def _web_dependencies(sandbox: Sandbox, clever_url: str, public_url: str) -> WebDependencies:
    oauth = HttpxCleverOAuth(clever_url, sandbox.client_id, sandbox.client_secret)
    directory = HttpxCleverDirectory(clever_url, oauth)
    services = bootstrap.in_memory(Settings(), directory=directory)
    for district_id in sandbox.districts:
        services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, district_id))
    config = WebConfig(
        production=False,
        secret_key="browser-tests-secret",
        public_url=public_url,
        clever_client_id=sandbox.client_id,
        clever_client_secret=sandbox.client_secret,
        clever_oauth_url=clever_url,
        clever_api_url=clever_url,
        clever_api_version="v3.1",
    )
    return WebDependencies(
        config=config,
        uow=services.uow,
        reader=services.reader,
        request_sync=services.request_sync,
        preview_sync=services.preview_sync,
        approve_held_sync=services.approve_held_sync,
        rename_class=services.rename_class,
        sign_up=SignUp(services.uow, FAST_HASHER),
        password_login=PasswordLogin(services.uow, FAST_HASHER),
        sso_login=SSOLogin(services.uow),
        link_account=LinkAccount(services.uow),
        oauth_states=FakeOAuthStateStore(),
        tokens=FakeCleverTokenStore(),
        clever_identity=HttpxCleverIdentity(clever_url),
    )


@contextmanager
def _serve_app(deps: WebDependencies, sock: socket.socket) -> Iterator[None]:
    config = uvicorn.Config(create_app(deps), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="rostersync-web"
    )
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the rostersync web app did not start")
        time.sleep(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_SECONDS)


@contextmanager
def running_product() -> Iterator[Product]:
    with serve_in_thread(Sandbox(students=STUDENTS)) as clever:
        sock, public_url = _bound_socket()
        with _serve_app(_web_dependencies(clever.sandbox, clever.url, public_url), sock):
            summary = httpx.get(f"{clever.url}/_sandbox/summary", timeout=10).json()
            yield Product(
                url=public_url,
                clever_url=clever.url,
                district_token=summary["district_token"],
                sample_teacher_id=summary["sample_teacher_id"],
                sample_student_id=summary["sample_student_id"],
            )
