"""Background work yields the CPU to a teacher's sync running beside it on the same machine.

A worker's pool processes share the machine's cores: while a district job parses Clever's
pages, a teacher's sync in the next pool process needs a core at every wake-up (after each
Clever answer, each statement). Background tasks run their thread under Linux's SCHED_BATCH
policy, which the scheduler treats as CPU-bound and mildly disfavours when another thread
wakes up; new threads it starts (the page read-ahead) inherit it. The thread's policy is put
back when the task ends (an unprivileged thread may switch between the two). Elsewhere, or
when the system refuses, nothing changes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress

log = logging.getLogger(__name__)

CALLING_THREAD = 0


@contextmanager
def yielding_cpu() -> Iterator[None]:
    """The calling thread runs as batch work inside this block."""
    batch = getattr(os, "SCHED_BATCH", None)
    if batch is None:
        yield
        return
    try:
        policy = os.sched_getscheduler(CALLING_THREAD)
        param = os.sched_getparam(CALLING_THREAD)
        os.sched_setscheduler(CALLING_THREAD, batch, os.sched_param(0))
    except OSError as exc:
        log.debug("background work keeps its CPU policy (%s)", exc)
        yield
        return
    try:
        yield
    finally:
        with suppress(OSError):
            os.sched_setscheduler(CALLING_THREAD, policy, param)
