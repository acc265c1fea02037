"""Retention: when each class was archived (a student of only archived classes has left), and
the indexes the daily retention job deletes by, so each of its batches is a short transaction.

Classes archived before this revision count as archived when it runs: their students' data
is then kept a full retention period from the upgrade, never less.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from adapters.sqlalchemy.types import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("classes") as batch:
        batch.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
    classes = sa.table(
        "classes", sa.column("archived", sa.Boolean()), sa.column("archived_at", UTCDateTime())
    )
    op.execute(
        classes.update()
        .where(classes.c.archived.is_(True))
        .values(archived_at=sa.bindparam("now", datetime.now(UTC), type_=UTCDateTime()))
    )
    op.create_index(op.f("ix_roster_history_sync_run_id"), "roster_history", ["sync_run_id"])
    op.create_index(op.f("ix_demographics_audit_at"), "demographics_audit", ["at"])
    op.create_index(op.f("ix_sync_runs_started_at"), "sync_runs", ["started_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_sync_runs_started_at"), table_name="sync_runs")
    op.drop_index(op.f("ix_demographics_audit_at"), table_name="demographics_audit")
    op.drop_index(op.f("ix_roster_history_sync_run_id"), table_name="roster_history")
    with op.batch_alter_table("classes") as batch:
        batch.drop_column("archived_at")
