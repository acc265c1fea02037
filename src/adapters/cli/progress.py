"""Progress for long commands: a spinner with the elapsed time on a terminal, nothing otherwise.

Shown on stderr only when stdout is a terminal and the output is not JSON, so pipes, scripts and
`--json` see exactly what they saw before."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


def on_terminal() -> bool:
    stdout = sys.stdout
    return stdout is not None and stdout.isatty()


@contextmanager
def working(description: str, *, quiet: bool = False) -> Iterator[None]:
    """Shows ``description`` with a spinner and the elapsed time while inside."""
    if quiet or not on_terminal():
        yield
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        progress.add_task(description, total=None)
        yield
