"""factory-boy builders for Clever payloads as the domain sees them."""

from __future__ import annotations

import factory

from domain.snapshot import CleverPerson, CleverSection

DISTRICT = "d0000000000000000000000a"


class StudentFactory(factory.Factory):
    class Meta:
        model = CleverPerson

    id = factory.Sequence(lambda n: f"s{n:023d}")
    district_id = DISTRICT
    role = "student"
    name = factory.Sequence(lambda n: f"Student {n}")
    email = factory.LazyAttribute(lambda o: f"{o.id}@students.example.org")
    school_ids = ("school-1",)
    grade = "7"
    demographics = factory.LazyFunction(
        lambda: {"ell_status": "N", "iep_status": "Y", "frl_status": "Free", "race": "Asian",
                 "gender": "F", "hispanic_ethnicity": "N"}
    )


class TeacherFactory(factory.Factory):
    class Meta:
        model = CleverPerson

    id = factory.Sequence(lambda n: f"t{n:023d}")
    district_id = DISTRICT
    role = "teacher"
    name = factory.Sequence(lambda n: f"Teacher {n}")
    email = factory.LazyAttribute(lambda o: f"{o.id}@teachers.example.org")
    school_ids = ("school-1",)


class SectionFactory(factory.Factory):
    class Meta:
        model = CleverSection

    id = factory.Sequence(lambda n: f"c{n:023d}")
    district_id = DISTRICT
    school_id = "school-1"
    name = factory.Sequence(lambda n: f"Period {n} Math")
    subject = "math"
    period = "1"
    grade = "7"
    teacher_id = None
    teacher_ids = ()
    student_ids = ()
