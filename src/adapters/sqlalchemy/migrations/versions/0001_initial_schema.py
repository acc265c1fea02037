"""Initial schema: accounts, rosters, sync runs, licences, tokens, OAuth state, locks.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("clever_id", sa.String(length=64), nullable=True),
        sa.Column("district_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('teacher', 'student')", name=op.f("ck_accounts_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("clever_id", name=op.f("uq_accounts_clever_id")),
        sa.UniqueConstraint("email", name=op.f("uq_accounts_email")),
    )
    op.create_table(
        "classes",
        sa.Column("section_id", sa.String(length=64), nullable=False),
        sa.Column("district_id", sa.String(length=64), nullable=False),
        sa.Column("school_id", sa.String(length=64), nullable=True),
        sa.Column("clever_name", sa.String(length=255), nullable=False),
        sa.Column("custom_name", sa.String(length=255), nullable=True),
        sa.Column("subject", sa.String(length=255), nullable=True),
        sa.Column("period", sa.String(length=255), nullable=True),
        sa.Column("grade", sa.String(length=32), nullable=True),
        sa.Column("owner_id", sa.String(length=64), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("last_synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "grade IN ('1', '10', '11', '12', '13', '2', '3', '4', '5', '6', '7', '8', '9', 'InfantToddler', 'Kindergarten', 'Other', 'PostGraduate', 'PreKindergarten', 'Preschool', 'TransitionalKindergarten', 'Ungraded')",
            name=op.f("ck_classes_grade"),
        ),
        sa.PrimaryKeyConstraint("section_id", name=op.f("pk_classes")),
    )
    op.create_table(
        "clever_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=False),
        sa.Column("encrypted_token", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('user', 'district')", name=op.f("ck_clever_tokens_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clever_tokens")),
        sa.UniqueConstraint("kind", "owner_id", name=op.f("uq_clever_tokens_kind_owner_id")),
    )
    op.create_table(
        "oauth_codes",
        sa.Column("digest", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_oauth_codes")),
    )
    op.create_index(op.f("ix_oauth_codes_expires_at"), "oauth_codes", ["expires_at"], unique=False)
    op.create_table(
        "oauth_states",
        sa.Column("state", sa.String(length=255), nullable=False),
        sa.Column("data", JSON_DOCUMENT, nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("state", name=op.f("pk_oauth_states")),
    )
    op.create_index(
        op.f("ix_oauth_states_expires_at"), "oauth_states", ["expires_at"], unique=False
    )
    op.create_table(
        "premium_licenses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("clever_id", sa.String(length=64), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "scope IN ('district', 'school', 'teacher')", name=op.f("ck_premium_licenses_scope")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_premium_licenses")),
    )
    op.create_index(
        op.f("ix_premium_licenses_clever_id"), "premium_licenses", ["clever_id"], unique=False
    )
    roster_version = op.create_table(
        "roster_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_roster_version_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_version")),
    )
    op.create_table(
        "sync_locks",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_locks")),
    )
    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.String(length=64), nullable=False),
        sa.Column("district_id", sa.String(length=64), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("classes_created", sa.Integer(), server_default="0", nullable=False),
        sa.Column("classes_updated", sa.Integer(), server_default="0", nullable=False),
        sa.Column("classes_archived", sa.Integer(), server_default="0", nullable=False),
        sa.Column("classes_restored", sa.Integer(), server_default="0", nullable=False),
        sa.Column("students_enrolled", sa.Integer(), server_default="0", nullable=False),
        sa.Column("students_dropped", sa.Integer(), server_default="0", nullable=False),
        sa.Column("students_restored", sa.Integer(), server_default="0", nullable=False),
        sa.Column("co_teachers_added", sa.Integer(), server_default="0", nullable=False),
        sa.Column("co_teachers_removed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("problems", JSON_DOCUMENT, nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("held_changes", JSON_DOCUMENT, nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'partial', 'failed', 'held', 'skipped')",
            name=op.f("ck_sync_runs_status"),
        ),
        sa.CheckConstraint(
            "trigger IN ('manual', 'scheduled', 'events', 'approval')",
            name=op.f("ck_sync_runs_trigger"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
    )
    op.create_index("ix_sync_runs_teacher_id", "sync_runs", ["teacher_id", "id"], unique=False)
    op.create_index(
        "uq_sync_runs_one_active_per_teacher",
        "sync_runs",
        ["teacher_id"],
        unique=True,
        sqlite_where=sa.text("status IN ('queued', 'running')"),
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    )
    op.create_table(
        "class_teachers",
        sa.Column("section_id", sa.String(length=64), nullable=False),
        sa.Column("teacher_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["classes.section_id"],
            name=op.f("fk_class_teachers_section_id_classes"),
        ),
        sa.PrimaryKeyConstraint("section_id", "teacher_id", name=op.f("pk_class_teachers")),
    )
    op.create_index(
        op.f("ix_class_teachers_teacher_id"), "class_teachers", ["teacher_id"], unique=False
    )
    op.create_table(
        "demographics_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("viewer_account_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["viewer_account_id"],
            ["accounts.id"],
            name=op.f("fk_demographics_audit_viewer_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demographics_audit")),
    )
    op.create_index(
        op.f("ix_demographics_audit_student_id"), "demographics_audit", ["student_id"], unique=False
    )
    op.create_table(
        "students",
        sa.Column("clever_id", sa.String(length=64), nullable=False),
        sa.Column("district_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("grade", sa.String(length=32), nullable=True),
        sa.Column("ell_status", sa.Boolean(), nullable=True),
        sa.Column("hispanic_ethnicity", sa.Boolean(), nullable=True),
        sa.Column("iep_status", sa.Boolean(), nullable=True),
        sa.Column("frl_status", sa.String(length=255), nullable=True),
        sa.Column("race", sa.String(length=255), nullable=True),
        sa.Column("gender", sa.String(length=255), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "grade IN ('1', '10', '11', '12', '13', '2', '3', '4', '5', '6', '7', '8', '9', 'InfantToddler', 'Kindergarten', 'Other', 'PostGraduate', 'PreKindergarten', 'Preschool', 'TransitionalKindergarten', 'Ungraded')",
            name=op.f("ck_students_grade"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_students_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("clever_id", name=op.f("pk_students")),
        sa.UniqueConstraint("account_id", name=op.f("uq_students_account_id")),
    )
    op.create_table(
        "teachers",
        sa.Column("clever_id", sa.String(length=64), nullable=False),
        sa.Column("district_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("school_ids", JSON_DOCUMENT, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("rostering_started", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_teachers_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("clever_id", name=op.f("pk_teachers")),
        sa.UniqueConstraint("account_id", name=op.f("uq_teachers_account_id")),
    )
    op.create_index(op.f("ix_teachers_district_id"), "teachers", ["district_id"], unique=False)
    op.create_table(
        "enrollments",
        sa.Column("section_id", sa.String(length=64), nullable=False),
        sa.Column("student_id", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dropped_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["section_id"], ["classes.section_id"], name=op.f("fk_enrollments_section_id_classes")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.clever_id"], name=op.f("fk_enrollments_student_id_students")
        ),
        sa.PrimaryKeyConstraint("section_id", "student_id", name=op.f("pk_enrollments")),
    )
    op.create_index(op.f("ix_enrollments_student_id"), "enrollments", ["student_id"], unique=False)
    op.create_table(
        "roster_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.String(length=64), nullable=False),
        sa.Column("student_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("sync_run_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "action IN ('added', 'dropped', 'restored')", name=op.f("ck_roster_history_action")
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["classes.section_id"],
            name=op.f("fk_roster_history_section_id_classes"),
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.clever_id"],
            name=op.f("fk_roster_history_student_id_students"),
        ),
        sa.ForeignKeyConstraint(
            ["sync_run_id"], ["sync_runs.id"], name=op.f("fk_roster_history_sync_run_id_sync_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_history")),
    )
    op.create_index(
        op.f("ix_roster_history_section_id"), "roster_history", ["section_id"], unique=False
    )
    op.bulk_insert(roster_version, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("roster_history")
    op.drop_table("enrollments")
    op.drop_table("teachers")
    op.drop_table("students")
    op.drop_table("demographics_audit")
    op.drop_table("class_teachers")
    op.drop_table("sync_runs")
    op.drop_table("sync_locks")
    op.drop_table("roster_version")
    op.drop_table("premium_licenses")
    op.drop_table("oauth_states")
    op.drop_table("oauth_codes")
    op.drop_table("clever_tokens")
    op.drop_table("classes")
    op.drop_table("accounts")
