"""PostgreSQL's autovacuum analyses the roster tables once 500 rows plus 2 % of a table have
changed (the server's default: 50 rows plus 10 %). The service no longer runs ANALYZE itself
after bulk writes: measured, that took 9 % of a 50,000-student district's first sync and gained
nothing once autovacuum's next round (at most ``autovacuum_naptime`` later) had run
(docs/benchmarks.md, "Persistence: library writes against hand-written SQL"). SQLite needs
nothing: its planner prefers an index when it has no statistics.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("teachers", "students", "classes", "class_teachers", "enrollments", "roster_history")
SETTINGS = {"autovacuum_analyze_scale_factor": "0.02", "autovacuum_analyze_threshold": "500"}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    listed = ", ".join(f"{name} = {value}" for name, value in SETTINGS.items())
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} SET ({listed})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} RESET ({', '.join(SETTINGS)})")
