"""The sandbox's roster as an in-memory CleverDirectory, so SyncTeacher can roster its classes."""

from __future__ import annotations

from typing import Any

from adapters.memory.directory import FakeCleverDirectory
from clever_sandbox.state import Sandbox
from domain.snapshot import CleverPerson, CleverSection

DEMOGRAPHICS = ("ell_status", "iep_status", "frl_status", "race", "gender", "hispanic_ethnicity")


def directory_from_sandbox(sandbox: Sandbox) -> FakeCleverDirectory:
    directory = FakeCleverDirectory()
    for district_id in sandbox.districts:
        for teacher in sandbox.teachers(district_id):
            directory.add_person(_person(teacher, "teacher"))
        for student in sandbox.students(district_id):
            directory.add_person(_person(student, "student"))
        for section in sandbox.sections(district_id):
            directory.add_section(_section(section))
    return directory


def _person(user: dict[str, Any], role: str) -> CleverPerson:
    details = user["roles"][role]
    name = user.get("name") or {}
    return CleverPerson(
        id=user["id"],
        district_id=user["district"],
        role=role,
        name=" ".join(p for p in (name.get("first"), name.get("last")) if p),
        email=user.get("email"),
        school_ids=tuple(details.get("schools") or ()),
        grade=details.get("grade"),
        demographics={k: details[k] for k in DEMOGRAPHICS if k in details},
    )


def _section(section: dict[str, Any]) -> CleverSection:
    return CleverSection(
        id=section["id"],
        district_id=section["district"],
        school_id=section.get("school"),
        name=section.get("name") or "",
        subject=section.get("subject") or None,
        period=section.get("period") or None,
        grade=section.get("grade"),
        teacher_id=section.get("teacher"),
        teacher_ids=tuple(section.get("teachers") or ()),
        student_ids=tuple(section.get("students") or ()),
    )
