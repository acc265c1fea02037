"""Keep less, and bound what anonymous visitors can make the service keep:

- people's own Clever access tokens were stored at every sign-in and never read (every sync
  uses the district-app token): the stored ones are deleted;
- a pending Clever sign-in (OAuth state) records the browser that started it and a digest of
  its address, so a state is given back only to its browser and one address keeps a bounded
  number. Pending sign-ins live ten minutes; those under way during the upgrade are dropped
  (the person presses "Log in with Clever" again).

Revision ID: 0006
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _create_oauth_states(bound: bool) -> None:
    columns: list[sa.Column[object]] = [
        sa.Column("state", sa.String(length=255), nullable=False),
        sa.Column("data", JSON_DOCUMENT, nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    ]
    if bound:
        columns += [
            sa.Column("browser", sa.String(length=64), nullable=False),
            sa.Column("client", sa.String(length=64), nullable=False),
        ]
    op.create_table(
        "oauth_states", *columns, sa.PrimaryKeyConstraint("state", name=op.f("pk_oauth_states"))
    )
    op.create_index(
        op.f("ix_oauth_states_expires_at"), "oauth_states", ["expires_at"], unique=False
    )
    if bound:
        op.create_index(
            "ix_oauth_states_client_expires_at", "oauth_states", ["client", "expires_at"]
        )


def upgrade() -> None:
    op.execute("DELETE FROM clever_tokens WHERE kind = 'user'")
    op.drop_table("oauth_states")
    _create_oauth_states(bound=True)


def downgrade() -> None:
    op.drop_table("oauth_states")
    _create_oauth_states(bound=False)
