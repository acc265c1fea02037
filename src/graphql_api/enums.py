"""GraphQL enums (public names from DESIGN §6), mapped from the domain by member name."""

from __future__ import annotations

from enum import Enum

import strawberry


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


@strawberry.enum(name="Role")
class Role(Enum):
    TEACHER = "teacher"
    STUDENT = "student"


@strawberry.enum(name="TeacherRole", description="OWNER is the section's primary teacher.")
class TeacherRole(Enum):
    OWNER = "owner"
    CO_TEACHER = "co_teacher"


@strawberry.enum(name="SyncStatus")
class SyncStatus(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    PARTIAL = "partial"
    FAILED = "failed"
    HELD = "held"
    SKIPPED = "skipped"


@strawberry.enum(name="SyncTrigger")
class SyncTrigger(Enum):
    MANUAL = "manual"
    SCHEDULED = "scheduled"
    EVENTS = "events"
    APPROVAL = "approval"


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
