"""Every table, in the one metadata Alembic also uses (keep migrations in step with it)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)

from adapters.sqlalchemy.types import JsonDocument, UTCDateTime
from domain.grade_level import ENUM_NAMES

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(64)  # Clever ids are 24 hex characters; room to spare
SHORT = String(255)
ACTIVE_RUN = "status IN ('queued', 'running')"


def _one_of(column: str, values: object) -> str:
    listed = ", ".join(f"'{v}'" for v in values)  # type: ignore[attr-defined]
    return f"{column} IN ({listed})"


GRADE_CHECK = _one_of("grade", sorted(ENUM_NAMES))

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("role", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("email", String(254), unique=True),
    Column("password_hash", String(255)),
    Column("clever_id", ID, unique=True),
    Column("district_id", ID),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(_one_of("role", ("teacher", "student")), name="role"),
    # Never reuse an id on SQLite: a forgotten account's old session must not name a newcomer.
    sqlite_autoincrement=True,
)

teachers = Table(
    "teachers",
    metadata,
    Column("clever_id", ID, primary_key=True),
    Column("district_id", ID, nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("email", Text),
    Column("school_ids", JsonDocument, nullable=False),
    Column("account_id", ForeignKey("accounts.id"), unique=True),
    Column("rostering_started", Boolean, nullable=False, server_default=false()),
)

students = Table(
    "students",
    metadata,
    Column("clever_id", ID, primary_key=True),
    Column("district_id", ID, nullable=False),
    Column("name", Text, nullable=False),
    Column("email", Text),
    Column("grade", String(32)),
    Column("ell_status", Boolean),
    Column("hispanic_ethnicity", Boolean),
    Column("iep_status", Boolean),
    Column("frl_status", SHORT),
    Column("race", SHORT),
    Column("gender", SHORT),
    Column("account_id", ForeignKey("accounts.id"), unique=True),
    CheckConstraint(GRADE_CHECK, name="grade"),
)

classes = Table(
    "classes",
    metadata,
    Column("section_id", ID, primary_key=True),
    Column("district_id", ID, nullable=False),
    Column("school_id", ID),
    Column("clever_name", SHORT, nullable=False),
    Column("custom_name", SHORT),
    Column("subject", SHORT),
    Column("period", SHORT),
    Column("grade", String(32)),
    Column("owner_id", ID),
    Column("archived", Boolean, nullable=False, server_default=false()),
    Column("last_synced_at", UTCDateTime),
    # The Clever term (rule 15), a teacher's choice to keep the class after it, and why an
    # archived class was archived ('section_gone', 'term_ended'; null before 0007: gone).
    Column("term_id", ID),
    Column("term_name", Text),
    Column("term_start_date", Date),
    Column("term_end_date", Date),
    Column("kept_after_term", Boolean, nullable=False, server_default=false()),
    Column("archived_reason", String(16)),
    Column("archived_at", UTCDateTime),  # when a sync archived it; null while live
    CheckConstraint(GRADE_CHECK, name="grade"),
)

# No foreign key to teachers: Clever may list a teacher on a section without sharing the
# teacher's own record, and the membership still counts (they gain access when they connect).
class_teachers = Table(
    "class_teachers",
    metadata,
    Column("section_id", ForeignKey("classes.section_id"), primary_key=True),
    Column("teacher_id", ID, primary_key=True, index=True),
)

enrollments = Table(
    "enrollments",
    metadata,
    Column("section_id", ForeignKey("classes.section_id"), primary_key=True),
    Column("student_id", ForeignKey("students.clever_id"), primary_key=True, index=True),
    Column("active", Boolean, nullable=False),
    Column("enrolled_at", UTCDateTime, nullable=False),
    Column("dropped_at", UTCDateTime),
)

sync_runs = Table(
    "sync_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("teacher_id", ID, nullable=False),
    Column("district_id", ID, nullable=False),
    Column("trigger", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("classes_created", Integer, nullable=False, server_default="0"),
    Column("classes_updated", Integer, nullable=False, server_default="0"),
    Column("classes_archived", Integer, nullable=False, server_default="0"),
    Column("classes_restored", Integer, nullable=False, server_default="0"),
    Column("students_enrolled", Integer, nullable=False, server_default="0"),
    Column("students_dropped", Integer, nullable=False, server_default="0"),
    Column("students_restored", Integer, nullable=False, server_default="0"),
    Column("co_teachers_added", Integer, nullable=False, server_default="0"),
    Column("co_teachers_removed", Integer, nullable=False, server_default="0"),
    Column("classes_archived_term_ended", Integer, nullable=False, server_default="0"),
    Column("changes_skipped_by_decisions", Integer, nullable=False, server_default="0"),
    Column("problems", JsonDocument, nullable=False),
    Column("message", Text),
    Column("held_changes", JsonDocument),
    CheckConstraint(
        _one_of(
            "status", ("queued", "running", "succeeded", "partial", "failed", "held", "skipped")
        ),
        name="status",
    ),
    CheckConstraint(
        _one_of("trigger", ("manual", "scheduled", "events", "approval")), name="trigger"
    ),
    Index("ix_sync_runs_teacher_id", "teacher_id", "id"),
    Index("ix_sync_runs_started_at", "started_at"),  # retention deletes by age
    # At most one queued or running sync per teacher, whatever the callers do.
    Index(
        "uq_sync_runs_one_active_per_teacher",
        "teacher_id",
        unique=True,
        sqlite_where=text(ACTIVE_RUN),
        postgresql_where=text(ACTIVE_RUN),
    ),
)

roster_history = Table(
    "roster_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("section_id", ForeignKey("classes.section_id"), nullable=False, index=True),
    Column("student_id", ForeignKey("students.clever_id"), nullable=False),
    Column("action", String(16), nullable=False),
    Column("sync_run_id", ForeignKey("sync_runs.id"), index=True),
    Column("at", UTCDateTime, nullable=False),
    CheckConstraint(_one_of("action", ("added", "dropped", "restored")), name="action"),
)

premium_licenses = Table(
    "premium_licenses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scope", String(16), nullable=False),
    Column("clever_id", ID, nullable=False, index=True),
    Column("expires_on", Date),
    CheckConstraint(_one_of("scope", ("district", "school", "teacher")), name="scope"),
)

demographics_audit = Table(
    "demographics_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("viewer_account_id", ForeignKey("accounts.id"), nullable=False),
    Column("student_id", ID, nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False, index=True),  # retention deletes by age
)

clever_tokens = Table(
    "clever_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("owner_id", ID, nullable=False),
    Column("encrypted_token", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("kind", "owner_id"),
    CheckConstraint(_one_of("kind", ("user", "district")), name="kind"),
)

oauth_states = Table(
    "oauth_states",
    metadata,
    Column("state", String(255), primary_key=True),
    Column("data", JsonDocument, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
    # The browser that started the sign-in (an opaque id from its session) and a digest of
    # the address it came from: a state is given back only to its browser, and one address
    # keeps a bounded number of them.
    Column("browser", String(64), nullable=False),
    Column("client", String(64), nullable=False),
    Index("ix_oauth_states_client_expires_at", "client", "expires_at"),
)

oauth_codes = Table(
    "oauth_codes",
    metadata,
    Column("digest", String(128), primary_key=True),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)

# One row (id 1): bumped by every roster write; each request reads it before a remembered answer.
roster_version = Table(
    "roster_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)

# Signed-in sessions: the browser's cookie holds only the random id, stored here as a digest
# (a copy of this table signs nobody in). Deleting a row ends that session everywhere.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_digest", String(64), primary_key=True),
    Column("account_id", Integer, index=True),
    Column("data", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)

# The SQLite sync lock; Postgres uses advisory locks instead.
sync_locks = Table(
    "sync_locks",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("owner", String(64), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

# Per district: the last Clever event applied and when the last full reconcile ran.
district_sync_cursors = Table(
    "district_sync_cursors",
    metadata,
    Column("district_id", ID, primary_key=True),
    Column("event_id", ID),
    Column("full_sync_at", UTCDateTime, nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
)

# Per Clever token (a hash of it, never the token): requests counted in short fixed windows,
# shared by every process that reads Clever with that token.
clever_budget_windows = Table(
    "clever_budget_windows",
    metadata,
    Column("budget_key", String(64), primary_key=True),
    Column("window_start", BigInteger, primary_key=True, autoincrement=False),
    Column("requests", Integer, nullable=False),
    Column("background_requests", Integer, nullable=False),
)

# Per Clever token: Clever answered 429, so no process asks before this epoch second.
clever_budget_pauses = Table(
    "clever_budget_pauses",
    metadata,
    Column("budget_key", String(64), primary_key=True),
    Column("resume_at", Float, nullable=False),
)

# One row per UTC day on which the daily sync started: a second start that day does nothing.
daily_sync_days = Table(
    "daily_sync_days",
    metadata,
    Column("day", Date, primary_key=True),
    Column("claimed_by", String(255), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
)

# A teacher's decisions about a class (rule 13): the class's sync mode (student_id '', kind
# ADD_ONLY or PAUSED; no row means FOLLOW_CLEVER) and per-student exceptions (KEEP_OUT, KEEP_IN).
# ``waiting`` is what a paused class's last sync would have changed; ``clever_lists`` whether
# the last sync found a student with an exception listed in the class. No foreign key to students:
# forget-district deletes these rows with the classes they belong to.
roster_decisions = Table(
    "roster_decisions",
    metadata,
    Column("section_id", ForeignKey("classes.section_id"), primary_key=True),
    Column("student_id", ID, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("until", Date),
    Column("made_by", ID, nullable=False),
    Column("made_at", UTCDateTime, nullable=False),
    Column("waiting", JsonDocument),
    Column("clever_lists", Boolean),
    CheckConstraint(_one_of("kind", ("ADD_ONLY", "PAUSED", "KEEP_OUT", "KEEP_IN")), name="kind"),
)

ROSTER_TABLES = (
    "teachers",
    "students",
    "classes",
    "class_teachers",
    "enrollments",
    "roster_history",
)
