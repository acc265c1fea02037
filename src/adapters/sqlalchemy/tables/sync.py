"""Running syncs: the runs and their results, the locks, the events cursors, the daily start."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)

from adapters.sqlalchemy.tables.common import ID, metadata, one_of
from adapters.sqlalchemy.types import JsonDocument, UTCDateTime

ACTIVE_RUN = "status IN ('queued', 'running')"

sync_runs = Table(
    "sync_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("teacher_id", ID, nullable=False),
    Column("district_id", ID, nullable=False),
    Column("trigger", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("classes_created", Integer, nullable=False, server_default="0"),
    Column("classes_updated", Integer, nullable=False, server_default="0"),
    Column("classes_archived", Integer, nullable=False, server_default="0"),
    Column("classes_restored", Integer, nullable=False, server_default="0"),
    Column("students_enrolled", Integer, nullable=False, server_default="0"),
    Column("students_dropped", Integer, nullable=False, server_default="0"),
    Column("students_restored", Integer, nullable=False, server_default="0"),
    Column("co_teachers_added", Integer, nullable=False, server_default="0"),
    Column("co_teachers_removed", Integer, nullable=False, server_default="0"),
    Column("classes_archived_term_ended", Integer, nullable=False, server_default="0"),
    Column("changes_skipped_by_decisions", Integer, nullable=False, server_default="0"),
    Column("problems", JsonDocument, nullable=False),
    Column("message", Text),
    Column("held_changes", JsonDocument),
    CheckConstraint(
        one_of(
            "status", ("queued", "running", "succeeded", "partial", "failed", "held", "skipped")
        ),
        name="status",
    ),
    CheckConstraint(
        one_of("trigger", ("manual", "scheduled", "events", "approval")), name="trigger"
    ),
    Index("ix_sync_runs_teacher_id", "teacher_id", "id"),
    Index("ix_sync_runs_started_at", "started_at"),  # retention deletes by age
    # At most one queued or running sync per teacher, whatever the callers do.
    Index(
        "uq_sync_runs_one_active_per_teacher",
        "teacher_id",
        unique=True,
        sqlite_where=text(ACTIVE_RUN),
        postgresql_where=text(ACTIVE_RUN),
    ),
)

# The SQLite sync lock; Postgres uses advisory locks instead.
sync_locks = Table(
    "sync_locks",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("owner", String(64), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

# Per district: the last Clever event applied and when the last full reconcile ran.
district_sync_cursors = Table(
    "district_sync_cursors",
    metadata,
    Column("district_id", ID, primary_key=True),
    Column("event_id", ID),
    Column("full_sync_at", UTCDateTime, nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
)

# One row per UTC day on which the daily sync started: a second start that day does nothing.
daily_sync_days = Table(
    "daily_sync_days",
    metadata,
    Column("day", Date, primary_key=True),
    Column("claimed_by", String(255), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
)
