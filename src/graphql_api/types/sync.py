"""Sync runs, previews (change sets) and the expected failures of the sync mutations."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import strawberry

from domain.problems import Problem
from domain.sync_run import SyncRun as DomainSyncRun
from graphql_api.enums import SyncStatus, SyncTrigger


@strawberry.type(description="A record Clever sent that the sync refused, and why.")
class SyncProblem:
    record_type: str
    clever_id: str
    field: str
    message: str

    @classmethod
    def from_domain(cls, problem: Problem) -> SyncProblem:
        return cls(**asdict(problem))


@strawberry.type
class SyncRun:
    id: strawberry.ID
    status: SyncStatus
    trigger: SyncTrigger
    started_at: datetime
    finished_at: datetime | None
    classes_created: int
    classes_updated: int
    classes_archived: int
    classes_restored: int
    students_enrolled: int
    students_dropped: int
    students_restored: int
    co_teachers_added: int
    co_teachers_removed: int
    classes_archived_term_ended: int = strawberry.field(
        description="Of classesArchived, those archived because their Clever term ended."
    )
    changes_skipped_by_decisions: int = strawberry.field(
        description="Changes Clever asked for that a teacher's decision kept from landing."
    )
    problems: list[SyncProblem]
    message: str | None = strawberry.field(
        description="Why the run failed, was skipped or is held; what a finished term archived."
    )
    next_sync_allowed_at: datetime | None = strawberry.field(
        default=None,
        description="In the answer to syncWithClever: when a new sync can start (a sync asked "
        "for sooner returns this run); null while this run is in flight, and elsewhere.",
    )

    @classmethod
    def from_domain(
        cls, run: DomainSyncRun, next_sync_allowed_at: datetime | None = None
    ) -> SyncRun:
        return cls(
            id=strawberry.ID(str(run.id)),
            status=run.status,
            trigger=run.trigger,
            started_at=run.started_at,
            finished_at=run.finished_at,
            **run.counts.as_dict(),
            problems=[SyncProblem.from_domain(p) for p in run.problems],
            message=run.message,
            next_sync_allowed_at=next_sync_allowed_at,
        )
