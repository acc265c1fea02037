"""The product as `rostersync serve` runs it: uvicorn with its access log, on a real loopback
port, built by the `bootstrap.asgi_app` factory from ROSTERSYNC_* environment variables."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

from clever_sandbox.server import RunningSandbox
from tests.reliability.deployment import SECRET_KEY, TOKEN_KEY
from tests.sso.browser import Browser

STARTUP_SECONDS = 20.0


def product_environment(database_url: str, clever: RunningSandbox, public_url: str) -> dict:
    return {
        "ROSTERSYNC_DATABASE_URL": database_url,
        "ROSTERSYNC_CLEVER_API_URL": clever.url,
        "ROSTERSYNC_CLEVER_OAUTH_URL": clever.url,
        "ROSTERSYNC_CLEVER_CLIENT_ID": clever.sandbox.client_id,
        "ROSTERSYNC_CLEVER_CLIENT_SECRET": clever.sandbox.client_secret,
        "ROSTERSYNC_PUBLIC_URL": public_url,
        "ROSTERSYNC_SECRET_KEY": SECRET_KEY,
        "ROSTERSYNC_TOKEN_KEY": TOKEN_KEY,
        "ROSTERSYNC_ENV": "production",
    }


@contextmanager
def served_product(
    database_url: str, clever: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Yields the product's URL. Logging is left unconfigured (log_config=None), so every
    record, access log lines included, reaches the root logger and pytest's caplog."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    monkeypatch.delenv("ROSTERSYNC_CELERY_BROKER_URL", raising=False)
    for name, value in product_environment(database_url, clever, url).items():
        monkeypatch.setenv(name, value)
    config = uvicorn.Config(
        "bootstrap:asgi_app", factory=True, log_config=None, access_log=True, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the product did not start"
        time.sleep(0.02)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_SECONDS)
        sock.close()


class HttpBrowser(Browser):
    """The sign-in browser, talking to the served product over real HTTP."""

    def __init__(self, product_url: str, clever_url: str) -> None:
        service = httpx.Client(base_url=product_url, follow_redirects=False, timeout=30)
        super().__init__(service, product_url, clever_url)  # type: ignore[arg-type]
