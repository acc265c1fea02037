"""Deterministic generation of a realistic Clever district.

`generate_district(seed, students)` always yields the same ids and data for
the same arguments. Records are plain dicts in Clever's v3.1 shape; every
collection is in ascending id order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from .enums import SUBJECTS
from .ids import BASE_EPOCH, IdSequence
from .ids import district_id as make_district_id
from .org import SchoolPlan, iso, make_course, make_district, make_school, plan_schools
from .people import make_student, make_teacher, pick, share_family_emails
from .records import Record
from .school_year import school_year_terms

ELEMENTARY_SUBJECTS = (
    "homeroom/advisory",
    "english/language arts",
    "math",
    "science",
    "arts and music",
)
SECTION_SIZE = {"elementary": (15, 26), "middle": (18, 33), "high": (18, 35)}
CO_TAUGHT_SHARE = 0.2


@dataclass(slots=True)
class District:
    district: Record
    schools: list[Record] = field(default_factory=list)
    terms: list[Record] = field(default_factory=list)
    courses: list[Record] = field(default_factory=list)
    teachers: list[Record] = field(default_factory=list)
    students: list[Record] = field(default_factory=list)
    sections: list[Record] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.district["id"])


@dataclass(slots=True)
class _Builder:
    rng: random.Random
    seed: int
    index: int
    out: District
    created: str
    domain: str
    ids: dict[str, IdSequence]
    course_ids: dict[tuple[str, str], str] = field(default_factory=dict)

    def course_for(self, subject: str, grade: str) -> str:
        key = (subject, grade)
        if key not in self.course_ids:
            course_id = self.ids["course"].next()
            self.course_ids[key] = course_id
            self.out.courses.append(
                make_course(course_id, self.out.id, subject, grade, len(self.course_ids))
            )
        return self.course_ids[key]


def generate_district(
    seed: int, students: int, district_index: int = 0, today: date | None = None
) -> District:
    """``today`` dates the terms (default: the real date), so they are never long over."""
    rng = random.Random(f"clever-sandbox:{seed}:{district_index}")
    ids = {
        k: IdSequence.for_kind(seed, district_index, k)
        for k in ("school", "term", "course", "teacher", "student", "section")
    }
    did = make_district_id(seed, district_index)
    created = iso(BASE_EPOCH + 86_400 * (seed % 365) + 3_600 * district_index)
    record = make_district(did, district_index, seed, created)
    domain = record["district_contact"]["email"].split("@")[1]
    builder = _Builder(rng, seed, district_index, District(record), created, domain, ids)
    when = today or datetime.now(UTC).date()
    builder.out.terms = school_year_terms(ids["term"].next, did, when)
    plans = plan_schools(students)
    for number, plan in enumerate(plans):
        school_id = ids["school"].next()
        builder.out.schools.append(make_school(school_id, did, number, plan, created, domain))
    for plan, school in zip(plans, builder.out.schools, strict=True):
        _populate_school(builder, plan, school["id"])
    share_family_emails(builder.out.students)
    return builder.out


def _populate_school(b: _Builder, plan: SchoolPlan, school_id: str) -> None:
    out = b.out
    # Students ordered by grade: position -> grade splits them evenly.
    by_grade: dict[str, list[str]] = {g: [] for g in plan.grades}
    for position in range(plan.students):
        grade = plan.grades[position * len(plan.grades) // plan.students]
        user = make_student(
            b.rng,
            b.ids["student"].next(),
            len(out.students),
            out.id,
            school_id,
            grade,
            b.created,
            b.domain,
        )
        out.students.append(user)
        by_grade[grade].append(user["id"])
    teachers = [b.ids["teacher"].next() for _ in range(plan.teachers)]
    for teacher_id in teachers:
        out.teachers.append(
            make_teacher(
                b.rng, teacher_id, len(out.teachers), out.id, school_id, b.created, b.domain
            )
        )
    slots = [t for t in teachers for _ in range(b.rng.randint(4, 7))]
    grade_of_slot = _spread_grades(by_grade, len(slots))
    cursors = {g: 0 for g in by_grade}
    pools = {g: b.rng.sample(p, len(p)) for g, p in by_grade.items()}
    for slot, teacher_id in enumerate(slots):
        grade = grade_of_slot[slot]
        members = _take_round_robin(
            pools[grade], cursors, grade, b.rng.randint(*SECTION_SIZE[plan.band])
        )
        out.sections.append(
            _make_section(b, plan, school_id, teacher_id, teachers, grade, members, slot)
        )


def _spread_grades(by_grade: dict[str, list[str]], slots: int) -> list[str]:
    """Give each grade a share of sections proportional to its students."""
    order = [g for g, members in by_grade.items() for _ in members]
    if not order:
        return [next(iter(by_grade))] * slots
    return [order[(2 * i + 1) * len(order) // (2 * slots)] for i in range(slots)]


def _take_round_robin(pool: list[str], cursors: dict[str, int], grade: str, size: int) -> list[str]:
    """Cycle through the grade's students so seats spread evenly."""
    size = min(size, len(pool))
    start = cursors[grade]
    cursors[grade] = start + size
    return sorted(pool[(start + k) % len(pool)] for k in range(size))


def _make_section(
    b: _Builder,
    plan: SchoolPlan,
    school_id: str,
    teacher_id: str,
    school_teachers: list[str],
    grade: str,
    members: list[str],
    slot: int,
) -> Record:
    rng = b.rng
    section_number = len(b.out.sections)
    if plan.band == "elementary":
        subject = ELEMENTARY_SUBJECTS[slot % len(ELEMENTARY_SUBJECTS)]
        period = rng.choice(("", "", "AM", "PM", "1"))
    else:
        subject = str(pick(rng, SUBJECTS, section_number))
        period = rng.choice(("1", "2", "3", "4", "5", "6", "7", "Block A", "Block B", "HR"))
    teachers = [teacher_id]
    others = [t for t in school_teachers if t != teacher_id]
    if others and rng.random() < CO_TAUGHT_SHARE:
        teachers += rng.sample(others, min(len(others), rng.randint(1, 3)))
    label = (subject or "General").split("/")[0].title()
    return {
        "id": b.ids["section"].next(),
        "district": b.out.id,
        "school": school_id,
        "name": f"{label} {grade} - {period or 'Class'} ({section_number + 1})",
        "grade": grade,
        "subject": subject,
        "period": period,
        "course": b.course_for(subject, grade),
        # Every generated section runs the whole school year: a semester's sections would
        # be archived as soon as the semester ended.
        "term_id": b.out.terms[0]["id"],
        "sis_id": f"SEC{10_000 + section_number}",
        "section_number": "" if rng.random() < 0.6 else str(section_number + 1),
        "teacher": teachers[0],
        "teachers": teachers,
        "students": members,
        "created": b.created,
        "last_modified": b.created,
    }
