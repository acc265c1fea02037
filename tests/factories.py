"""factory-boy builders for Clever payloads as the domain sees them (never storage rows)."""

from __future__ import annotations

import factory

from application.ports import CleverLogin
from domain.snapshot import CleverPerson, CleverSection

DISTRICT = "d0000000000000000000000a"
SCHOOL = "school-1"


class StudentFactory(factory.Factory):
    class Meta:
        model = CleverPerson

    id = factory.Sequence(lambda n: f"s{n:023d}")
    district_id = DISTRICT
    role = "student"
    name = factory.Sequence(lambda n: f"Student {n}")
    email = factory.LazyAttribute(lambda o: f"{o.id}@students.example.org")
    school_ids = (SCHOOL,)
    grade = "7"
    demographics = factory.LazyFunction(
        lambda: {
            "ell_status": "N",
            "hispanic_ethnicity": "N",
            "iep_status": "Y",
            "frl_status": "Free",
            "race": "Asian",
            "gender": "F",
        }
    )


class TeacherFactory(factory.Factory):
    class Meta:
        model = CleverPerson

    id = factory.Sequence(lambda n: f"t{n:023d}")
    district_id = DISTRICT
    role = "teacher"
    name = factory.Sequence(lambda n: f"Teacher {n}")
    email = factory.LazyAttribute(lambda o: f"{o.id}@teachers.example.org")
    school_ids = (SCHOOL,)


class SectionFactory(factory.Factory):
    class Meta:
        model = CleverSection

    id = factory.Sequence(lambda n: f"c{n:023d}")
    district_id = DISTRICT
    school_id = SCHOOL
    name = factory.Sequence(lambda n: f"Period {n} Math")
    subject = "math"
    period = "1"
    grade = "7"
    teacher_id = None
    teacher_ids = ()
    student_ids = ()


class CleverLoginFactory(factory.Factory):
    """Who Clever says signed in; ``for_person`` mirrors a rostered Clever user."""

    class Meta:
        model = CleverLogin

    clever_id = factory.Sequence(lambda n: f"u{n:023d}")
    district_id = DISTRICT
    role = "teacher"
    name = factory.Sequence(lambda n: f"Clever User {n}")
    email = None

    @classmethod
    def for_person(cls, person: CleverPerson, **overrides: object) -> CleverLogin:
        fields: dict[str, object] = {
            "clever_id": person.id,
            "district_id": person.district_id,
            "role": person.role,
            "name": person.name,
            "email": person.email,
            "school_ids": person.school_ids,
        }
        login: CleverLogin = cls(**{**fields, **overrides})
        return login
