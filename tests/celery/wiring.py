"""The service as production wires it (bootstrap.build), optionally with slowed commits."""

from __future__ import annotations

import time

from sqlalchemy import Engine

import bootstrap
from adapters.settings import Settings
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork, SqlAlchemyUnitOfWorkFactory


class SlowCommits(SqlAlchemyUnitOfWorkFactory):
    """Each commit waits first, so a test can kill a worker between the steps of a sync."""

    def __init__(self, engine: Engine, delay: float) -> None:
        super().__init__(engine)
        self.delay = delay

    def __call__(self) -> SqlAlchemyUnitOfWork:
        uow = super().__call__()
        commit = uow.commit

        def slow_commit() -> None:
            time.sleep(self.delay)
            commit()

        uow.commit = slow_commit  # type: ignore[method-assign]
        return uow


def production_services(settings: Settings, commit_delay: float = 0.0) -> bootstrap.Services:
    services = bootstrap.build(settings)
    if not commit_delay:
        return services
    slowed = bootstrap.wire(
        settings,
        uow=SlowCommits(services.extras["engine"], commit_delay),
        reader=services.reader,
        directory=services.directory,
        clock=services.clock,
        lock=services.lock,
        queue=services.queue,
        daily_ledger=services.start_daily_sync.ledger,
    )
    slowed.extras.update(services.extras)
    return slowed


def close(services: bootstrap.Services) -> None:
    services.directory.close()  # type: ignore[attr-defined]
    services.extras["engine"].dispose()
