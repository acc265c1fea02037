"""Every table, in the one metadata Alembic also uses (keep migrations in step with it).

By concern: ``common`` (the metadata and shared column types), ``access`` (accounts, sign-in,
Premium, the demographics audit), ``roster``, ``sync`` (runs, locks, cursors) and ``clever``
(district tokens, the request budget). Importing this package defines them all.
"""

from adapters.sqlalchemy.tables.access import (
    accounts,
    demographics_audit,
    oauth_codes,
    oauth_states,
    premium_licenses,
    web_sessions,
)
from adapters.sqlalchemy.tables.clever import (
    clever_budget_pauses,
    clever_budget_windows,
    clever_tokens,
)
from adapters.sqlalchemy.tables.common import metadata
from adapters.sqlalchemy.tables.roster import (
    ROSTER_TABLES,
    class_teachers,
    classes,
    enrollments,
    roster_decisions,
    roster_history,
    roster_version,
    students,
    teachers,
)
from adapters.sqlalchemy.tables.sync import (
    ACTIVE_RUN,
    daily_sync_days,
    district_sync_cursors,
    sync_locks,
    sync_runs,
)

__all__ = [
    "ACTIVE_RUN",
    "ROSTER_TABLES",
    "accounts",
    "class_teachers",
    "classes",
    "clever_budget_pauses",
    "clever_budget_windows",
    "clever_tokens",
    "daily_sync_days",
    "demographics_audit",
    "district_sync_cursors",
    "enrollments",
    "metadata",
    "oauth_codes",
    "oauth_states",
    "premium_licenses",
    "roster_decisions",
    "roster_history",
    "roster_version",
    "students",
    "sync_locks",
    "sync_runs",
    "teachers",
    "web_sessions",
]
