"""The strawberry floor: the roster query's fields, answered by strawberry from objects held in
memory, with nothing of the service around it (no session, storage, loaders or permissions).
What the service spends beyond this is its own cost; this is the framework's."""

from __future__ import annotations

from enum import Enum

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL

from bench.roster import roster
from domain.grade_level import GradeLevel as DomainGrade


@strawberry.enum
class GradeLevel(Enum):
    GRADE_6 = "GRADE_6"
    GRADE_7 = "GRADE_7"
    GRADE_8 = "GRADE_8"


@strawberry.enum
class TeacherRole(Enum):
    OWNER = "owner"
    CO_TEACHER = "co_teacher"


@strawberry.type
class DemographicProfile:
    race: str | None


@strawberry.type
class Teacher:
    id: strawberry.ID
    name: str


@strawberry.type
class ClassTeacher:
    teacher: Teacher
    role: TeacherRole


@strawberry.type
class Student:
    id: strawberry.ID
    name: str
    grade_level: GradeLevel | None
    demographics: DemographicProfile | None


@strawberry.type(name="Class")
class ClassNode:
    id: strawberry.ID
    name: str
    grade_level: GradeLevel | None
    teachers: list[ClassTeacher]
    students: list[Student]


@strawberry.type
class Viewer:
    id: strawberry.ID
    classes: list[ClassNode]


def _grade(value: object) -> GradeLevel | None:
    grade = DomainGrade.from_clever(value)
    return GradeLevel(grade.enum_name) if grade else None


def build_viewer() -> Viewer:
    people, sections = roster()
    by_id = {p.id: p for p in people}
    classes = []
    for section in sorted(sections, key=lambda s: (s.name, s.id)):
        teachers = [
            ClassTeacher(
                teacher=Teacher(id=strawberry.ID(t), name=by_id[t].name),
                role=TeacherRole.OWNER if t == section.owner_id else TeacherRole.CO_TEACHER,
            )
            for t in section.all_teacher_ids
        ]
        pupils = sorted((by_id[s] for s in section.student_ids), key=lambda p: (p.name, p.id))
        students = [
            Student(
                id=strawberry.ID(p.id),
                name=p.name,
                grade_level=_grade(p.grade),
                demographics=DemographicProfile(race=str(p.demographics.get("race") or "") or None),
            )
            for p in pupils
        ]
        classes.append(
            ClassNode(
                id=strawberry.ID(section.id),
                name=section.name,
                grade_level=_grade(section.grade),
                teachers=teachers,
                students=students,
            )
        )
    return Viewer(id=strawberry.ID("1"), classes=classes)


def build_strawberry_app() -> Starlette:
    viewer = build_viewer()

    @strawberry.type
    class Query:
        @strawberry.field
        def viewer(self) -> Viewer:
            return viewer

    schema = strawberry.Schema(query=Query)
    return Starlette(routes=[Route("/graphql", GraphQL(schema, graphql_ide=None))])
