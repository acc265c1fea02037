"""The reading port: read models for the GraphQL API and the CLI, in batches for DataLoaders.
It only reads: what a read reveals is written down by the demographics audit log (auditing)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from application.ports.read_models import (
    ClassDecisionsView,
    ClassTeacherView,
    ClassView,
    DemographicsView,
    EnrolledStudentView,
    RosterEventView,
    StudentView,
    TaughtClassView,
    TeacherRosterView,
    VersionedViewer,
)
from domain.sync_run import SyncRun


class RosterReader(Protocol):
    """Read models for the GraphQL API and the CLI; batch methods feed DataLoaders."""

    def classes_for_teachers(
        self, teacher_ids: Collection[str], include_archived: bool
    ) -> dict[str, list[ClassView]]: ...
    def classes_for_students(self, student_ids: Collection[str]) -> dict[str, list[ClassView]]: ...
    def classes_by_id(self, section_ids: Collection[str]) -> dict[str, ClassView]: ...
    def teachers_for_classes(
        self, section_ids: Collection[str]
    ) -> dict[str, list[ClassTeacherView]]: ...
    def students_for_classes(
        self, section_ids: Collection[str]
    ) -> dict[str, list[StudentView]]: ...
    def demographics_for_students(
        self, student_ids: Collection[str]
    ) -> dict[str, DemographicsView]: ...
    def history_for_classes(
        self, section_ids: Collection[str]
    ) -> dict[str, list[RosterEventView]]: ...
    def decisions_for_classes(self, section_ids: Collection[str]) -> dict[str, ClassDecisionsView]:
        """Each class's sync mode and its students' exceptions, with who made them, in one
        query; a class without decisions follows Clever and has none."""
        ...

    def sync_runs_for_teacher(self, teacher_id: str, first: int) -> list[SyncRun]: ...
    def sync_run(self, run_id: int) -> SyncRun | None: ...
    def taught_classes_for_teachers(
        self, teacher_ids: Collection[str], include_archived: bool
    ) -> dict[str, list[TaughtClassView]]:
        """Each teacher's classes together with all of their teachers, in one query."""
        ...

    def enrolled_students_for_classes(
        self, section_ids: Collection[str]
    ) -> dict[str, list[EnrolledStudentView]]:
        """Active students with their grade and demographics, in one query. Nothing is audited
        here: the caller records the demographics it reveals."""
        ...

    def teacher_roster(self, teacher_id: str, include_archived: bool) -> TeacherRosterView:
        """The teacher's classes with their teachers and their active students (with their
        grades and demographics), read together: one snapshot."""
        ...

    def roster_version_and_viewer(self, account_id: int) -> VersionedViewer | None:
        """The roster version and the account as a roster query sees it, read in one statement
        (one snapshot); None when the account is gone. Equal versions mean equal rosters."""
        ...
