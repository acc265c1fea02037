"""What storage knows about one class, read for an explanation: runs, roster, history, holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from application.ports import ClassView, RosterEventView, RosterExceptionView, StudentView
from domain.problems import Problem
from domain.sync_run import SyncRun, SyncStatus

COMPLETED = (SyncStatus.SUCCEEDED, SyncStatus.PARTIAL, SyncStatus.HELD)


@dataclass(frozen=True, slots=True)
class HeldChange:
    action: str  # "add", "restore" or "remove"
    run: SyncRun


@dataclass(frozen=True, slots=True)
class RecordProblem:
    problem: Problem
    since: datetime


@dataclass
class ClassFacts:
    klass: ClassView
    runs: list[SyncRun]  # the recent runs of every teacher of the class, newest first
    active: dict[str, StudentView]
    history: dict[str, list[RosterEventView]]  # by student, oldest first
    exceptions: dict[str, RosterExceptionView] = field(default_factory=dict)
    sync_mode: str = "FOLLOW_CLEVER"  # or ADD_ONLY, PAUSED: a teacher's decision

    @property
    def finished(self) -> list[SyncRun]:
        """Runs that ran to an end (a skipped one did nothing)."""
        return [r for r in self.runs if r.status.finished and r.status is not SyncStatus.SKIPPED]

    def failing_since(self) -> tuple[SyncRun, SyncRun | None] | None:
        """When the latest run failed: the first failure of the streak, and the last run that
        worked (None when none in the window did)."""
        finished = self.finished
        if not finished or finished[0].status is not SyncStatus.FAILED:
            return None
        first_failure = finished[0]
        for run in finished[1:]:
            if run.status is not SyncStatus.FAILED:
                return first_failure, run
            first_failure = run
        return first_failure, None

    def held_runs(self) -> list[SyncRun]:
        """Each teacher's latest run, when it waits for approval (an older one is superseded)."""
        latest: dict[str, SyncRun] = {}
        for run in self.finished:
            latest.setdefault(run.teacher_id, run)
        return [r for r in latest.values() if r.status is SyncStatus.HELD and r.held_changes]

    def held_archive(self) -> SyncRun | None:
        sid = self.klass.id
        return next(
            (
                r
                for r in self.held_runs()
                if r.held_changes and sid in r.held_changes.classes_archived
            ),
            None,
        )

    def held_changes(self) -> dict[str, HeldChange]:
        """Student id -> the change a held run would make to them in this class."""
        found: dict[str, HeldChange] = {}
        for run in self.held_runs():
            changes = run.held_changes
            assert changes is not None
            for action, keys in (
                ("add", changes.enrolled),
                ("restore", changes.restored),
                ("remove", changes.dropped),
            ):
                for key in keys:
                    if key.section_id == self.klass.id:
                        found.setdefault(key.student_id, HeldChange(action, run))
        return found

    def held_names(self) -> dict[str, str]:
        return {
            s.clever_id: s.name
            for r in self.held_runs()
            if r.held_changes
            for s in r.held_changes.students
        }

    def record_problems(self, student_id: str) -> list[RecordProblem]:
        """The problems the latest completed sync found with this student's record, each with
        the start of the unbroken series of syncs that found it."""
        completed = [r for r in self.finished if r.status in COMPLETED]
        if not completed:
            return []
        found: list[RecordProblem] = []
        for problem in self._concerning(completed[0], student_id):
            since = completed[0].started_at
            for run in completed[1:]:
                if not any(p.field == problem.field for p in self._concerning(run, student_id)):
                    break
                since = run.started_at
            found.append(RecordProblem(problem, since))
        return found

    def unknown_listed(self) -> set[str]:
        """Students the latest completed sync found listed in this class without a record."""
        completed = [r for r in self.finished if r.status in COMPLETED]
        if not completed:
            return set()
        prefix = "lists unknown student "
        return {
            p.message.removeprefix(prefix)
            for p in completed[0].problems
            if p.record_type == "section"
            and p.clever_id == self.klass.id
            and p.message.startswith(prefix)
        }

    def _concerning(self, run: SyncRun, student_id: str) -> list[Problem]:
        own = {
            p.field: p
            for p in run.problems
            if p.clever_id == student_id and p.record_type in ("student", "user")
        }
        unknown = f"lists unknown student {student_id}"
        if not own and any(
            p.clever_id == self.klass.id and p.message == unknown for p in run.problems
        ):
            own["record"] = Problem("student", student_id, "record", "no usable record was sent")
        return list(own.values())

    def last_event(self, student_id: str) -> RosterEventView | None:
        events = self.history.get(student_id)
        return events[-1] if events else None
