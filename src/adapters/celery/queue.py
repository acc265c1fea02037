"""CelerySyncQueue: the SyncQueue port over Celery (callers commit before they enqueue)."""

from __future__ import annotations

from celery import Celery

from adapters.celery.names import SYNC_TEACHER_TASK
from domain.sync_run import SyncTrigger


class CelerySyncQueue:
    def __init__(self, app: Celery) -> None:
        self.app = app

    def enqueue_teacher_sync(self, teacher_id: str, trigger: SyncTrigger, run_id: int) -> None:
        # apply_async, not send_task: it honours task_always_eager when no broker is set.
        self.app.tasks[SYNC_TEACHER_TASK].apply_async((teacher_id, trigger.value, run_id))
