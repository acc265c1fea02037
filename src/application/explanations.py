"""Answers to "why isn't this student in my class?": a kind, a sentence, a student, a date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

CLEVER_UNREACHABLE = "Clever could not be reached just now."
CLEVER_NOT_ASKED = "Clever was not asked this time: ask about one class at a time."


class ExplanationKind(StrEnum):
    IN_CLASS = "in_class"
    NOT_JOINED_YET = "not_joined_yet"
    DROPPED_BY_CLEVER = "dropped_by_clever"
    RECORD_PROBLEM = "record_problem"
    WAITING_FOR_APPROVAL = "waiting_for_approval"
    KEPT_OUT = "kept_out"
    KEPT_IN = "kept_in"
    CLASS_ARCHIVED = "class_archived"
    LAST_SYNC_FAILED = "last_sync_failed"
    NO_MATCH = "no_match"
    NOT_SYNCED_YET = "not_synced_yet"


@dataclass(frozen=True, slots=True)
class Explanation:
    """One reason, in a sentence a teacher understands; never any demographics."""

    kind: ExplanationKind
    message: str
    student_id: str | None = None
    student_name: str | None = None
    since: datetime | None = None

    def noting(self, sentence: str) -> Explanation:
        return replace(self, message=f"{self.message} {sentence}")

    def capitalised(self) -> Explanation:
        return replace(self, message=self.message[:1].upper() + self.message[1:])


@dataclass(frozen=True, slots=True)
class ExplainStudentCommand:
    section_id: str
    search: str
    teacher_id: str  # who asks: only a teacher of the class gets an answer
    live_look: bool = True  # False: the stored answer only (Clever is not asked)


class InvalidSearch(ValueError):
    """A search no student could match: empty, too short or too long."""
