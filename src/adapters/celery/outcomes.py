"""Reading a use case's answer: a summary for the task result and log, and whether to retry."""

from __future__ import annotations

from application.results import SyncResult, SyncStarted
from application.sync_district import DistrictSyncResult
from domain.sync_run import SyncStatus

# The use cases record a failed Clever fetch as a failed run (or a district error) with this
# message instead of raising; only such failures can heal by waiting.
CLEVER_FETCH_FAILED = "Clever could not be read"

Summary = dict[str, str | int | list[list[str]] | None]


def teacher_summary(result: SyncResult) -> Summary:
    if isinstance(result, SyncStarted):
        return {"outcome": "started", "run_id": result.run.id, "status": result.run.status.value}
    return {"outcome": type(result).__name__}


def district_summary(result: DistrictSyncResult) -> Summary:
    return {
        "outcome": "already_running" if result.already_running else "done",
        "district_id": result.district_id,
        "runs": len(result.runs),
        "skipped": [[teacher_id, reason] for teacher_id, reason in result.skipped],
        "error": result.error,
    }


def teacher_sync_hit_clever_outage(result: SyncResult) -> bool:
    if not isinstance(result, SyncStarted) or result.run.status is not SyncStatus.FAILED:
        return False
    return (result.run.message or "").startswith(CLEVER_FETCH_FAILED)


def district_sync_hit_clever_outage(result: DistrictSyncResult) -> bool:
    return (result.error or "").startswith(CLEVER_FETCH_FAILED)
