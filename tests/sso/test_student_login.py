"""Students: a first Clever login claims the rostered record; an unrostered one is welcomed."""

from __future__ import annotations

from application.premium_grants import GrantPremiumCommand
from application.results import SyncStarted
from application.sync_teacher import SyncTeacherCommand
from domain.accounts import Role
from domain.licensing import LicenseScope
from tests.sso.browser import Browser
from tests.sso.service import PUBLIC_URL
from tests.sso.world import SsoWorld


def test_a_student_of_a_synced_class_logs_in_for_the_first_time_and_is_in_the_class(
    world: SsoWorld, browser: Browser
) -> None:
    teacher = world.sandbox.sample_teacher()
    student = world.sandbox.sample_student(teacher_id=teacher["id"])
    their_sections = {
        s["id"]
        for s in world.sandbox.sections()
        if teacher["id"] in s["teachers"] and student["id"] in s["students"]
    }
    world.services.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, teacher["district"]))
    assert isinstance(world.services.sync_teacher(SyncTeacherCommand(teacher["id"])), SyncStarted)

    landed = world.sign_in(browser, student["id"])

    assert landed == f"{PUBLIC_URL}/"
    account = world.account_of(student["id"])
    assert account is not None and account.role is Role.STUDENT
    assert browser.whoami()["account_id"] == account.id
    reader = world.services.reader
    classes = {c.id for c in reader.classes_for_students([student["id"]])[student["id"]]}
    assert their_sections and their_sections <= classes
    roster = reader.students_for_classes(sorted(their_sections))
    assert all(next(v for v in views if v.id == student["id"]).joined for views in roster.values())


def test_a_student_not_rostered_yet_is_signed_in_and_sees_a_friendly_page(
    world: SsoWorld, browser: Browser
) -> None:
    student = world.sandbox.students()[-1]

    landed = world.sign_in(browser, student["id"], next_path="/classes")

    assert landed == f"{PUBLIC_URL}/auth/clever/welcome"
    page = browser.service.get("/auth/clever/welcome")
    assert page.status_code == 200
    assert "not in a class yet" in page.text
    account = world.account_of(student["id"])
    assert account is not None and browser.whoami()["account_id"] == account.id


def test_signing_in_replaces_the_session_on_a_shared_device(
    world: SsoWorld, browser: Browser
) -> None:
    first_student, second_student = world.sandbox.students()[:2]

    world.sign_in(browser, first_student["id"])
    first = browser.whoami()
    world.sign_in(browser, second_student["id"])
    second = browser.whoami()
    world.sign_in(browser, first_student["id"])
    third = browser.whoami()

    assert first["account_id"] != second["account_id"]
    assert third["account_id"] == first["account_id"]
    assert len({first["sid"], second["sid"], third["sid"]}) == 3
    assert second["keys"] == ["account_id"], "nothing of the earlier session survives"
