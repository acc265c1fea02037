"""Concurrent clients over real HTTP on loopback, and the uvicorn processes they load.

The clients speak plain HTTP/1.1 with keep-alive over asyncio streams: a request costs the
client a few microseconds, so the server, not the load generator, sets the pace (an HTTP
library would cost more per request than the bare endpoint it measures).
"""

from __future__ import annotations

import asyncio
import importlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import uvicorn

from bench import python_path
from bench.table import percentile

STARTUP_SECONDS = 60.0


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        p50, p99 = percentile(self.latencies, 0.5), percentile(self.latencies, 0.99)
        errors = f", {self.errors} errors" if self.errors else ""
        return f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, {self.per_second:,.0f} req/s{errors}"


@dataclass
class AppProcess:
    url: str
    process: subprocess.Popen[bytes]

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class AppThread:
    """Quick mode: the app in a thread of the bench process (numbers are only indicative)."""

    url: str
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve(factory: str, env: dict[str, str], in_process: bool = False) -> AppProcess | AppThread:
    """The app ``module:factory`` builds, in one uvicorn worker of its own."""
    if in_process:
        return _serve_in_thread(factory, env)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    command = [
        *(sys.executable, "-m", "uvicorn", "--factory", factory),
        *("--host", "127.0.0.1", "--port", str(port), "--workers", "1"),
        *("--log-level", "warning", "--no-access-log"),
    ]
    environ = {
        **os.environ,
        **env,
        "PYTHONPATH": python_path(),
    }
    app = AppProcess(f"http://127.0.0.1:{port}", subprocess.Popen(command, env=environ))
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"the {factory} server exited during startup")
        try:
            httpx.get(app.url + "/", timeout=1.0)
            return app
        except httpx.HTTPError:
            time.sleep(0.1)
    app.stop()
    raise RuntimeError(f"the {factory} server did not start")


def _serve_in_thread(factory: str, env: dict[str, str]) -> AppThread:
    module, _, name = factory.partition(":")
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        app = getattr(importlib.import_module(module), name)()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    # proto=IPPROTO_TCP lets asyncio switch Nagle off on accepted connections.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the {factory} server did not start")
        time.sleep(0.01)
    return AppThread(url, server, thread)


def session_cookie(url: str, email: str, password: str) -> str:
    """Sign in once with the password form; the signed session cookie to send afterwards."""
    answer = httpx.post(
        url + "/auth/login", data={"email": email, "password": password}, timeout=30.0
    )
    cookie = answer.cookies.get("rostersync_session")
    if answer.status_code not in (200, 303) or not cookie:
        raise RuntimeError(f"signing in to {url} failed with {answer.status_code}")
    return f"rostersync_session={cookie}"


def graphql_request(port: int, body: bytes, cookie: str | None) -> bytes:
    headers = [
        "POST /graphql HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(body)}",
    ]
    if cookie:
        headers.append(f"Cookie: {cookie}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


Requests = Callable[[int], bytes]  # the n-th request of one client


def load(port: int, clients: list[Requests], seconds: float, warmup: float) -> LoadResult:
    """One connection per client, each sending as soon as its last answer arrived."""
    return asyncio.run(_load(port, clients, seconds, warmup))


async def _load(port: int, clients: list[Requests], seconds: float, warmup: float) -> LoadResult:
    """Requests answered inside the window count, whenever they were sent."""
    start = time.perf_counter()
    window = (start + warmup, start + warmup + seconds)
    answered: list[tuple[float, float, int]] = []
    await asyncio.gather(*(_client(port, c, window[1], answered) for c in clients))
    counted = [
        (done - sent, status) for sent, done, status in answered if window[0] <= done < window[1]
    ]
    return LoadResult(
        latencies=[latency for latency, _ in counted],
        seconds=seconds,
        errors=sum(status != 200 for _, status in counted),
    )


async def _client(
    port: int, requests: Requests, stop_at: float, answered: list[tuple[float, float, int]]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        number = 0
        while (sent := time.perf_counter()) < stop_at:
            writer.write(requests(number))
            status = await _response_status(reader)
            answered.append((sent, time.perf_counter(), status))
            number += 1
    finally:
        writer.close()


async def _response_status(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(head[9:12])
