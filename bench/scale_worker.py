"""`python -m bench.scale_worker ARGS` is `rostersync ARGS`, plus a count of the SQL statements
each Celery task sends (transaction control aside), added up per task name in the Redis hash
``rostersync-bench:statements`` of the database named by RSBENCH_STATEMENTS_REDIS. With
RSBENCH_CLEVER_PAGE_SIZE background work reads Clever's lists in pages of that size (the
product asks for Clever's largest), so that one district job makes many requests. Nothing
else differs from the installed command: the same settings, services and worker. With
RSBENCH_PHASES set, bench.phase_probe logs where each task's time went.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import redis
from celery.signals import task_postrun, task_prerun
from sqlalchemy import event
from sqlalchemy.engine import Engine

from bench.scale_cluster import PHASES, STATEMENTS_KEY, STATEMENTS_REDIS

PAGE_SIZE = "RSBENCH_CLEVER_PAGE_SIZE"
_sent = [0]


@event.listens_for(Engine, "before_cursor_execute")
def _count(*_: Any) -> None:
    _sent[0] += 1


def _task_starts(**_: Any) -> None:
    _sent[0] = 0


def _task_ended(task: Any = None, **_: Any) -> None:
    url = os.environ.get(STATEMENTS_REDIS)
    if url is None or task is None:
        return
    client = redis.Redis.from_url(url)
    client.hincrby(STATEMENTS_KEY, task.name, _sent[0])
    client.hincrby(STATEMENTS_KEY, f"{task.name}:tasks", 1)
    client.close()


def _background_lists_in_small_pages(size: int) -> None:
    """Background work (the district job) reads Clever's lists in pages of ``size``; a
    teacher's sync keeps the product's page size and so makes the requests it makes there."""
    from adapters.clever.api import DataApi
    from adapters.clever.budget import Priority, current_priority
    from adapters.clever.paging import list_items

    def items(
        api: DataApi, path: str, token: str, params: dict[str, str] | None = None
    ) -> Iterator[object]:
        background = current_priority() is Priority.BACKGROUND
        pages = size if background else api.page_size
        return list_items(api.http, api.base_url + path, token, pages, params)

    DataApi.items = items  # type: ignore[method-assign, assignment]


task_prerun.connect(_task_starts, weak=False)
task_postrun.connect(_task_ended, weak=False)

if __name__ == "__main__":
    from adapters.cli.main import main

    if os.environ.get(PHASES):
        from bench import phase_probe

        phase_probe.install()
    if PAGE_SIZE in os.environ:
        _background_lists_in_small_pages(int(os.environ[PAGE_SIZE]))
    main()
