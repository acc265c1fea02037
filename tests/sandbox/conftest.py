"""Shared fixtures: the Clever specs (read from the shared folder) and running sandboxes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import yaml

from clever_sandbox.server import serve_in_thread
from clever_sandbox.state import Sandbox

SPEC_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "clever-api" / "swagger-api"
SPEC_FILES = {
    "v3.0": "v3.0.yml",
    "v3.1": "v3.1.yml",
    "v3.0-events": "v3.0-events.yml",
    "v3.1-events": "v3.1-events.yml",
}


@pytest.fixture(scope="session")
def specs() -> dict[str, dict]:
    if not SPEC_DIR.is_dir():
        message = f"Clever specs not found at {SPEC_DIR}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {key: yaml.safe_load((SPEC_DIR / name).read_text()) for key, name in SPEC_FILES.items()}


@contextmanager
def district_client(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """An HTTP client for a sandbox served on a real loopback port."""
    with (
        serve_in_thread(sandbox) as running,
        httpx.Client(base_url=running.url, timeout=30) as http,
    ):
        http.headers["Authorization"] = f"Bearer {sandbox.district_token()}"
        yield http


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(seed=11, students=600)


@pytest.fixture(scope="module")
def client(sandbox: Sandbox) -> Iterator[httpx.Client]:
    with district_client(sandbox) as http:
        yield http


@pytest.fixture
def fresh_sandbox() -> Sandbox:
    return Sandbox(seed=5, students=300)


@pytest.fixture
def fresh_client(fresh_sandbox: Sandbox) -> Iterator[httpx.Client]:
    with district_client(fresh_sandbox) as http:
        yield http
