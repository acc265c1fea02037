"""Long-running processes: the web service, Celery worker and beat, the sandbox and the demo."""

from __future__ import annotations

from pathlib import Path

import click

from adapters.celery.names import INTERACTIVE_QUEUE, SYNC_QUEUE, WORKER_QUEUES
from adapters.cli.context import CliError, friendly_errors, load_settings

CHECKOUT = Path(__file__).resolve().parents[3]  # the repository, when installed from a checkout


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, workers: int) -> None:
    """Serve the GraphQL API, the auth routes and the Manage Classes page (uvicorn)."""
    import uvicorn

    from adapters.cli import wiring

    load_settings()
    uvicorn.run(
        wiring.ASGI_APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
    )


@click.command()
@click.option("--concurrency", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--queue",
    "queues",
    multiple=True,
    type=click.Choice(WORKER_QUEUES),
    help=f"Read only this queue (repeatable; default: all). {INTERACTIVE_QUEUE}: the syncs "
    f"teachers wait on (Sync with Clever, approvals); {SYNC_QUEUE}: the daily, district and "
    "events jobs.",
)
def worker(concurrency: int, queues: tuple[str, ...]) -> None:
    """Run a Celery worker for sync tasks (needs ROSTERSYNC_CELERY_BROKER_URL)."""
    from adapters.cli import wiring

    settings = load_settings()
    if not settings.celery_broker_url:
        raise CliError(
            "set ROSTERSYNC_CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) to run a worker"
        )
    with friendly_errors():
        wiring.run_worker(settings, concurrency=concurrency, queues=queues)


@click.command()
def beat() -> None:
    """Run Celery beat: the daily sync of every connected district. With a Redis broker a second
    beat stands by and takes over within a minute when the first one dies."""
    from adapters.cli import wiring

    settings = load_settings()
    if not settings.celery_broker_url:
        raise CliError(
            "set ROSTERSYNC_CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) to run beat"
        )
    with friendly_errors():
        wiring.run_beat(settings)


@click.command()
def migrate() -> None:
    """Upgrade the database schema to the latest version (Alembic)."""
    from adapters.cli import wiring

    settings = load_settings(production_checks=False)
    with friendly_errors():
        wiring.migrate(settings)
    click.echo("database is at the latest schema")


@click.command()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@click.option("--students", default=2000, show_default=True, type=click.IntRange(1, 2_000_000))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--districts", default=1, show_default=True, type=click.IntRange(1, 50))
@click.option("--host", default="127.0.0.1", show_default=True)
def sandbox(port: int, students: int, seed: int, districts: int, host: str) -> None:
    """Run the Clever sandbox: a simulated Clever API with a generated district."""
    import os

    import uvicorn

    os.environ.update(
        CLEVER_SANDBOX_STUDENTS=str(students),
        CLEVER_SANDBOX_SEED=str(seed),
        CLEVER_SANDBOX_DISTRICTS=str(districts),
        CLEVER_SANDBOX_PUBLIC_URL=f"http://{host}:{port}",
    )
    uvicorn.run("clever_sandbox.app:create_app", factory=True, host=host, port=port)


@click.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--sandbox-port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@click.option("--students", default=1500, show_default=True, type=click.IntRange(50, 200_000))
def demo(port: int, sandbox_port: int, students: int) -> None:
    """The whole product on embedded defaults with a Clever sandbox and a demo district."""
    from adapters.cli.demo import run_demo

    run_demo(port=port, sandbox_port=sandbox_port, students=students)


@click.command()
@click.option(
    "--students",
    "sizes",
    multiple=True,
    type=click.IntRange(100, 2_000_000),
    help="District sizes (repeatable).",
)
@click.option("--quick", is_flag=True, help="Small sizes, for a smoke run.")
def bench(sizes: tuple[int, ...], quick: bool) -> None:
    """Run the benchmarks of a source checkout (the same as `make bench`)."""
    import subprocess
    import sys

    if not (CHECKOUT / "bench" / "__main__.py").is_file():
        raise CliError(
            "the benchmarks are not part of the installed product: run `make bench` in a "
            "checkout of the rostersync repository"
        )
    command = [sys.executable, "-m", "bench", *(f"--students={n}" for n in sizes)]
    command += ["--quick"] if quick else []
    try:
        sys.stdout.fileno()
    except (AttributeError, OSError):  # stdout is not a file (a test's runner): relay the table
        found = subprocess.run(command, cwd=CHECKOUT, capture_output=True, text=True)
        click.echo(found.stdout, nl=False)
        click.echo(found.stderr, nl=False, err=True)
        raise SystemExit(found.returncode) from None
    raise SystemExit(subprocess.run(command, cwd=CHECKOUT, check=False).returncode)
