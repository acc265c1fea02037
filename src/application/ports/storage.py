"""Storage ports: repositories inside one unit of work (one transaction), and the sync cursors."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Protocol, Self

from application.clever_events import SyncCursor
from application.ports.student_data import RetentionRepository, StudentRecordRepository
from domain.accounts import Account
from domain.changeset import ChangeSet
from domain.decisions import ModeDecision, StudentException
from domain.licensing import PremiumLicense
from domain.rollover import TermRules
from domain.roster import Class, RosterState, Student, Teacher
from domain.sync_run import SyncRun


class SyncCursorStore(Protocol):
    """Per district: the last Clever event applied and when the last full reconcile ran."""

    def get(self, district_id: str) -> SyncCursor | None: ...
    def save(self, cursor: SyncCursor) -> None: ...
    def forget(self, district_id: str) -> None: ...


class AccountRepository(Protocol):
    def add(self, account: Account) -> Account: ...
    def update(self, account: Account) -> None: ...
    def get(self, account_id: int) -> Account | None: ...
    def by_email(self, email: str) -> Account | None: ...
    def by_clever_id(self, clever_id: str) -> Account | None: ...


class RosterRepository(Protocol):
    def get_teacher(self, clever_id: str) -> Teacher | None: ...
    def get_student(self, clever_id: str) -> Student | None: ...
    def get_class(self, section_id: str) -> Class | None: ...
    def save_teacher(self, teacher: Teacher) -> None: ...
    def save_student(self, student: Student) -> None: ...
    def save_class(self, klass: Class) -> None: ...
    def section_ids_of_teacher(self, teacher_id: str) -> set[str]: ...
    def rostering_teachers(self, district_id: str) -> list[Teacher]: ...

    def sections_of_people(self, person_ids: Collection[str]) -> dict[str, set[str]]:
        """Each of these people -> the stored classes, not archived, they teach or actively
        attend; people in none are left out. Ids only."""
        ...

    def term_candidates(
        self, district_id: str, rules: TermRules
    ) -> list[tuple[Class, frozenset[str]]]:
        """The district's live classes the term rules may touch, with their teachers' ids: at
        least every class for which ``rules.due`` holds (a stored term that differs from
        ``rules.terms``, or one over by ``rules.cutoff`` and not kept), read without reading
        the district's other classes."""
        ...

    def stored_people(self, person_ids: Collection[str]) -> set[str]:
        """Those of these ids stored as a teacher or a student."""
        ...

    def load_state(
        self,
        section_ids: Collection[str],
        teacher_ids: Collection[str],
        student_ids: Collection[str],
        rosters_of: Collection[str] | None = None,
        records: bool = True,
        decisions: bool = True,
        reached: Collection[str] | None = None,
    ) -> RosterState:
        """Stored state for these sections, the classes of these teachers, and these people,
        with every teacher and enrollment of the classes included (and their people); the
        enrollments without their times.
        Given ``rosters_of``, only the classes among those sections come with their
        enrollments and students; the others have no entry in ``enrollments``. With
        ``records`` False no teacher or student record is read: ids only. The teachers'
        decisions about the loaded classes come too, unless ``decisions`` is False.
        Given ``reached``, the teachers' classes come whole only if among it (or named); their
        other live classes come as ids (``RosterState.live_by_id``)."""
        ...

    def save_sync_mode(self, section_id: str, decision: ModeDecision | None) -> None:
        """A class's sync mode; None sets it back to following Clever."""
        ...

    def save_exception(self, exception: StudentException) -> None:
        """A teacher's exception for a student in a class, replacing any earlier one."""
        ...

    def delete_exception(self, section_id: str, student_id: str) -> None: ...

    def set_enrolled(self, section_id: str, student_id: str, active: bool, at: datetime) -> None:
        """A teacher's own change to a stored enrollment (made active again, or dropped at
        ``at``), recorded in the roster history (no run)."""
        ...

    def forget_district(self, district_id: str) -> int:
        """Delete every person, account, class, roster and run of a district; returns rows removed."""
        ...

    def apply(self, changes: ChangeSet, sync_run_id: int, at: datetime) -> None:
        """Write a change set in bulk, recording roster history against the sync run: what
        ``domain.landing.advance`` says storage holds afterwards."""
        ...

    def apply_many(self, changes: Sequence[tuple[ChangeSet, int]], at: datetime) -> None:
        """Write several runs' change sets, in order, as ``apply`` one after another would."""
        ...


class LicenseRepository(Protocol):
    def add(self, license: PremiumLicense) -> None: ...
    def covering(
        self, teacher_id: str | None, district_id: str, school_ids: Collection[str]
    ) -> list[PremiumLicense]:
        """Licences of this teacher (None: no teacher's own), district or schools."""
        ...


class SyncRunRepository(Protocol):
    def add(self, run: SyncRun) -> SyncRun: ...
    def update(self, run: SyncRun) -> None: ...
    def add_many(self, runs: Sequence[SyncRun]) -> list[SyncRun | None]:
        """Add these runs (one per teacher) at once; None for a teacher who already has an
        unfinished run, for whom nothing was added."""
        ...

    def update_many(self, runs: Sequence[SyncRun]) -> None: ...
    def get(self, run_id: int) -> SyncRun | None: ...
    def active_for_teacher(self, teacher_id: str) -> SyncRun | None:
        """The queued or running run of this teacher, if any."""
        ...

    def latest_for_teacher(self, teacher_id: str, limit: int) -> list[SyncRun]: ...


class UnitOfWork(Protocol):
    """One transaction: repositories plus commit; rolled back unless committed."""

    # Read-only to the use cases, so an adapter's own repository types satisfy them.
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def rosters(self) -> RosterRepository: ...
    @property
    def licenses(self) -> LicenseRepository: ...
    @property
    def sync_runs(self) -> SyncRunRepository: ...
    @property
    def retention(self) -> RetentionRepository: ...
    @property
    def student_records(self) -> StudentRecordRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *_: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...
