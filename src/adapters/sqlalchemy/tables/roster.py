"""The roster: teachers, students, classes, who teaches and who is enrolled, its history,
teachers' decisions, and the version every roster write bumps."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    false,
)

from adapters.sqlalchemy.tables.common import GRADE_CHECK, ID, SHORT, metadata, one_of
from adapters.sqlalchemy.types import JsonDocument, UTCDateTime

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
    # The nightly job reads one district's classes at a time: by index, whatever the number
    # of districts (a scan of every district's classes made each no-op district cost ~50 ms
    # at 2,000 districts).
    Column("district_id", ID, nullable=False, index=True),
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

roster_history = Table(
    "roster_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("section_id", ForeignKey("classes.section_id"), nullable=False, index=True),
    Column("student_id", ForeignKey("students.clever_id"), nullable=False),
    Column("action", String(16), nullable=False),
    Column("sync_run_id", ForeignKey("sync_runs.id"), index=True),
    Column("at", UTCDateTime, nullable=False),
    CheckConstraint(one_of("action", ("added", "dropped", "restored")), name="action"),
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
    CheckConstraint(one_of("kind", ("ADD_ONLY", "PAUSED", "KEEP_OUT", "KEEP_IN")), name="kind"),
)

# One row (id 1): bumped by every roster write; each request reads it before a remembered answer.
roster_version = Table(
    "roster_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)

ROSTER_TABLES = (
    "teachers",
    "students",
    "classes",
    "class_teachers",
    "enrollments",
    "roster_history",
)
