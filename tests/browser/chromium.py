"""Debian's Chromium for the browser tests: found, installed by install_chromium.sh, or skipped."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
INSTALLER = Path(__file__).with_name("install_chromium.sh")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def services_required() -> bool:
    return os.environ.get("ROSTERSYNC_REQUIRE_SERVICES") == "1"


def unavailable(reason: str) -> None:
    """Skip with the reason, or fail when CI demands every service (ROSTERSYNC_REQUIRE_SERVICES=1)."""
    if services_required():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def ensure_chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    try:
        done = subprocess.run(
            ["sh", str(INSTALLER)], capture_output=True, text=True, timeout=900, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        unavailable(f"Chromium is missing and {INSTALLER.name} could not run: {exc}")
    else:
        if done.returncode != 0 or not CHROMIUM.exists():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            unavailable(f"Chromium is missing and {INSTALLER.name} failed: {detail[0]}")
    return CHROMIUM
