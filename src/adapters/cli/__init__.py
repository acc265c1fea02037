"""The operator CLI: `rostersync --help`."""

from __future__ import annotations

from adapters.cli.main import main

__all__ = ["main"]
