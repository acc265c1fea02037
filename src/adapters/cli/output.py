"""The JSON the CLI prints: a stable, documented format."""

from __future__ import annotations

from typing import Any

from application.ports import ClassDecisionsView, RosterReader
from application.sync_district import DistrictSyncResult
from domain.changeset import SyncCounts
from domain.roster import Teacher
from domain.sync_run import SyncRun, SyncStatus
from domain.term import Term


def run_json(run: SyncRun) -> dict[str, Any]:
    return {
        "status": run.status.value,
        "counts": run.counts.as_dict(),
        "problems": [
            {
                "record_type": p.record_type,
                "clever_id": p.clever_id,
                "field": p.field,
                "message": p.message,
            }
            for p in run.problems
        ],
    }


def district_json(result: DistrictSyncResult) -> dict[str, Any]:
    statuses = {run.status for run in result.runs}
    if result.error or SyncStatus.FAILED in statuses:
        status = SyncStatus.FAILED.value
    elif SyncStatus.HELD in statuses:
        status = SyncStatus.HELD.value
    elif SyncStatus.PARTIAL in statuses:
        status = SyncStatus.PARTIAL.value
    else:
        status = SyncStatus.SUCCEEDED.value
    counts = sum((run.counts for run in result.runs), SyncCounts())
    problems = [p for run in result.runs for p in run_json(run)["problems"]]
    return {
        "status": status,
        "counts": counts.as_dict(),
        "problems": problems,
        "district_id": result.district_id,
        "teachers": [{"clever_id": run.teacher_id, **run_json(run)} for run in result.runs],
        "skipped": [{"clever_id": t, "reason": reason} for t, reason in result.skipped],
        "error": result.error,
    }


def roster_json(reader: RosterReader, teacher: Teacher) -> dict[str, Any]:
    classes = reader.classes_for_teachers([teacher.clever_id], include_archived=True)[
        teacher.clever_id
    ]
    ids = [c.id for c in classes]
    teachers = reader.teachers_for_classes(ids)
    students = reader.students_for_classes(ids)
    everyone = sorted({s.id for views in students.values() for s in views})
    demographics = reader.demographics_for_students(everyone)
    decisions = reader.decisions_for_classes(ids)
    return {
        "teacher": {"clever_id": teacher.clever_id, "name": teacher.name},
        "classes": [
            {
                "clever_section_id": c.id,
                "name": c.name,
                "grade_level": c.grade_level,
                "archived": c.archived,
                "owner_clever_id": c.owner_id,
                "co_teacher_clever_ids": sorted(
                    t.teacher_id for t in teachers.get(c.id, []) if t.teacher_id != c.owner_id
                ),
                "term": _term(c.term),
                "students": [
                    {
                        "clever_id": s.id,
                        "name": s.name,
                        "grade_level": s.grade_level,
                        "demographics": _demographics(demographics.get(s.id)),
                    }
                    for s in students.get(c.id, [])
                ],
                **_decisions(decisions.get(c.id)),
            }
            for c in classes
        ],
    }


def _term(term: Term | None) -> dict[str, Any] | None:
    """The class's Clever term (dates as YYYY-MM-DD); null when Clever gives none."""
    if term is None:
        return None
    return {
        "name": term.name,
        "start_date": term.start_date.isoformat() if term.start_date else None,
        "end_date": term.end_date.isoformat() if term.end_date else None,
    }


def _decisions(view: ClassDecisionsView | None) -> dict[str, Any]:
    """A class's sync mode and the students its teachers kept out or in (DESIGN §6)."""
    if view is None:
        return {"sync_mode": "FOLLOW_CLEVER", "exceptions": []}
    return {
        "sync_mode": view.sync_mode,
        "exceptions": [
            {
                "student_clever_id": e.student_id,
                "kind": e.kind,
                "until": e.until.isoformat() if e.until else None,
                "made_by_clever_id": e.made_by_id,
            }
            for e in view.exceptions
        ],
    }


def _demographics(view: Any) -> dict[str, Any]:
    fields = ("ell_status", "hispanic_ethnicity", "iep_status", "frl_status", "race", "gender")
    return {name: getattr(view, name) if view is not None else None for name in fields}
