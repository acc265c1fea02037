"""Thin driving adapters: ids in, one use case called, a short summary out."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from celery import Celery, Task

from adapters.celery.cpu import yielding_cpu
from adapters.celery.names import (
    DAILY_SYNC_TASK,
    INTERACTIVE_QUEUE,
    RETENTION_TASK,
    SYNC_DISTRICT_TASK,
    SYNC_TEACHER_TASK,
    teacher_sync_queue,
)
from adapters.celery.outcomes import (
    Summary,
    district_summary,
    district_sync_hit_clever_outage,
    teacher_summary,
    teacher_sync_hit_clever_outage,
)
from adapters.celery.policy import DeliveryPolicy
from adapters.celery.services import ServicesHolder
from adapters.celery.spread import district_countdown
from adapters.clever.budget import background_priority
from application.daily_sync import StartDailySyncCommand
from application.errors import ActiveRunExists, CleverUnavailable
from application.retention import RetentionCommand
from application.sync_district import SyncDistrictCommand
from application.sync_teacher import SyncTeacherCommand
from domain.sync_run import SyncTrigger

log = logging.getLogger(__name__)


def register_tasks(
    app: Celery, services: ServicesHolder, policy: DeliveryPolicy, window_minutes: int
) -> None:
    @app.task(bind=True, shared=False, name=SYNC_TEACHER_TASK, max_retries=policy.max_retries)
    def sync_teacher(
        self: Task,
        teacher_id: str,
        trigger: str = SyncTrigger.MANUAL.value,
        run_id: int | None = None,
    ) -> Summary:
        command = SyncTeacherCommand(teacher_id, SyncTrigger(trigger), run_id)
        try:
            with clever_priority_for(command.trigger):
                result = services.get().sync_teacher(command)
        except ActiveRunExists:
            log.info("teacher sync joined the run already queued for teacher %s", teacher_id)
            return {"outcome": "coalesced"}
        except CleverUnavailable:
            log.warning("teacher sync: Clever could not be asked who teacher %s is", teacher_id)
            return retry_later(self, policy, {"outcome": "clever_unavailable"})
        summary = teacher_summary(result)
        if teacher_sync_hit_clever_outage(result):
            return retry_later(self, policy, summary)
        return summary

    @app.task(bind=True, shared=False, name=SYNC_DISTRICT_TASK, max_retries=policy.max_retries)
    def sync_district(self: Task, district_id: str) -> Summary:
        with background_work():
            result = services.get().sync_district(SyncDistrictCommand(district_id))
        summary = district_summary(result)
        if district_sync_hit_clever_outage(result):
            return retry_later(self, policy, summary)
        return summary

    @app.task(bind=True, shared=False, name=DAILY_SYNC_TASK, max_retries=policy.max_retries)
    def daily_sync(self: Task) -> Summary:
        claimant = StartDailySyncCommand(str(self.request.id))
        if not services.get().start_daily_sync(claimant):
            log.info("daily sync: already started today by another trigger; nothing to do")
            return {"outcome": "already_started_today"}
        try:
            district_ids = services.get().directory.connected_district_ids()
        except CleverUnavailable:
            log.warning("daily sync: Clever's list of connected districts could not be read")
            return retry_later(self, policy, {"outcome": "clever_unavailable"})
        with app.producer_or_acquire() as producer:  # one broker connection for every district
            for district_id in district_ids:
                sync_district.apply_async(
                    (district_id,),
                    countdown=district_countdown(district_id, window_minutes),
                    producer=producer,
                )
        return {"outcome": "fanned_out", "districts": len(district_ids)}

    @app.task(shared=False, name=RETENTION_TASK)
    def retention() -> Summary:
        """Idempotent: a second run the same day finds nothing left to delete."""
        result = services.get().apply_retention(RetentionCommand())
        summary: Summary = {
            "outcome": "applied",
            "departed_students": result.departed_students,
            "audit_entries": result.audit_entries,
            "sync_runs": result.sync_runs,
        }
        log.info("retention applied: %s", summary)
        return summary


def clever_priority_for(trigger: SyncTrigger) -> AbstractContextManager[None]:
    """A teacher waiting on their sync (or approval) goes ahead of scheduled and events syncs."""
    if teacher_sync_queue(trigger) == INTERACTIVE_QUEUE:
        return nullcontext()
    return background_work()


@contextmanager
def background_work() -> Iterator[None]:
    """Nobody waits on this sync: the background share of Clever's budget, and the CPU only
    when a teacher's sync beside it does not need it."""
    with background_priority(), yielding_cpu():
        yield


def retry_later(task: Task, policy: DeliveryPolicy, summary: Summary) -> Summary:
    """Retry with exponential backoff; once retries run out the failure stays recorded."""
    attempts = task.request.retries
    if attempts >= task.max_retries:
        log.warning("%s gave up after %d retries: %s", task.name, attempts, summary)
        return summary
    log.info("%s retries in %ds: Clever unavailable", task.name, policy.retry_countdown(attempts))
    raise task.retry(countdown=policy.retry_countdown(attempts))
