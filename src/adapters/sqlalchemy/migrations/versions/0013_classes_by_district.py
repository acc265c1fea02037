"""Classes are found by district through an index: the nightly job reads one district's classes.

Revision ID: 0013
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_classes_district_id"), "classes", ["district_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_classes_district_id"), table_name="classes")
