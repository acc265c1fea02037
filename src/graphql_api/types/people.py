"""Students, teachers and demographics as a class's viewer may see them."""

from __future__ import annotations

import strawberry

from application.ports import DemographicsView, EnrolledStudentView
from graphql_api.context import Info
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
        return cls(
            ell_status=view.ell_status,
            hispanic_ethnicity=view.hispanic_ethnicity,
            iep_status=view.iep_status,
            frl_status=view.frl_status,
            race=view.race,
            gender=view.gender,
        )


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
    # Set only when the viewer may see them: a teacher of this live class.
    shareable: strawberry.Private[DemographicsView | None]

    @classmethod
    def from_view(cls, view: EnrolledStudentView, *, teacher_view: bool) -> Student:
        student = view.student
        return cls(
            id=strawberry.ID(student.id),
            name=student.name,
            grade_level=grade_level(student.grade_level),
            joined=student.joined,
            shareable=view.demographics if teacher_view else None,
        )

    @strawberry.field(
        description="Only for a teacher of this student's class, else null; every read is audited."
    )
    def demographics(self, info: Info) -> DemographicProfile | None:
        if self.shareable is None:
            return None
        info.context.revealed.student_ids.add(self.id)  # recorded before the answer leaves
        return DemographicProfile.from_view(self.shareable)


@strawberry.type(description="A student as the roster history names them.")
class StudentRef:
    id: strawberry.ID
    name: str
