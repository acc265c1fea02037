"""Teachers' decisions applied to a computed ChangeSet, before the mass-change hold counts it.

One step after reconciliation: the ChangeSet Clever's snapshot gives loses what a class's sync
mode or a student's exception keeps from landing, and records each such change as skipped, so
the hold counts only what the sync will really do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from domain.changeset import ChangeSet
from domain.co_teacher import CoTeacher
from domain.decisions import (
    ExceptionKind,
    SkippedChange,
    StudentException,
    SyncMode,
    waiting_notes,
)
from domain.enrollment import Enrollment
from domain.roster import RosterState
from domain.snapshot import RosterSnapshot


def apply_decisions(
    state: RosterState, changes: ChangeSet, snapshot: RosterSnapshot, today: date | None
) -> ChangeSet:
    if not state.modes and not state.exceptions:
        return changes
    work = _Decisions(state, today)
    listed = {s.id for s in snapshot.sections} | set(snapshot.gone_section_ids)
    renamed = {
        k.section_id: k.clever_name
        for k in changes.classes_updated
        if k.section_id in state.classes
        and k.clever_name != state.classes[k.section_id].clever_name
    }
    kept = replace(
        changes,
        enrolled=work.keep(changes.enrolled, "enrol", work.enrolment_decision),
        restored=work.keep(changes.restored, "restore", work.enrolment_decision),
        dropped=work.keep(changes.dropped, "drop", work.drop_decision),
        classes_updated=tuple(
            k
            for k in changes.classes_updated
            if not work.paused_skip(k.section_id, "update", renamed.get(k.section_id))
        ),
        classes_archived=tuple(
            s for s in changes.classes_archived if not work.paused_skip(s, "archive")
        ),
        # A paused class is left as it is, by the term's end too (rule 13 over rule 15).
        classes_term_ended=tuple(
            s for s in changes.classes_term_ended if not work.paused_skip(s, "end_term")
        ),
        classes_restored=tuple(
            s for s in changes.classes_restored if not work.paused_skip(s, "restore_class")
        ),
        memberships_added=work.memberships(changes.memberships_added, "add_teacher"),
        memberships_removed=work.memberships(changes.memberships_removed, "remove_teacher"),
    )
    ended = set(changes.exceptions_ended) | work.ended | _lapsed_keep_ins(state, listed, today)
    return replace(
        kept,
        skipped=(*changes.skipped, *work.skipped),
        waiting=_waiting(state, work.skipped, listed) if snapshot.complete else changes.waiting,
        exceptions_seen=_seen(state, snapshot) if snapshot.complete else changes.exceptions_seen,
        exceptions_ended=tuple(sorted(ended, key=lambda e: (e.section_id, e.student_id))),
    )


class _Decisions:
    def __init__(self, state: RosterState, today: date | None) -> None:
        self.state = state
        self.today = today
        self.skipped: list[SkippedChange] = []
        self.ended: set[StudentException] = set()

    def mode(self, section_id: str) -> SyncMode:
        decision = self.state.modes.get(section_id)
        return decision.mode if decision else SyncMode.FOLLOW_CLEVER

    def keep(
        self,
        found: tuple[Enrollment, ...],
        change: str,
        decide: Callable[[Enrollment], str | None],
    ) -> tuple[Enrollment, ...]:
        kept: list[Enrollment] = []
        for enrollment in found:
            decision = decide(enrollment)
            if decision is None:
                kept.append(enrollment)
            else:
                self._skip(enrollment.section_id, change, decision, enrollment.student_id)
        return tuple(kept)

    def enrolment_decision(self, enrollment: Enrollment) -> str | None:
        if self.mode(enrollment.section_id) is SyncMode.PAUSED:
            return SyncMode.PAUSED.value
        exception = self._exception(enrollment)
        if exception is not None and exception.kind is ExceptionKind.KEEP_OUT:
            return ExceptionKind.KEEP_OUT.value
        return None

    def drop_decision(self, enrollment: Enrollment) -> str | None:
        mode = self.mode(enrollment.section_id)
        if mode is SyncMode.PAUSED:
            return mode.value
        exception = self._exception(enrollment)
        if exception is not None and exception.kind is ExceptionKind.KEEP_IN:
            if exception.in_force(self.today):
                return exception.kind.value
            self.ended.add(exception)  # the date passed: un-enrolled through the usual path
        if mode is SyncMode.ADD_ONLY:
            return mode.value
        return None

    def paused_skip(self, section_id: str, change: str, subject: str | None = None) -> bool:
        if self.mode(section_id) is not SyncMode.PAUSED:
            return False
        self._skip(section_id, change, SyncMode.PAUSED.value, None, subject)
        return True

    def memberships(self, found: tuple[CoTeacher, ...], change: str) -> tuple[CoTeacher, ...]:
        kept: list[CoTeacher] = []
        for m in found:
            if self.mode(m.section_id) is SyncMode.PAUSED:
                self._skip(m.section_id, change, SyncMode.PAUSED.value, m.teacher_id)
            else:
                kept.append(m)
        return tuple(kept)

    def _exception(self, enrollment: Enrollment) -> StudentException | None:
        return self.state.exceptions.get(enrollment.section_id, {}).get(enrollment.student_id)

    def _skip(
        self,
        section_id: str,
        change: str,
        decision: str,
        subject_id: str | None,
        subject_name: str | None = None,
    ) -> None:
        if subject_id is not None and subject_name is None:
            person = self.state.students.get(subject_id) or self.state.teachers.get(subject_id)
            subject_name = person.name if person else None
        self.skipped.append(SkippedChange(section_id, change, decision, subject_id, subject_name))


def _lapsed_keep_ins(
    state: RosterState, listed: Iterable[str], today: date | None
) -> set[StudentException]:
    """Keep-ins of the synced classes whose date has passed end, whatever Clever says now."""
    return {
        exception
        for section_id in listed
        for exception in state.exceptions.get(section_id, {}).values()
        if exception.kind is ExceptionKind.KEEP_IN and not exception.in_force(today)
    }


def _waiting(
    state: RosterState, skipped: list[SkippedChange], listed: set[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each paused class the snapshot answers for, with what now waits, where that changed."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for section_id, decision in sorted(state.modes.items()):
        if decision.mode is not SyncMode.PAUSED or section_id not in listed:
            continue
        notes = waiting_notes([s for s in skipped if s.section_id == section_id])
        if notes != decision.waiting:
            found.append((section_id, notes))
    return tuple(found)


def _seen(state: RosterState, snapshot: RosterSnapshot) -> tuple[StudentException, ...]:
    """Exceptions in a class the snapshot answers for whose student's listing in Clever is no
    longer what was recorded ("removed by Ms Rivera; Clever still lists them"), as recorded
    now."""
    listing = {s.id: set(s.student_ids) for s in snapshot.sections}
    listing.update((section_id, set()) for section_id in snapshot.gone_section_ids)
    found: list[StudentException] = []
    for section_id, students in sorted(listing.items()):
        for student_id, exception in sorted(state.exceptions.get(section_id, {}).items()):
            listed = student_id in students
            if exception.clever_lists is not listed:
                found.append(replace(exception, clever_lists=listed))
    return tuple(found)
