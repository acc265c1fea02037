"""Clever sign-in end to end: the service's routes in a small Starlette app, in-memory storage,
the real Clever adapter, and the Clever sandbox over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import bootstrap
from adapters.clever import CleverHttp, HttpxCleverDirectory
from adapters.memory.tokens import FakeCleverTokenStore, FakeOAuthStateStore
from adapters.settings import Settings
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox
from tests.sso.browser import Browser
from tests.sso.sandbox_identity import RoleOverride
from tests.sso.service import clever_identity, make_deps, service_app, web_config
from tests.sso.world import SsoWorld


@pytest.fixture(scope="session")
def clever() -> Iterator[RunningSandbox]:
    with serve_in_thread(Sandbox(seed=11, students=300)) as running:
        yield running


@pytest.fixture(scope="session")
def clever_http() -> Iterator[CleverHttp]:
    http = CleverHttp()
    yield http
    http.close()


@pytest.fixture
def world(clever: RunningSandbox, clever_http: CleverHttp) -> SsoWorld:
    states, tokens = FakeOAuthStateStore(), FakeCleverTokenStore()
    for district_id in clever.sandbox.districts:
        tokens.save_district_token(district_id, clever.sandbox.district_token(district_id))
    directory = HttpxCleverDirectory(clever.url, tokens, http=clever_http)
    services = bootstrap.in_memory(Settings(), directory=directory)
    roles = RoleOverride(clever_identity(clever.url, clever.sandbox, clever_http))
    deps = make_deps(services, web_config(clever.sandbox), roles, states)
    return SsoWorld(clever, services, deps, states, tokens, roles, service_app(deps))


@pytest.fixture
def browser(world: SsoWorld) -> Iterator[Browser]:
    opened = world.browser()
    yield opened
    opened.close()
