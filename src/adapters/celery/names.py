"""Task and queue names: what the broker sees, so they stay stable across releases."""

from domain.sync_run import SyncTrigger

SYNC_QUEUE = "sync"
# A teacher waits on these: their "Sync with Clever" and the approval of a held sync. A worker
# takes them before anything waiting in SYNC_QUEUE (the daily, district and events jobs).
INTERACTIVE_QUEUE = "sync-interactive"
WORKER_QUEUES = (INTERACTIVE_QUEUE, SYNC_QUEUE)
SYNC_TEACHER_TASK = "rostersync.sync_teacher"
SYNC_DISTRICT_TASK = "rostersync.sync_district"
DAILY_SYNC_TASK = "rostersync.daily_sync"
RETENTION_TASK = "rostersync.retention"


def teacher_sync_queue(trigger: SyncTrigger) -> str:
    if trigger in (SyncTrigger.MANUAL, SyncTrigger.APPROVAL):
        return INTERACTIVE_QUEUE
    return SYNC_QUEUE


def route_teacher_sync(
    name: str, args: tuple[object, ...], kwargs: dict[str, object], options: object, **_: object
) -> dict[str, str] | None:
    """A Celery router: a teacher's sync goes to the queue of its trigger (its second argument,
    ``sync_teacher(teacher_id, trigger, run_id)``); other tasks to their routes."""
    if name != SYNC_TEACHER_TASK:
        return None
    trigger = (kwargs or {}).get("trigger", args[1] if len(args) > 1 else SyncTrigger.MANUAL.value)
    return {"queue": teacher_sync_queue(SyncTrigger(str(trigger)))}
