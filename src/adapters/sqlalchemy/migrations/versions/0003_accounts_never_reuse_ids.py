"""Account ids are never reused on SQLite (AUTOINCREMENT), so an old session cookie can never
name someone who signed up after a district was forgotten. Postgres sequences never reuse ids.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _recreate_accounts(autoincrement=True)


def downgrade() -> None:
    _recreate_accounts(autoincrement=False)


def _recreate_accounts(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "accounts", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass
