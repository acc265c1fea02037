"""Students, teachers and demographics as a class's viewer may see them."""

from __future__ import annotations

import strawberry

from application.ports import DemographicsView, EnrolledStudentView
from domain.demographics import ALL_FIELDS as DEMOGRAPHIC_FIELDS
from graphql_api.enums import GradeLevel, grade_level


@strawberry.type(description="Shared by the district only when it chooses to; null = unknown.")
class DemographicProfile:
    ell_status: bool | None
    hispanic_ethnicity: bool | None
    iep_status: bool | None
    frl_status: str | None
    race: str | None
    gender: str | None

    @classmethod
    def from_view(cls, view: DemographicsView) -> DemographicProfile:
        return cls(**{name: getattr(view, name) for name in DEMOGRAPHIC_FIELDS})


@strawberry.type
class Teacher:
    id: strawberry.ID
    name: str


@strawberry.type(description="A student enrolled in a class (reached through that class).")
class Student:
    id: strawberry.ID
    name: str
    grade_level: GradeLevel | None
    joined: bool = strawberry.field(description="Whether the student has signed in with Clever.")
    demographics: DemographicProfile | None = strawberry.field(
        description="Only for a teacher of this student's class, else null; every read is audited."
    )

    @classmethod
    def from_view(cls, view: EnrolledStudentView, shown: DemographicsView | None) -> Student:
        """``shown``: the demographics the viewer may see and asked for (audited by the caller)."""
        student = view.student
        return cls(
            id=strawberry.ID(student.id),
            name=student.name,
            grade_level=grade_level(student.grade_level),
            joined=student.joined,
            demographics=DemographicProfile.from_view(shown) if shown else None,
        )


@strawberry.type(description="A student as the roster history names them.")
class StudentRef:
    id: strawberry.ID
    name: str
