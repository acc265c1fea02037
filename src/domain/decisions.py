"""A teacher's decisions about a class (rule 13): its sync mode and per-student exceptions.

A decision outranks Clever for that class until it is undone; every one records who made it
and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class SyncMode(StrEnum):
    FOLLOW_CLEVER = "FOLLOW_CLEVER"  # today's behaviour: the class follows Clever
    ADD_ONLY = "ADD_ONLY"  # Clever's additions, renames and archives land; nobody is un-enrolled
    PAUSED = "PAUSED"  # the class stays as it is; what a sync would change waits


class ExceptionKind(StrEnum):
    KEEP_OUT = "KEEP_OUT"  # never enrolled by a sync or a Clever login
    KEEP_IN = "KEEP_IN"  # kept although Clever dropped them, optionally until a date


@dataclass(frozen=True, slots=True)
class ModeDecision:
    """A class's sync mode other than FOLLOW_CLEVER; ``waiting`` (while paused) says what the
    last sync would have changed."""

    section_id: str
    mode: SyncMode
    made_by: str
    made_at: datetime
    waiting: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StudentException:
    section_id: str
    student_id: str
    kind: ExceptionKind
    made_by: str
    made_at: datetime
    until: date | None = None
    clever_lists: bool | None = None  # whether Clever listed them in the class at the last sync

    def in_force(self, today: date | None) -> bool:
        """A keep-in holds through its date and ends the day after."""
        return self.until is None or today is None or today <= self.until


@dataclass(frozen=True, slots=True)
class SkippedChange:
    """A change Clever asked for that a decision kept from landing."""

    section_id: str
    # enrol, restore, drop, update, archive, end_term, restore_class, add_teacher, remove_teacher
    change: str
    decision: str  # a SyncMode or ExceptionKind value
    subject_id: str | None = None
    subject_name: str | None = None

    @property
    def message(self) -> str:
        """What the preview says, e.g. "Clever lists Ana; kept out by your decision"."""
        return f"{self._what()}; {_BECAUSE[self.decision]}"

    def _what(self) -> str:
        who = self.subject_name or self.subject_id or "someone"
        if self.change in ("enrol", "restore"):
            return f"Clever lists {who}"
        if self.change == "drop":
            return f"Clever no longer lists {who}"
        if self.change == "update":
            return (
                f"Clever renamed it “{who}”" if self.subject_name else "Clever changed its details"
            )
        if self.change == "archive":
            return "Clever no longer shares it"
        if self.change == "end_term":
            return "its term ended"
        if self.change == "restore_class":
            return "Clever shares it again"
        if self.change == "add_teacher":
            return f"Clever adds teacher {who}"
        return f"Clever removes teacher {who}"


_BECAUSE = {
    ExceptionKind.KEEP_OUT.value: "kept out by your decision",
    ExceptionKind.KEEP_IN.value: "kept in by your decision",
    SyncMode.ADD_ONLY.value: "kept because the class only adds students",
    SyncMode.PAUSED.value: "waiting while the class is paused",
}


def waiting_notes(skipped: list[SkippedChange]) -> tuple[str, ...]:
    """What a paused class has waiting, in words without students' names."""
    notes: list[str] = []
    renamed = [s.subject_name for s in skipped if s.change == "update" and s.subject_name]
    if renamed:
        notes.append(f"Clever renamed it “{renamed[-1]}”")
    elif any(s.change == "update" for s in skipped):
        notes.append("Clever changed its details")
    if any(s.change == "archive" for s in skipped):
        notes.append("Clever no longer shares it")
    if any(s.change == "end_term" for s in skipped):
        notes.append("its term ended")
    if any(s.change == "restore_class" for s in skipped):
        notes.append("Clever shares it again")
    for changes, verb in (
        (("enrol", "restore"), "to add"),
        (("drop",), "to drop"),
    ):
        count = sum(s.change in changes for s in skipped)
        if count:
            notes.append(f"{count} student{'s' if count != 1 else ''} {verb}")
    for change, verb in (("add_teacher", "to add"), ("remove_teacher", "to remove")):
        count = sum(s.change == change for s in skipped)
        if count:
            notes.append(f"{count} teacher{'s' if count != 1 else ''} {verb}")
    return tuple(notes)
