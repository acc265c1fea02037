"""GraphQL enums (public names from DESIGN §6). The domain's own enums are registered here
under their GraphQL names: GraphQL shows a member's name, the code passes the member itself."""

from __future__ import annotations

from enum import Enum

import strawberry

from application.explanations import ExplanationKind as ExplanationKind
from domain.accounts import Role as Role
from domain.co_teacher import TeacherRole as TeacherRole
from domain.decisions import ExceptionKind as ExceptionKind
from domain.decisions import SyncMode as SyncMode
from domain.sync_run import SyncStatus as SyncStatus
from domain.sync_run import SyncTrigger as SyncTrigger
from domain.term import ArchiveReason as ArchiveReason

strawberry.enum(Role, name="Role")
strawberry.enum(
    TeacherRole, name="TeacherRole", description="OWNER is the section's primary teacher."
)
strawberry.enum(SyncStatus, name="SyncStatus")
strawberry.enum(SyncTrigger, name="SyncTrigger")
strawberry.enum(ArchiveReason, name="ArchivedReason", description="Why a class was archived.")
strawberry.enum(ExplanationKind, name="ExplanationKind")
strawberry.enum(
    SyncMode,
    name="ClassSyncMode",
    description="FOLLOW_CLEVER: the class follows Clever; ADD_ONLY: nobody is un-enrolled by "
    "a sync; PAUSED: the class is left as it is until resumed.",
)
strawberry.enum(
    ExceptionKind,
    name="RosterExceptionKind",
    description="KEEP_OUT: never enrolled by a sync or a Clever login; KEEP_IN: kept although "
    "Clever dropped them.",
)


@strawberry.enum(name="GradeLevel")
class GradeLevel(Enum):
    INFANT_TODDLER = "INFANT_TODDLER"
    PRESCHOOL = "PRESCHOOL"
    PRE_KINDERGARTEN = "PRE_KINDERGARTEN"
    TRANSITIONAL_KINDERGARTEN = "TRANSITIONAL_KINDERGARTEN"
    KINDERGARTEN = "KINDERGARTEN"
    GRADE_1 = "GRADE_1"
    GRADE_2 = "GRADE_2"
    GRADE_3 = "GRADE_3"
    GRADE_4 = "GRADE_4"
    GRADE_5 = "GRADE_5"
    GRADE_6 = "GRADE_6"
    GRADE_7 = "GRADE_7"
    GRADE_8 = "GRADE_8"
    GRADE_9 = "GRADE_9"
    GRADE_10 = "GRADE_10"
    GRADE_11 = "GRADE_11"
    GRADE_12 = "GRADE_12"
    GRADE_13 = "GRADE_13"
    POST_GRADUATE = "POST_GRADUATE"
    UNGRADED = "UNGRADED"
    OTHER = "OTHER"


@strawberry.enum(name="RosterAction")
class RosterAction(Enum):
    ADDED = "added"
    DROPPED = "dropped"
    RESTORED = "restored"


def grade_level(enum_name: str | None) -> GradeLevel | None:
    """Unknown (or unrecognised) grades are null."""
    if enum_name is None:
        return None
    return GradeLevel.__members__.get(enum_name)
