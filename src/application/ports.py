"""Ports: what the use cases need from the outside world, as typing.Protocols."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import NamedTuple, Protocol, Self

from application.clever_events import DistrictChanges, SyncCursor
from domain.accounts import Account, Role
from domain.changeset import ChangeSet
from domain.licensing import PremiumLicense
from domain.roster import Class, RosterState, Student, Teacher
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot
from domain.sync_run import SyncRun, SyncTrigger


class CleverDirectory(Protocol):
    """The roster source: Clever's Data API read with district-app tokens."""

    def find_person(self, clever_id: str) -> CleverPerson | None:
        """A teacher or student by Clever id, in any connected district; None if unknown."""
        ...

    def teacher_roster(
        self, district_id: str, teacher_id: str, known_section_ids: Collection[str]
    ) -> RosterSnapshot:
        """The teacher's sections with their teachers and students. Known sections the teacher
        is no longer listed on come back too; those Clever no longer has are in gone_section_ids."""
        ...

    def district_roster(self, district_id: str) -> RosterSnapshot:
        """Every section, teacher and student of a district, pulled in bulk."""
        ...

    def school_district(self, school_id: str) -> str | None:
        """The district of a school, by the school's Clever id; None if no district shares it."""
        ...

    def connected_district_ids(self) -> list[str]:
        """Districts that have shared data with the app (one district-app token each)."""
        ...


class CleverEvents(Protocol):
    """Clever's Events API for one district, and the current records its events point at."""

    def newest_event_id(self, district_id: str) -> str | None:
        """The district's newest event id; None when Clever lists no events for it."""
        ...

    def changes_after(self, district_id: str, cursor: str | None) -> DistrictChanges:
        """Every event after the cursor (all of them for None), folded. Raises CleverNotFound
        or CleverBadRequest when Clever no longer knows the cursor."""
        ...

    def current_sections(self, district_id: str, section_ids: Collection[str]) -> RosterSnapshot:
        """These sections as Clever has them now; those it no longer has are gone_section_ids."""
        ...

    def current_people(
        self, district_id: str, person_ids: Collection[str], sections: Collection[CleverSection]
    ) -> RosterSnapshot:
        """These teachers and students as Clever has them now (unknown ones are left out);
        ``sections`` name where they are listed, so a section's users can be read at once."""
        ...


class SyncCursorStore(Protocol):
    """Per district: the last Clever event applied and when the last full reconcile ran."""

    def get(self, district_id: str) -> SyncCursor | None: ...
    def save(self, cursor: SyncCursor) -> None: ...
    def forget(self, district_id: str) -> None: ...


@dataclass(frozen=True, slots=True)
class CleverLogin:
    """Who signed in with Clever, as Clever says (never matched by email)."""

    clever_id: str
    district_id: str
    role: str
    name: str
    email: str | None = None
    school_ids: tuple[str, ...] = ()


class CleverIdentity(Protocol):
    """Clever's OAuth side: who an access token belongs to."""

    def identify(self, access_token: str) -> CleverLogin: ...


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
    ) -> RosterState:
        """Stored state for these sections, the classes of these teachers, and these people,
        with every membership and enrollment of the classes included (and their people).
        Given ``rosters_of``, only the classes among those sections come with their
        enrollments and students; the others have no entry in ``enrollments``. With
        ``records`` False no teacher or student record is read: ids only."""
        ...

    def forget_district(self, district_id: str) -> int:
        """Delete every person, account, class, roster and run of a district; returns rows removed."""
        ...

    def apply(self, changes: ChangeSet, sync_run_id: int, at: datetime) -> None:
        """Write a change set in bulk, recording roster history against the sync run."""
        ...

    def apply_many(self, changes: Sequence[tuple[ChangeSet, int]], at: datetime) -> None:
        """Write several runs' change sets, in order, as ``apply`` one after another would."""
        ...


class LicenseRepository(Protocol):
    def add(self, license: PremiumLicense) -> None: ...
    def covering(
        self, teacher_id: str, district_id: str, school_ids: Collection[str]
    ) -> list[PremiumLicense]: ...


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

    accounts: AccountRepository
    rosters: RosterRepository
    licenses: LicenseRepository
    sync_runs: SyncRunRepository

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class SyncLock(Protocol):
    """At most one sync per key (a teacher or a district) at a time, across processes."""

    def hold(self, key: str) -> AbstractContextManager[bool]:
        """Enter yields True when this caller holds the lock, False when someone else does."""
        ...

    def hold_many(self, keys: Collection[str]) -> AbstractContextManager[frozenset[str]]:
        """Like ``hold`` for many keys at once (the district job's batches of teachers): enter
        yields the keys this caller now holds; the others are held by someone else."""
        ...


class SyncQueue(Protocol):
    def enqueue_teacher_sync(self, teacher_id: str, trigger: SyncTrigger, run_id: int) -> None: ...
    def enqueue_district_sync(self, district_id: str) -> None: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password_hash: str, password: str) -> bool: ...


class OAuthStateStore(Protocol):
    """Short-lived, single-use OAuth state kept server-side, and codes already exchanged."""

    def put(
        self,
        state: str,
        data: dict[str, str],
        ttl_seconds: int,
        *,
        browser: str,
        client: str,
        client_limit: int,
    ) -> None:
        """Keep the state for this browser. A client (an address) keeps at most
        ``client_limit`` unexpired states: its oldest beyond that are dropped."""
        ...

    def take(self, state: str, browser: str) -> dict[str, str] | None:
        """The data stored under this state for this browser, once; None if unknown, used,
        expired or another browser's (whose state is then left as it was)."""
        ...

    def first_use_of_code(self, code_digest: str, ttl_seconds: int) -> bool:
        """True the first time a (hashed) authorization code is seen, False on a replay."""
        ...


class CleverTokenStore(Protocol):
    """District-app tokens (the only Clever tokens the service uses), encrypted at rest by the
    adapter. People's own Clever tokens are never kept: nothing reads them."""

    def save_district_token(self, district_id: str, token: str) -> None:
        """Keep this token for the district; writes nothing when it is the one already kept."""
        ...

    def district_tokens(self) -> dict[str, str]: ...


class Clock(Protocol):
    def now(self) -> datetime: ...
    def today(self) -> date: ...


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
    def sync_runs_for_teacher(self, teacher_id: str, first: int) -> list[SyncRun]: ...
    def sync_run(self, run_id: int) -> SyncRun | None: ...
    def record_demographics_access(
        self, viewer_account_id: int, student_ids: Collection[str], at: datetime
    ) -> None: ...
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

    def teacher_roster(
        self,
        teacher_id: str,
        include_archived: bool,
        audit: DemographicsAccess | None,
    ) -> TeacherRosterView:
        """The teacher's classes with their teachers and their active students, read
        together. With ``audit``, the demographics of the students of the
        live (not archived) classes are recorded as read, with the reads: nothing is returned
        unless that record is written."""
        ...

    def roster_version_and_viewer(self, account_id: int) -> VersionedViewer | None:
        """The roster version and the account as a roster query sees it, read in one statement
        (one snapshot); None when the account is gone. Equal versions mean equal rosters."""
        ...

    def change_marker(self) -> int | None:
        """Cheap enough to call on the event loop: a value that differs once anything has been
        committed since it was read, by any process; None when the storage cannot tell cheaply.
        An unchanged marker means an earlier ``roster_version_and_viewer`` answer still holds."""
        ...


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
class TaughtClassView:
    klass: ClassView
    teachers: list[ClassTeacherView]


class EnrolledStudentView(NamedTuple):
    student: StudentView
    demographics: DemographicsView


@dataclass(frozen=True, slots=True)
class DemographicsAccess:
    viewer_account_id: int
    at: datetime


@dataclass(frozen=True, slots=True)
class TeacherRosterView:
    classes: list[TaughtClassView]
    students: dict[str, list[EnrolledStudentView]]  # by class id
    audited: list[str]  # the students whose demographics were recorded as read


def live_students(
    classes: Sequence[TaughtClassView], students: dict[str, list[EnrolledStudentView]]
) -> list[str]:
    """Whose demographics a teacher sees in these classes: students of the live ones only (an
    archived class keeps its roster, not the view of their demographics)."""
    return sorted(
        {e.student.id for c in classes if not c.klass.archived for e in students[c.klass.id]}
    )


@dataclass(frozen=True, slots=True)
class ViewerView:
    """``teacher_id``/``student_id`` are set only once the account has claimed that record."""

    account_id: int
    role: Role
    name: str
    clever_id: str | None
    teacher_id: str | None
    student_id: str | None


@dataclass(frozen=True, slots=True)
class VersionedViewer:
    roster_version: int
    viewer: ViewerView
