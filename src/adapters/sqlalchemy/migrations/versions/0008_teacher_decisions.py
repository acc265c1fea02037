"""Teachers' decisions: a class's sync mode and per-student exceptions, and each sync run's count
of the changes a decision kept from landing.

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "roster_decisions",
        sa.Column("section_id", sa.String(length=64), nullable=False),
        sa.Column("student_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("made_by", sa.String(length=64), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("waiting", JSON_DOCUMENT, nullable=True),
        sa.Column("clever_lists", sa.Boolean(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('ADD_ONLY', 'PAUSED', 'KEEP_OUT', 'KEEP_IN')",
            name=op.f("ck_roster_decisions_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["classes.section_id"],
            name=op.f("fk_roster_decisions_section_id_classes"),
        ),
        sa.PrimaryKeyConstraint("section_id", "student_id", name=op.f("pk_roster_decisions")),
    )
    # A plain ADD COLUMN on both databases: no table rebuild, the partial index stays.
    op.add_column(
        "sync_runs",
        sa.Column("changes_skipped_by_decisions", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    with op.batch_alter_table("sync_runs") as batch:
        batch.drop_column("changes_skipped_by_decisions")
    op.drop_table("roster_decisions")
