"""RenameClass: a teacher's own name for a class, kept by later syncs."""

from __future__ import annotations

from dataclasses import dataclass

from application.class_access import class_taught_by
from application.ports import UnitOfWorkFactory
from application.results import NotFound
from domain.roster import Class


@dataclass(frozen=True, slots=True)
class RenameClassCommand:
    account_id: int
    section_id: str
    name: str


class RenameClass:
    """Only a connected teacher of the class may rename it."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow

    def __call__(self, command: RenameClassCommand) -> Class | NotFound:
        with self.uow() as uow:
            klass = class_taught_by(uow, command.account_id, command.section_id)
            if klass is None:
                return NotFound()
            renamed = klass.renamed(command.name)
            uow.rosters.save_class(renamed)
            uow.commit()
            return renamed
