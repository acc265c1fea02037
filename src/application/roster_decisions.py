"""DecideRoster: a teacher's decisions about a class — its sync mode, and students kept out or in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from application.class_access import teacher_of_class
from application.ports import Clock, UnitOfWork, UnitOfWorkFactory
from application.request_sync import RequestSync, RequestSyncCommand
from application.results import NotFound
from domain.decisions import ExceptionKind, ModeDecision, StudentException, SyncMode
from domain.roster import RosterState


@dataclass(frozen=True, slots=True)
class SetSyncMode:
    account_id: int
    section_id: str
    mode: SyncMode


@dataclass(frozen=True, slots=True)
class KeepStudentOut:
    account_id: int
    section_id: str
    student_id: str


@dataclass(frozen=True, slots=True)
class KeepStudentIn:
    account_id: int
    section_id: str
    student_id: str
    until: date | None = None


@dataclass(frozen=True, slots=True)
class ClearStudentException:
    account_id: int
    section_id: str
    student_id: str


DecisionCommand = SetSyncMode | KeepStudentOut | KeepStudentIn | ClearStudentException


@dataclass(frozen=True, slots=True)
class DecisionMade:
    section_id: str
    resumed: bool = False  # a paused class was resumed: a sync was asked for


@dataclass(frozen=True, slots=True)
class DecisionRefused:
    message: str


NOT_YOURS = "You teach no class with that id."
NOT_IN_CLASS = "That student has never been on this class's roster."


class DecideRoster:
    """Only a connected teacher of the class (owner or co-teacher) decides; resuming a paused
    class asks for a sync, which brings it up to date through the usual rules."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, request_sync: RequestSync) -> None:
        self.uow = uow
        self.clock = clock
        self.request_sync = request_sync

    def __call__(self, command: DecisionCommand) -> DecisionMade | DecisionRefused | NotFound:
        with self.uow() as uow:
            teacher_id = teacher_of_class(uow, command.account_id, command.section_id)
            if teacher_id is None:
                return NotFound(NOT_YOURS)
            student = None if isinstance(command, SetSyncMode) else command.student_id
            state = uow.rosters.load_state([command.section_id], (), [student] if student else ())
            outcome = self._decide(uow, state, teacher_id, command)
            if isinstance(outcome, DecisionMade):
                uow.commit()
        if isinstance(outcome, DecisionMade) and outcome.resumed:
            self.request_sync(RequestSyncCommand(command.account_id, catching_up=True))
        return outcome

    def _decide(
        self, uow: UnitOfWork, state: RosterState, teacher_id: str, command: DecisionCommand
    ) -> DecisionMade | DecisionRefused:
        section_id, now = command.section_id, self.clock.now()
        if isinstance(command, SetSyncMode):
            current = state.modes.get(section_id)
            was = current.mode if current else SyncMode.FOLLOW_CLEVER
            if was is command.mode:
                return DecisionMade(section_id)
            decision = None
            if command.mode is not SyncMode.FOLLOW_CLEVER:
                decision = ModeDecision(section_id, command.mode, teacher_id, now)
            uow.rosters.save_sync_mode(section_id, decision)
            return DecisionMade(section_id, resumed=was is SyncMode.PAUSED)
        seat = state.enrollment(section_id, command.student_id)
        active = seat.active if seat is not None else None
        kept = state.exceptions.get(section_id, {}).get(command.student_id)
        if isinstance(command, ClearStudentException):
            if kept is None:
                return DecisionRefused("There is no decision about that student in this class.")
            uow.rosters.delete_exception(section_id, command.student_id)
            return DecisionMade(section_id)
        if seat is None and kept is None:
            return DecisionRefused(NOT_IN_CLASS)
        if isinstance(command, KeepStudentOut):
            exception = StudentException(
                section_id,
                command.student_id,
                ExceptionKind.KEEP_OUT,
                teacher_id,
                now,
                clever_lists=_clever_lists(kept, active),
            )
            if active:
                uow.rosters.set_enrolled(section_id, command.student_id, False, now)
        else:
            if command.until is not None and command.until < self.clock.today():
                return DecisionRefused("A student can only be kept in until a future date.")
            exception = StudentException(
                section_id,
                command.student_id,
                ExceptionKind.KEEP_IN,
                teacher_id,
                now,
                command.until,
                _clever_lists(kept, active),
            )
            if not active:
                uow.rosters.set_enrolled(section_id, command.student_id, True, now)
        uow.rosters.save_exception(exception)
        return DecisionMade(section_id)


def _clever_lists(earlier: StudentException | None, active: bool | None) -> bool | None:
    """What the last sync saw: an earlier decision recorded it; else an active enrollment means
    Clever listed them, a dropped one that it no longer did."""
    if earlier is not None:
        return earlier.clever_lists
    return active
