"""The roster the GraphQL measurements query: one teacher, 7 classes of 35 students, a
co-teacher on some, grade levels and demographics; synced in by the real use case."""

from __future__ import annotations

from typing import Any

from domain.snapshot import CleverPerson, CleverSection

CLASSES, STUDENTS_PER_CLASS = 7, 35
DISTRICT = "b0000000000000000000000d"
SCHOOL = "b0000000000000000000005c"
TEACHER = "b00000000000000000000001"
CO_TEACHER = "b00000000000000000000002"
EMAIL, PASSWORD = "bench.teacher@example.org", "bench password, not a secret"
ROSTER_QUERY = (
    "{ viewer { classes { id name gradeLevel teachers { teacher { id name } role }"
    " students { id name gradeLevel demographics { race } } } } }"
)
RACES = ("Asian", "Black or African American", "White", "Hispanic/Latino", "")


def _id(number: int) -> str:
    return f"b{number:023x}"


def roster() -> tuple[list[CleverPerson], list[CleverSection]]:
    teachers = [
        CleverPerson(TEACHER, DISTRICT, "teacher", "Ada Bench", EMAIL, (SCHOOL,)),
        CleverPerson(CO_TEACHER, DISTRICT, "teacher", "Grace Bench", None, (SCHOOL,)),
    ]
    students = [
        CleverPerson(
            _id(1_000 + n),
            DISTRICT,
            "student",
            f"Student {n:03d} Bench",
            None,
            (SCHOOL,),
            grade=str(6 + n % 3),
            demographics={"race": RACES[n % len(RACES)], "ell_status": "YN"[n % 2]},
        )
        for n in range(CLASSES * STUDENTS_PER_CLASS)
    ]
    sections = [
        CleverSection(
            id=_id(100 + k),
            district_id=DISTRICT,
            school_id=SCHOOL,
            name=f"Math {k + 1}",
            subject="math",
            period=str(k + 1),
            grade=str(6 + k % 3),
            teacher_id=TEACHER,
            teacher_ids=(TEACHER, CO_TEACHER) if k % 2 else (TEACHER,),
            student_ids=tuple(
                s.id for s in students[k * STUDENTS_PER_CLASS :][:STUDENTS_PER_CLASS]
            ),
        )
        for k in range(CLASSES)
    ]
    return [*teachers, *students], sections


def seed(services: Any) -> None:
    """Sync the roster into the services' storage and give its teacher a linked account."""
    import bootstrap
    from adapters.memory.directory import FakeCleverDirectory
    from application.accounts import SignUpCommand
    from application.ports import CleverLogin
    from application.premium_grants import GrantPremiumCommand
    from application.results import SyncStarted
    from application.sync_teacher import SyncTeacherCommand
    from domain.accounts import Account, Role
    from domain.licensing import LicenseScope

    clever = FakeCleverDirectory()
    people, sections = roster()
    for person in people:
        clever.add_person(person)
    for section in sections:
        clever.add_section(section)
    wired = bootstrap.wire(
        services.settings,
        uow=services.uow,
        reader=services.reader,
        directory=clever,
        clock=services.clock,
        lock=services.lock,
        hasher=services.hasher,
    )
    wired.grant_premium(GrantPremiumCommand(LicenseScope.DISTRICT, DISTRICT))
    result = wired.sync_teacher(SyncTeacherCommand(TEACHER))
    assert isinstance(result, SyncStarted), result
    account = wired.sign_up(SignUpCommand(EMAIL, PASSWORD, "Ada Bench", Role.TEACHER))
    assert isinstance(account, Account) and account.id is not None, account
    login = CleverLogin(TEACHER, DISTRICT, "teacher", "Ada Bench", EMAIL)
    linked = wired.link_account(account.id, login)
    assert linked.account is not None, linked
