"""The use cases the tasks call, built once per process by a provider the entry point installs."""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable
from typing import Protocol

from application.daily_sync import StartDailySync
from application.ports import CleverDirectory
from application.results import SyncResult
from application.retention import RetentionCommand, RetentionResult
from application.sync_district import DistrictSyncResult, SyncDistrictCommand
from application.sync_teacher import SyncTeacherCommand


class ServicesLike(Protocol):
    """The part of bootstrap.Services the tasks use."""

    @property
    def sync_teacher(self) -> Callable[[SyncTeacherCommand], SyncResult]: ...
    @property
    def sync_district(self) -> Callable[[SyncDistrictCommand], DistrictSyncResult]: ...
    @property
    def directory(self) -> CleverDirectory: ...
    @property
    def start_daily_sync(self) -> StartDailySync: ...
    @property
    def apply_retention(self) -> Callable[[RetentionCommand], RetentionResult]: ...


ServicesProvider = Callable[[], ServicesLike]
log = logging.getLogger(__name__)


class ServicesNotInstalled(RuntimeError):
    """A task ran before the entry point called adapters.celery.install(app, provider)."""


class ServicesHolder:
    """Calls the provider lazily, once per process: a prefork child never reuses the
    parent's database connections, because it builds its own on its first task."""

    def __init__(self) -> None:
        self._provider: ServicesProvider | None = None
        self._services: ServicesLike | None = None
        self._built_in_pid: int | None = None
        self._mutex = threading.Lock()

    def install(self, provider: ServicesProvider) -> None:
        with self._mutex:
            self._provider = provider
            self._services = None
            self._built_in_pid = None

    def get(self) -> ServicesLike:
        pid = os.getpid()
        with self._mutex:
            if self._services is None or self._built_in_pid != pid:
                if self._provider is None:
                    raise ServicesNotInstalled(
                        "no services installed: the entry point must call "
                        "adapters.celery.install(app, provider) before tasks run"
                    )
                self._services = self._provider()
                self._built_in_pid = pid
                settle_start_up_objects()
            return self._services

    def build_at_start(self, **_: object) -> None:
        """For Celery's worker_process_init: a pool process builds its services as it starts,
        so a teacher's sync never waits for a process's start-up (clients, connections and
        the collector's freeze: about 0.3 s of CPU). A failure is left to the first task."""
        try:
            self.get()
        except Exception:
            log.exception("a pool process could not build its services; its first task retries")


def settle_start_up_objects() -> None:
    """Once a worker process has built its services: the modules and services made at start-up
    live as long as the process, so they are moved out of the garbage collector's sight. Its
    full passes, which a long job triggers now and then, then walk only what jobs made: over
    the hundred thousand start-up objects one pass takes about 35 ms on two cores, as long as
    a whole events sync."""
    gc.collect()
    gc.freeze()
