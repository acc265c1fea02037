"""The whole product for the browser tests: `rostersync demo` (the Clever sandbox, a migrated
SQLite database, Premium for the demo district and the web app) on embedded defaults, run as a
subprocess in its own working directory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

SRC = Path(__file__).resolve().parents[1] / "src"
STUDENTS = 300
STARTUP_SECONDS = 90.0
STOP_SECONDS = 15.0


@dataclass(frozen=True)
class Product:
    url: str
    clever_url: str
    district_token: str
    sample_teacher_id: str
    sample_student_id: str
    workdir: Path  # its SQLite database is workdir / "rostersync.db"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _embedded_defaults() -> dict[str, str]:
    """This environment minus every setting, so nothing points the demo at other services."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("ROSTERSYNC_", "CLEVER_SANDBOX_"))
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    # The browser tests press "Sync with Clever" again seconds apart, as no teacher would.
    env["ROSTERSYNC_MANUAL_SYNC_MIN_INTERVAL_SECONDS"] = "0"
    return env


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"rostersync demo exited early:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(
        f"rostersync demo was not ready in {STARTUP_SECONDS:.0f} s:\n{log.read_text()[-3000:]}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_product(workdir: Path) -> Iterator[Product]:
    port, clever_port = _free_port(), _free_port()
    command = [
        sys.executable,
        "-c",
        "from adapters.cli import main; main()",
        "demo",
        f"--port={port}",
        f"--sandbox-port={clever_port}",
        f"--students={STUDENTS}",
    ]
    log = workdir / "demo.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=workdir, env=_embedded_defaults(), stdout=output, stderr=subprocess.STDOUT
        )
    url, clever_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{clever_port}"
    try:
        _wait_until_ready(process, url, log)
        summary = httpx.get(f"{clever_url}/_sandbox/summary", timeout=10).json()
        yield Product(
            url=url,
            clever_url=clever_url,
            district_token=summary["district_token"],
            sample_teacher_id=summary["sample_teacher_id"],
            sample_student_id=summary["sample_student_id"],
            workdir=workdir,
        )
    finally:
        _stop(process)
