"""`rostersync demo` (what `make run` starts) comes up on a fresh directory and works end to end."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e import demo_smoke


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[str, str]]:
    app_port, sandbox_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROSTERSYNC_")}
    command = [
        sys.executable,
        "-m",
        "adapters.cli",
        "demo",
        "--port",
        str(app_port),
        "--sandbox-port",
        str(sandbox_port),
        "--students",
        "300",
    ]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    app_url = f"http://127.0.0.1:{app_port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"demo exited early:\n{process.stdout.read() if process.stdout else ''}"
                )
            try:
                if httpx.get(f"{app_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("demo did not come up within 90 s")
        yield app_url, f"http://127.0.0.1:{sandbox_port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.slow
def test_demo_logs_in_syncs_and_answers_the_roster_query(demo: tuple[str, str]) -> None:
    result = demo_smoke.run(*demo)
    assert result["classes"] > 0
    assert result["run"]["classesCreated"] == result["classes"]
