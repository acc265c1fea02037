"""Students, teachers and demographics as a class's viewer may see them."""

from __future__ import annotations

import strawberry

from application.ports import DemographicsView, StudentView
from graphql_api.context import Info
from graphql_api.enums import GradeLevel, grade_level
from graphql_api.permissions import CanSeeDemographics, guarded


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
    section_id: strawberry.Private[str]
    class_archived: strawberry.Private[bool]

    @classmethod
    def from_view(cls, view: StudentView, section_id: str, class_archived: bool) -> Student:
        return cls(
            id=strawberry.ID(view.id),
            name=view.name,
            grade_level=grade_level(view.grade_level),
            joined=view.joined,
            section_id=section_id,
            class_archived=class_archived,
        )

    @strawberry.field(
        description="Only for a teacher of this student's class, else null; every read is audited.",
        extensions=guarded(CanSeeDemographics(), silent=True),
    )
    async def demographics(self, info: Info) -> DemographicProfile | None:
        view = await info.context.loaders.demographics.load(self.id)
        return DemographicProfile.from_view(view) if view else None


@strawberry.type(description="A student as the roster history names them.")
class StudentRef:
    id: strawberry.ID
    name: str
