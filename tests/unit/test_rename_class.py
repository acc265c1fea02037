"""RenameClass: only a connected teacher of the class, and only a sensible name."""

from __future__ import annotations

import pytest

from application.accounts import SignUpCommand
from application.rename_class import RenameClassCommand
from application.results import NotFound
from domain.accounts import Account, Role
from domain.roster import Class
from domain.snapshot import CleverSection
from tests.unit.world import World


def _rename(world: World, account: Account, section: CleverSection, name: str) -> object:
    assert account.id is not None
    return world.services.rename_class(RenameClassCommand(account.id, section.id, name))


@pytest.fixture
def synced(world: World) -> tuple[World, CleverSection]:
    world.grant()
    owner, co_teacher = world.teacher(), world.teacher()
    section = world.section([owner, co_teacher], world.students(1), name="Clever Name")
    world.run(owner)
    return world, section


def test_owner_and_co_teacher_may_rename_once_connected(
    synced: tuple[World, CleverSection],
) -> None:
    world, section = synced
    owner_id, co_id = section.teacher_ids
    owner = world.connect(world.clever.people[owner_id])
    co_teacher = world.connect(world.clever.people[co_id])

    first = _rename(world, owner, section, "  Room   12 ")
    assert isinstance(first, Class) and first.name == "Room 12"
    assert world.class_view(section).name == "Room 12"

    _rename(world, co_teacher, section, "Room 14")
    assert world.class_view(section).name == "Room 14"


def test_others_cannot_rename_the_class(synced: tuple[World, CleverSection]) -> None:
    world, section = synced
    outsider = world.connect(world.teacher())
    student = world.connect(world.clever.people[section.student_ids[0]])
    unlinked = world.sign_up()(
        SignUpCommand("t@school.example.org", "correct horse battery", "T", Role.TEACHER)
    )
    assert isinstance(unlinked, Account)

    for account in (outsider, student, unlinked):
        assert isinstance(_rename(world, account, section, "Mine now"), NotFound)
    assert world.services.rename_class(RenameClassCommand(999, section.id, "x")) == NotFound()
    assert world.class_view(section).name == "Clever Name"


def test_an_unknown_class_is_not_found(synced: tuple[World, CleverSection]) -> None:
    world, section = synced
    owner = world.connect(world.clever.people[section.teacher_ids[0]])
    assert owner.id is not None

    result = world.services.rename_class(RenameClassCommand(owner.id, "no-such-section", "x"))

    assert isinstance(result, NotFound)


@pytest.mark.parametrize("name", ["", "   \t ", "x" * 256])
def test_blank_or_too_long_names_are_refused(
    synced: tuple[World, CleverSection], name: str
) -> None:
    world, section = synced
    owner = world.connect(world.clever.people[section.teacher_ids[0]])

    with pytest.raises(ValueError, match="class name"):
        _rename(world, owner, section, name)
    assert world.class_view(section).name == "Clever Name"


def test_a_name_of_exactly_255_characters_is_accepted(synced: tuple[World, CleverSection]) -> None:
    world, section = synced
    owner = world.connect(world.clever.people[section.teacher_ids[0]])

    _rename(world, owner, section, "y" * 255)

    assert world.class_view(section).name == "y" * 255
