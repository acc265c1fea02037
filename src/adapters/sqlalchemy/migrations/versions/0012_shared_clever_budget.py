"""A Clever token's request budget shared through the database, and one daily sync per day.

Revision ID: 0012
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clever_budget_windows",
        sa.Column("budget_key", sa.String(length=64), nullable=False),
        sa.Column("window_start", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("background_requests", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "budget_key", "window_start", name=op.f("pk_clever_budget_windows")
        ),
    )
    op.create_table(
        "clever_budget_pauses",
        sa.Column("budget_key", sa.String(length=64), nullable=False),
        sa.Column("resume_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("budget_key", name=op.f("pk_clever_budget_pauses")),
    )
    op.create_table(
        "daily_sync_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("claimed_by", sa.String(length=255), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_daily_sync_days")),
    )


def downgrade() -> None:
    op.drop_table("daily_sync_days")
    op.drop_table("clever_budget_pauses")
    op.drop_table("clever_budget_windows")
