"""Classes know their Clever term (name, start and end dates), whether a teacher keeps the
class after its term ended, and why an archived class was archived; sync runs count the
classes a finished term archived.

Revision ID: 0007
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLASS_COLUMNS = ("term_id", "term_name", "term_start_date", "term_end_date", "archived_reason")


def upgrade() -> None:
    op.add_column("classes", sa.Column("term_id", sa.String(length=64), nullable=True))
    op.add_column("classes", sa.Column("term_name", sa.Text(), nullable=True))
    op.add_column("classes", sa.Column("term_start_date", sa.Date(), nullable=True))
    op.add_column("classes", sa.Column("term_end_date", sa.Date(), nullable=True))
    op.add_column(
        "classes",
        sa.Column("kept_after_term", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("classes", sa.Column("archived_reason", sa.String(length=16), nullable=True))
    op.add_column(
        "sync_runs",
        sa.Column("classes_archived_term_ended", sa.Integer(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("sync_runs") as batch:
        batch.drop_column("classes_archived_term_ended")
    with op.batch_alter_table("classes") as batch:
        batch.drop_column("kept_after_term")
        for name in CLASS_COLUMNS:
            batch.drop_column(name)
