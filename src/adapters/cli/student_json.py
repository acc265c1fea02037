"""The JSON of a student records export: every stored fact, one document per student."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from application.ports.student_data import AccountRecord, StudentRecord
from application.retention import RetentionResult


def _when(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def student_json(record: StudentRecord) -> dict[str, Any]:
    s = record.student
    return {
        "student": {
            "clever_id": s.clever_id,
            "district_id": s.district_id,
            "name": s.name,
            "email": s.email,
            "grade_level": s.grade.enum_name if s.grade else None,
            "joined": s.joined,
            "account": _account(record.account),
        },
        "demographics": s.demographics.as_dict(),
        "enrollments": [
            {
                "clever_section_id": e.section_id,
                "class_name": e.class_name,
                "status": "active" if e.active else "dropped",
                "enrolled_at": _when(e.enrolled_at),
                "dropped_at": _when(e.dropped_at),
                "class_archived": e.class_archived,
                "class_archived_at": _when(e.class_archived_at),
            }
            for e in record.enrollments
        ],
        "roster_history": [
            {
                "clever_section_id": h.section_id,
                "action": h.action,
                "at": _when(h.at),
                "sync_run_id": h.sync_run_id,
            }
            for h in record.roster_history
        ],
        "sync_problems": [
            {
                "sync_run_id": p.sync_run_id,
                "teacher_clever_id": p.teacher_id,
                "at": _when(p.started_at),
                "record_type": p.record_type,
                "clever_id": s.clever_id,
                "field": p.field,
                "message": p.message,
            }
            for p in record.sync_problems
        ],
        "demographics_views": [
            {
                "viewer_account_id": v.viewer_account_id,
                "viewer_clever_id": v.viewer_clever_id,
                "viewer_name": v.viewer_name,
                "viewer_role": v.viewer_role,
                "at": _when(v.at),
            }
            for v in record.demographics_views
        ],
    }


def _account(account: AccountRecord | None) -> dict[str, Any] | None:
    if account is None:
        return None
    return {
        "id": account.id,
        "role": account.role,
        "name": account.name,
        "email": account.email,
        "has_password": account.has_password,
        "created_at": _when(account.created_at),
    }


def retention_json(result: RetentionResult) -> dict[str, Any]:
    return {
        "dry_run": result.dry_run,
        "departed_students": result.departed_students,
        "audit_entries": result.audit_entries,
        "sync_runs": result.sync_runs,
        "cutoffs": {
            "departed": result.departed_by.isoformat(),
            "audit_entries": result.audit_before.isoformat(),
            "sync_runs": result.sync_runs_before.isoformat(),
        },
    }


def retention_lines(result: RetentionResult) -> list[str]:
    verb = "would remove" if result.dry_run else "removed"
    day = "%Y-%m-%d %H:%M UTC"
    return [
        f"retention{' (dry run)' if result.dry_run else ''}: {verb}",
        f"  {result.departed_students} departed students' grade and demographics "
        f"(in no live class since {result.departed_by.strftime(day)})",
        f"  {result.audit_entries} demographics audit entries "
        f"(written by {result.audit_before.strftime(day)})",
        f"  {result.sync_runs} sync runs with their problems "
        f"(started by {result.sync_runs_before.strftime(day)}; each teacher's latest run kept)",
    ]
