"""The benchmark's results: one row per measurement, printed as a rich table."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

WIDTH = 190


@dataclass(frozen=True, slots=True)
class Row:
    area: str
    measurement: str
    database: str
    size: str
    result: str
    target: str = ""
    met: bool | None = None  # None: no target here, or nothing measured


def verdict(met: bool | None) -> str:
    if met is None:
        return ""
    return "[green]met[/green]" if met else "[red]missed[/red]"


def print_table(rows: Sequence[Row], context: Sequence[str], notes: Sequence[str]) -> None:
    # Wide enough for every column; a narrower terminal folds the result column instead.
    console = Console(width=max(Console().width, WIDTH))
    table = Table(title="rostersync bench", title_justify="left")
    table.add_column("measurement", no_wrap=True)
    table.add_column("database", no_wrap=True)
    table.add_column("size", no_wrap=True)
    table.add_column("result", min_width=36, overflow="fold")
    table.add_column("target", no_wrap=True)
    table.add_column("", no_wrap=True)
    area = None
    for row in rows:
        if row.area != area:
            if area is not None:
                table.add_section()
            table.add_row(f"[bold]{row.area}[/bold]")
            area = row.area
        table.add_row(
            row.measurement, row.database, row.size, row.result, row.target, verdict(row.met)
        )
    for line in context:
        console.print(line, highlight=False)
    console.print(table)
    for note in notes:
        console.print(f"note: {note}", highlight=False)


def seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def millis(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"


def count(value: int) -> str:
    return f"{value:,}"


def students(size: int) -> str:
    return f"{size:,} students"


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p50 of two values is the lower one)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")
