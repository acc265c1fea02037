"""The long-running processes and the schema upgrade the CLI starts."""

from __future__ import annotations

from collections.abc import Collection

from adapters.settings import Settings
from bootstrap.real_adapters import build


def migrate(settings: Settings) -> None:
    from adapters.sqlalchemy.engine import make_engine
    from adapters.sqlalchemy.migrate import migrate as upgrade

    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def run_worker(settings: Settings, *, concurrency: int = 2, queues: Collection[str] = ()) -> int:
    """``queues``: the sync queues the worker reads; all when none is named."""
    from adapters.celery import run_worker as start_worker

    services = build(settings)
    return start_worker(services.extras["celery_app"], concurrency=concurrency, queues=queues)


def run_beat(settings: Settings) -> int:
    from adapters.celery import run_beat as start_beat

    services = build(settings)
    return start_beat(services.extras["celery_app"])
