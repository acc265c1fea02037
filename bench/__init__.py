"""The benchmarks: `make bench` (or `python -m bench` from a checkout). Not part of the installed
product; they drive it from outside, through its composition root, the sandbox and HTTP."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_path() -> str:
    """PYTHONPATH for a child process (a sync worker, a uvicorn app): the product and the bench."""
    return os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])
