"""`python -m bench` (what `make bench` runs): the measurements, printed as one table."""

from __future__ import annotations

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--students",
    "sizes",
    multiple=True,
    type=click.IntRange(100, 2_000_000),
    help="District sizes (repeatable).",
)
@click.option("--quick", is_flag=True, help="Small sizes, for a smoke run.")
@click.option(
    "--only",
    type=click.Choice(["graphql"]),
    default=None,
    help="Only these rows: graphql = the roster query (uncached, remembered, 304) and floors.",
)
def bench(sizes: tuple[int, ...], quick: bool, only: str | None) -> None:
    """Measure sync and query performance against the sandbox and print a table."""
    from bench.run import run_bench

    run_bench(sizes=sizes, quick=quick, only=only)


if __name__ == "__main__":
    bench(prog_name="python -m bench")
