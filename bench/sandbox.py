"""The Clever sandbox in a process of its own, so its memory and CPU never count as the sync's."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

SANDBOX_CLIENT_ID = "sandbox-client-id"
SANDBOX_CLIENT_SECRET = "sandbox-client-secret"
SANDBOX_APP = (
    "clever_sandbox.app:create_app"  # started by import string: the service never imports it
)
STARTUP_SECONDS = 300.0


@dataclass
class SandboxProcess:
    url: str
    process: subprocess.Popen[bytes]
    summary: dict[str, Any] = field(default_factory=dict)
    admin: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=120.0))

    @property
    def district_id(self) -> str:
        return str(self.summary["district_id"])

    @property
    def token(self) -> str:
        return str(self.summary["district_token"])

    def requests_served(self) -> Counter[str]:
        """Requests served so far, per endpoint (``GET /v3.1/sections`` …)."""
        answer = self.admin.get(f"{self.url}/_sandbox/requests").raise_for_status().json()
        return Counter({k: int(v) for k, v in answer["by_endpoint"].items()})

    def change(self, op: str, **args: object) -> Any:
        body = {"op": op, "args": args}
        answer = self.admin.post(f"{self.url}/_sandbox/changes", json=body).raise_for_status()
        return answer.json()["result"]

    def last_event_id(self) -> str | None:
        self._refresh()
        return self.summary["districts"][0].get("last_event_id")  # type: ignore[no-any-return]

    def stop(self) -> None:
        self.admin.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _refresh(self) -> None:
        self.summary = self.admin.get(f"{self.url}/_sandbox/summary").raise_for_status().json()


def start_sandbox(students: int, seed: int = 1, districts: int = 1) -> SandboxProcess:
    """``districts`` districts of ``students`` students each."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "CLEVER_SANDBOX_STUDENTS": str(students),
        "CLEVER_SANDBOX_SEED": str(seed),
        "CLEVER_SANDBOX_DISTRICTS": str(districts),
        "CLEVER_SANDBOX_CLIENT_ID": SANDBOX_CLIENT_ID,
        "CLEVER_SANDBOX_CLIENT_SECRET": SANDBOX_CLIENT_SECRET,
        "CLEVER_SANDBOX_PUBLIC_URL": url,
    }
    command = [
        *(sys.executable, "-m", "uvicorn", "--factory", SANDBOX_APP),
        *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"),
    ]
    process = subprocess.Popen(command, env=env)
    running = SandboxProcess(url, process)
    _wait_until_up(running)
    return running


def _wait_until_up(running: SandboxProcess) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            raise RuntimeError("the Clever sandbox process exited during startup")
        try:
            running._refresh()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    running.stop()
    raise RuntimeError(f"the Clever sandbox did not start on {running.url}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
