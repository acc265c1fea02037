"""Ports: what the use cases need from the outside world, as typing.Protocols, by concern.

``application.ports`` names them all; each lives in the module of its concern: ``clever``,
``storage``, ``runtime``, ``reading``, ``read_models``, ``auditing`` (the demographics audit
log) and ``student_data`` (retention and the records export)."""

from __future__ import annotations

from application.ports.auditing import DemographicsAuditLog
from application.ports.clever import (
    CleverDirectory,
    CleverEvents,
    CleverIdentity,
    CleverLogin,
    CleverTokens,
    CleverTokenStore,
    DistrictPart,
    OAuthStateStore,
    PulledDistrict,
    SignInCapabilities,
)
from application.ports.read_models import (
    ClassDecisionsView,
    ClassTeacherView,
    ClassView,
    DemographicsView,
    EnrolledStudentView,
    RosterEventView,
    RosterExceptionView,
    StudentView,
    TaughtClassView,
    TeacherRosterView,
    VersionedViewer,
    live_students,
)
from application.ports.reading import (
    RosterReader,
)
from application.ports.runtime import (
    Clock,
    PasswordHasher,
    SessionRevoker,
    SyncLock,
    SyncQueue,
)
from application.ports.storage import (
    AccountRepository,
    LicenseRepository,
    RosterRepository,
    SyncCursorStore,
    SyncRunRepository,
    UnitOfWork,
    UnitOfWorkFactory,
)
from application.ports.student_data import (
    RetentionRepository,
    StudentRecord,
    StudentRecordRepository,
)

__all__ = [
    "AccountRepository",
    "ClassDecisionsView",
    "ClassTeacherView",
    "ClassView",
    "CleverDirectory",
    "CleverEvents",
    "CleverIdentity",
    "CleverLogin",
    "CleverTokenStore",
    "CleverTokens",
    "Clock",
    "DemographicsAuditLog",
    "DemographicsView",
    "DistrictPart",
    "EnrolledStudentView",
    "LicenseRepository",
    "OAuthStateStore",
    "PasswordHasher",
    "PulledDistrict",
    "RetentionRepository",
    "RosterEventView",
    "RosterExceptionView",
    "RosterReader",
    "RosterRepository",
    "SessionRevoker",
    "SignInCapabilities",
    "StudentRecord",
    "StudentRecordRepository",
    "StudentView",
    "SyncCursorStore",
    "SyncLock",
    "SyncQueue",
    "SyncRunRepository",
    "TaughtClassView",
    "TeacherRosterView",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "VersionedViewer",
    "live_students",
]
