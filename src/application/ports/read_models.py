"""Read models: what the RosterReader returns (plain records, no behaviour but `live_students`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from domain.term import ArchiveReason, Term
from domain.viewer import Viewer


@dataclass(frozen=True, slots=True)
class ClassView:
    id: str
    name: str
    subject: str | None
    period: str | None
    grade_level: str | None
    archived: bool
    owner_id: str | None
    last_synced_at: datetime | None
    student_count: int
    term: Term | None = None
    kept_after_term: bool = False
    archived_reason: ArchiveReason | None = None
    district_id: str | None = None
    archived_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ClassTeacherView:
    section_id: str
    teacher_id: str
    name: str
    role: str
    connected: bool


# A roster's students are read by the hundred on every roster query: these three are named
# tuples, several times cheaper to make than frozen dataclasses.
class StudentView(NamedTuple):
    id: str
    name: str
    grade_level: str | None
    joined: bool


class DemographicsView(NamedTuple):
    student_id: str
    ell_status: bool | None
    hispanic_ethnicity: bool | None
    iep_status: bool | None
    frl_status: str | None
    race: str | None
    gender: str | None


@dataclass(frozen=True, slots=True)
class RosterEventView:
    section_id: str
    student_id: str
    student_name: str
    action: str
    at: datetime
    sync_run_id: int | None


@dataclass(frozen=True, slots=True)
class RosterExceptionView:
    student_id: str
    student_name: str
    kind: str  # KEEP_OUT or KEEP_IN
    until: date | None
    made_by_id: str
    made_by_name: str
    made_at: datetime
    clever_lists: bool | None = None  # whether the last sync found them listed in the class


@dataclass(frozen=True, slots=True)
class ClassDecisionsView:
    section_id: str
    sync_mode: str = "FOLLOW_CLEVER"
    mode_by_id: str | None = None
    mode_by_name: str | None = None
    mode_at: datetime | None = None
    waiting: tuple[str, ...] = ()  # while paused: what the last sync would have changed
    exceptions: tuple[RosterExceptionView, ...] = ()


@dataclass(frozen=True, slots=True)
class TaughtClassView:
    klass: ClassView
    teachers: list[ClassTeacherView]


class EnrolledStudentView(NamedTuple):
    student: StudentView
    demographics: DemographicsView


@dataclass(frozen=True, slots=True)
class TeacherRosterView:
    classes: list[TaughtClassView]
    students: dict[str, list[EnrolledStudentView]]  # by class id


def live_students(
    classes: Sequence[TaughtClassView], students: dict[str, list[EnrolledStudentView]]
) -> list[str]:
    """Whose demographics a teacher sees in these classes: students of the live ones only (an
    archived class keeps its roster, not the view of their demographics)."""
    return sorted(
        {e.student.id for c in classes if not c.klass.archived for e in students[c.klass.id]}
    )


@dataclass(frozen=True, slots=True)
class VersionedViewer:
    """The viewer (see domain.viewer) and the roster version, read together (one snapshot)."""

    roster_version: int
    viewer: Viewer
