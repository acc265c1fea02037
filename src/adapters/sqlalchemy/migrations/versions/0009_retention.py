"""Retention: the indexes the daily retention job deletes by, so each of its batches is a short
transaction; and a date for classes archived before migration 0010 recorded one.

A student of only archived classes has left when their classes were archived. Classes archived
before 0010 have no such date: they count as archived when this revision runs, so their
students' data is kept a full retention period from the upgrade, never less.

Revision ID: 0009
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from adapters.sqlalchemy.types import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    classes = sa.table(
        "classes", sa.column("archived", sa.Boolean()), sa.column("archived_at", UTCDateTime())
    )
    op.execute(
        classes.update()
        .where(classes.c.archived.is_(True), classes.c.archived_at.is_(None))
        .values(archived_at=sa.bindparam("now", datetime.now(UTC), type_=UTCDateTime()))
    )
    op.create_index(op.f("ix_roster_history_sync_run_id"), "roster_history", ["sync_run_id"])
    op.create_index(op.f("ix_demographics_audit_at"), "demographics_audit", ["at"])
    op.create_index(op.f("ix_sync_runs_started_at"), "sync_runs", ["started_at"])


def downgrade() -> None:
    # The dates given to classes archived before 0010 stay: they are as true as any.
    op.drop_index(op.f("ix_sync_runs_started_at"), table_name="sync_runs")
    op.drop_index(op.f("ix_demographics_audit_at"), table_name="demographics_audit")
    op.drop_index(op.f("ix_roster_history_sync_run_id"), table_name="roster_history")
