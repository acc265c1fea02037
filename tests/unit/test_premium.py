"""The Premium gate: syncing needs an active licence for the teacher, their school or district."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from application.premium_grants import GrantPremiumCommand
from application.request_sync import RequestSyncCommand
from application.results import PremiumRequired, SyncStarted
from domain.licensing import LicenseScope
from domain.sync_run import SyncStatus
from tests.factories import DISTRICT, SCHOOL
from tests.unit.world import World


@pytest.mark.parametrize("scope", list(LicenseScope))
def test_a_licence_at_any_scope_lets_the_teacher_sync(world: World, scope: LicenseScope) -> None:
    teacher = world.teacher()
    world.section([teacher], world.students(2))
    clever_id = {
        LicenseScope.TEACHER: teacher.id,
        LicenseScope.SCHOOL: SCHOOL,
        LicenseScope.DISTRICT: DISTRICT,
    }[scope]
    world.grant(scope, clever_id)

    run = world.run(teacher)

    assert run.status is SyncStatus.SUCCEEDED
    assert len(world.class_names(teacher)) == 1


@pytest.mark.parametrize(
    ("scope", "clever_id"),
    [
        (LicenseScope.TEACHER, "t-someone-else"),
        (LicenseScope.SCHOOL, "school-elsewhere"),
        (LicenseScope.DISTRICT, "d-elsewhere"),
    ],
)
def test_a_licence_for_someone_else_is_refused_and_nothing_is_written(
    world: World, scope: LicenseScope, clever_id: str
) -> None:
    world.grant(scope, clever_id)
    teacher = world.teacher()
    world.section([teacher], world.students(2))

    assert world.sync(teacher) == PremiumRequired()
    assert world.class_names(teacher) == []
    assert world.runs(teacher) == []
    assert world.writes == 0


def test_an_expired_licence_is_refused_and_nothing_is_written(world: World) -> None:
    teacher = world.teacher()
    section = world.section([teacher], world.students(2), name="Before")
    world.grant(until=world.clock.today())
    world.run(teacher)
    writes = world.writes
    runs = world.runs(teacher)

    world.clock.advance(days=1)
    world.change_section(section.id, name="Changed in Clever")

    assert world.sync(teacher) == PremiumRequired()
    assert world.writes == writes
    assert world.runs(teacher) == runs
    assert world.class_names(teacher) == ["Before"]


@pytest.mark.parametrize("days", [0, 1, 365])
def test_a_licence_that_ends_today_or_later_is_honoured(world: World, days: int) -> None:
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    world.grant(LicenseScope.TEACHER, teacher.id, world.clock.today() + timedelta(days=days))

    assert world.run(teacher).status is SyncStatus.SUCCEEDED


def test_granting_a_licence_that_already_ended_is_refused(world: World) -> None:
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    yesterday = world.clock.today() - timedelta(days=1)

    with pytest.raises(ValueError, match="in the past"):
        world.services.grant_premium(
            GrantPremiumCommand(LicenseScope.DISTRICT, DISTRICT, yesterday)
        )

    assert world.sync(teacher) == PremiumRequired()


def test_granting_a_licence_without_a_clever_id_is_refused(world: World) -> None:
    with pytest.raises(ValueError, match="Clever id"):
        world.services.grant_premium(GrantPremiumCommand(LicenseScope.SCHOOL, "  "))


def test_a_granted_licence_is_answered_with_its_end_date(world: World) -> None:
    licence = world.services.grant_premium(
        GrantPremiumCommand(LicenseScope.SCHOOL, " school-9 ", date(2027, 6, 30))
    )

    assert (licence.scope, licence.clever_id, licence.expires_on) == (
        LicenseScope.SCHOOL,
        "school-9",
        date(2027, 6, 30),
    )


def test_a_school_licence_reaches_a_teacher_who_signed_in_before_any_sync(world: World) -> None:
    world.grant(LicenseScope.SCHOOL, SCHOOL)
    teacher = world.teacher()
    world.section([teacher], world.students(1))
    account = world.connect(teacher)
    assert account.id is not None

    result = world.services.request_sync(RequestSyncCommand(account.id))

    assert isinstance(result, SyncStarted)
