"""KeepClassAfterTerm: a teacher keeps a class live after its Clever term ended (or lets it go)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from application.class_access import class_taught_by
from application.ports import UnitOfWorkFactory
from application.results import NotFound
from domain.roster import Class
from domain.term import ArchiveReason


@dataclass(frozen=True, slots=True)
class KeepClassAfterTermCommand:
    account_id: int
    section_id: str
    keep: bool


class KeepClassAfterTerm:
    """Only a connected teacher of the class decides; keeping a class its finished term
    archived brings it back, letting it go leaves it to the next daily job."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow

    def __call__(self, command: KeepClassAfterTermCommand) -> Class | NotFound:
        with self.uow() as uow:
            klass = class_taught_by(uow, command.account_id, command.section_id)
            if klass is None:
                return NotFound()
            decided = replace(klass, kept_after_term=command.keep)
            if command.keep and klass.archived_reason is ArchiveReason.TERM_ENDED:
                decided = replace(decided, archived=False, archived_reason=None)
            if decided != klass:
                uow.rosters.save_class(decided)
                uow.commit()
            return decided
