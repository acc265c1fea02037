"""The difference between today's state and Clever's snapshot: what a sync would write."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from domain.co_teacher import CoTeacher
from domain.decisions import SkippedChange, StudentException
from domain.enrollment import Enrollment
from domain.problems import Problem
from domain.roster import Class, Student, Teacher


@dataclass(frozen=True, slots=True)
class SyncCounts:
    classes_created: int = 0
    classes_updated: int = 0
    classes_archived: int = 0
    classes_restored: int = 0
    classes_archived_term_ended: int = 0
    students_enrolled: int = 0
    students_dropped: int = 0
    students_restored: int = 0
    co_teachers_added: int = 0
    co_teachers_removed: int = 0
    changes_skipped_by_decisions: int = 0

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __add__(self, other: SyncCounts) -> SyncCounts:
        return SyncCounts(**{k: v + other.as_dict()[k] for k, v in self.as_dict().items()})

    def __sub__(self, other: SyncCounts) -> SyncCounts:
        return SyncCounts(**{k: v - other.as_dict()[k] for k, v in self.as_dict().items()})


_WRITTEN = (
    "teachers",
    "students",
    "classes_created",
    "classes_updated",
    "classes_archived",
    "classes_term_ended",
    "classes_restored",
    "memberships_added",
    "memberships_removed",
    "enrolled",
    "dropped",
    "restored",
    "waiting",
    "exceptions_ended",
    "exceptions_seen",
)


@dataclass(frozen=True, slots=True)
class ChangeSet:
    teachers: tuple[Teacher, ...] = ()
    students: tuple[Student, ...] = ()
    classes_created: tuple[Class, ...] = ()
    classes_updated: tuple[Class, ...] = ()
    classes_archived: tuple[str, ...] = ()
    classes_restored: tuple[str, ...] = ()
    classes_term_ended: tuple[str, ...] = ()
    # Teachers who join a class (in their role under its new owner) or leave it (in the role
    # they had).
    memberships_added: tuple[CoTeacher, ...] = ()
    memberships_removed: tuple[CoTeacher, ...] = ()
    # Enrollments as the sync leaves them (active, or dropped); landing gives them its time.
    enrolled: tuple[Enrollment, ...] = ()
    dropped: tuple[Enrollment, ...] = ()
    restored: tuple[Enrollment, ...] = ()
    problems: tuple[Problem, ...] = ()
    holds: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    # A teacher's decisions (rule 13): what they kept from landing, what a paused class now
    # has waiting (section id, notes), and keep-ins whose date has passed.
    skipped: tuple[SkippedChange, ...] = ()
    waiting: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exceptions_ended: tuple[StudentException, ...] = ()
    # Exceptions whose student's listing in Clever changed, with ``clever_lists`` as it is now.
    exceptions_seen: tuple[StudentException, ...] = ()

    @property
    def co_teachers_added(self) -> int:
        return sum(m.co_teaching for m in self.memberships_added)

    @property
    def co_teachers_removed(self) -> int:
        return sum(m.co_teaching for m in self.memberships_removed)

    @property
    def held(self) -> bool:
        return bool(self.holds)

    @property
    def row_count(self) -> int:
        """How many records applying this change set writes."""
        return sum(len(getattr(self, name)) for name in _WRITTEN)

    @property
    def writes_nothing(self) -> bool:
        return self.row_count == 0

    @property
    def counts(self) -> SyncCounts:
        return SyncCounts(
            classes_created=len(self.classes_created),
            classes_updated=len(self.classes_updated),
            classes_archived=len(self.classes_archived) + len(self.classes_term_ended),
            classes_restored=len(self.classes_restored),
            classes_archived_term_ended=len(self.classes_term_ended),
            students_enrolled=len(self.enrolled),
            students_dropped=len(self.dropped),
            students_restored=len(self.restored),
            co_teachers_added=self.co_teachers_added,
            co_teachers_removed=self.co_teachers_removed,
            changes_skipped_by_decisions=len(self.skipped),
        )

    def additions(self) -> ChangeSet:
        """What lands even while the sync is held (rule 10): everything but the removals
        that count toward the hold (archives of sections gone mid-term, lost classes, drops),
        and the updates of classes losing a teacher (an owner change waits with its removal)."""
        losing = self._losing_teachers()
        return replace(
            self,
            classes_updated=tuple(c for c in self.classes_updated if c.section_id not in losing),
            classes_archived=(),
            memberships_removed=(),
            dropped=(),
            holds=(),
        )

    def removals(self) -> ChangeSet:
        """What waits for the teacher's approval while the sync is held."""
        losing = self._losing_teachers()
        return ChangeSet(
            classes_updated=tuple(c for c in self.classes_updated if c.section_id in losing),
            classes_archived=self.classes_archived,
            memberships_removed=self.memberships_removed,
            dropped=self.dropped,
            holds=self.holds,
        )

    def _losing_teachers(self) -> set[str]:
        return {m.section_id for m in self.memberships_removed}
