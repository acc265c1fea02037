"""Run the sandbox with uvicorn on a real loopback port in a background thread."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from .app import build_app
from .state import Sandbox

STARTUP_TIMEOUT = 10.0


class RunningSandbox:
    def __init__(
        self, sandbox: Sandbox, server: uvicorn.Server, thread: threading.Thread, url: str
    ) -> None:
        self.sandbox = sandbox
        self.url = url
        self._server = server
        self._thread = thread

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=STARTUP_TIMEOUT)

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def serve_in_thread(sandbox: Sandbox, host: str = "127.0.0.1", port: int = 0) -> RunningSandbox:
    # Bind first so port 0 resolves to a real port before the issuer URL is set.
    # proto=IPPROTO_TCP lets asyncio switch Nagle off on accepted connections
    # (it checks sock.proto); without it each response stalls ~40 ms.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    url = f"http://{host}:{sock.getsockname()[1]}"
    sandbox.public_url = url
    config = uvicorn.Config(
        build_app(sandbox), log_level="warning", lifespan="off", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="clever-sandbox"
    )
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("clever sandbox server failed to start")
        time.sleep(0.01)
    return RunningSandbox(sandbox, server, thread, url)
