"""A synced class and its connected teachers, for the tests of teachers' decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from application.ports import ClassDecisionsView
from application.roster_decisions import (
    ClearStudentException,
    DecisionMade,
    KeepStudentIn,
    KeepStudentOut,
    SetSyncMode,
)
from domain.accounts import Account
from domain.decisions import SyncMode
from domain.snapshot import CleverPerson, CleverSection
from tests.unit.world import World


@dataclass
class Classroom:
    world: World
    owner: CleverPerson
    co_teacher: CleverPerson
    section: CleverSection
    pupils: list[CleverPerson]
    owner_account: Account
    co_account: Account

    def decide(self, command: object, account: Account | None = None) -> object:
        return self.world.services.decide_roster(command)  # type: ignore[arg-type]

    def _id(self, account: Account | None) -> int:
        chosen = account or self.owner_account
        assert chosen.id is not None
        return chosen.id

    def mode(self, mode: SyncMode, account: Account | None = None) -> object:
        return self.decide(SetSyncMode(self._id(account), self.section.id, mode))

    def keep_out(self, pupil: CleverPerson, account: Account | None = None) -> object:
        return self.decide(KeepStudentOut(self._id(account), self.section.id, pupil.id))

    def keep_in(
        self, pupil: CleverPerson, until: date | None = None, account: Account | None = None
    ) -> object:
        return self.decide(KeepStudentIn(self._id(account), self.section.id, pupil.id, until))

    def clear(self, pupil: CleverPerson, account: Account | None = None) -> object:
        return self.decide(ClearStudentException(self._id(account), self.section.id, pupil.id))

    def decisions(self) -> ClassDecisionsView:
        return self.world.services.reader.decisions_for_classes([self.section.id])[self.section.id]

    def roster(self) -> list[str]:
        return self.world.roster(self.section)

    def ids(self, *pupils: CleverPerson) -> list[str]:
        return sorted(p.id for p in pupils)

    def clever_lists(self, *pupils: CleverPerson) -> None:
        self.world.enroll_only(self.section, list(pupils))


def classroom(world: World, size: int = 4) -> Classroom:
    world.grant()
    owner, co_teacher = world.teacher(), world.teacher()
    pupils = world.students(size)
    section = world.section([owner, co_teacher], pupils, name="Algebra")
    world.run(owner)
    made = Classroom(
        world,
        owner,
        co_teacher,
        section,
        pupils,
        world.connect(owner),
        world.connect(co_teacher),
    )
    return made


def made(outcome: object) -> None:
    assert isinstance(outcome, DecisionMade), outcome
