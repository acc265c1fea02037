"""`python -m bench.scale_worker ARGS` is `rostersync ARGS`, plus a count of the SQL statements
each Celery task sends (transaction control aside), added up per task name in the Redis hash
``rostersync-bench:statements`` of the database named by RSBENCH_STATEMENTS_REDIS. With
RSBENCH_CLEVER_PAGE_SIZE the Clever client reads lists in pages of that size (Clever's
largest is the product's default), so that one district job makes many requests. Nothing
else differs from the installed command: the same settings, services and worker.
"""

from __future__ import annotations

import os
from typing import Any

import redis
from celery.signals import task_postrun, task_prerun
from sqlalchemy import event
from sqlalchemy.engine import Engine

from bench.scale_cluster import STATEMENTS_KEY, STATEMENTS_REDIS

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


task_prerun.connect(_task_starts, weak=False)
task_postrun.connect(_task_ended, weak=False)

if __name__ == "__main__":
    from adapters.cli.main import main

    if PAGE_SIZE in os.environ:
        from adapters.clever.directory import HttpxCleverDirectory

        defaults = HttpxCleverDirectory.__init__.__kwdefaults__ or {}
        defaults["page_size"] = int(os.environ[PAGE_SIZE])

    main()
