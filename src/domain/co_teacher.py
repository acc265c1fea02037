"""The teachers of a class (rule 2): the section's primary teacher owns it, the others co-teach."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TeacherRole(StrEnum):
    OWNER = "owner"
    CO_TEACHER = "co_teacher"


@dataclass(frozen=True, slots=True)
class CoTeacher:
    """A teacher of a class, as its owner (Clever's ``section.teacher``) or a co-teacher. The
    role follows the class's owner: a new owner turns the old one into a co-teacher."""

    section_id: str
    teacher_id: str
    role: TeacherRole = TeacherRole.CO_TEACHER

    @classmethod
    def of(cls, section_id: str, teacher_id: str, owner_id: str | None) -> CoTeacher:
        owns = teacher_id == owner_id
        return cls(section_id, teacher_id, TeacherRole.OWNER if owns else TeacherRole.CO_TEACHER)

    @property
    def co_teaching(self) -> bool:
        return self.role is TeacherRole.CO_TEACHER
