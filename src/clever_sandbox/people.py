"""Student and teacher user records (Clever v3.1 shape)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from .enums import ABSENT, STUDENT_DEMOGRAPHICS
from .names import FIRST_NAMES, LAST_NAMES, MIDDLE_INITIALS, TEACHER_TITLES, ascii_slug
from .records import Record

SCHOOL_YEAR_END = 2026


T = TypeVar("T")


def choose(rng: random.Random, options: Sequence[T]) -> T:
    # random.choice is ~3x slower; this path runs millions of times for 50k students.
    return options[int(rng.random() * len(options))]


def pick(rng: random.Random, options: Sequence[object], index: int) -> object:
    """The first len(options) records walk every option so each value appears."""
    return options[index] if index < len(options) else choose(rng, options)


def _grade_number(grade: str) -> int:
    return 0 if grade == "Kindergarten" else int(grade)


def _name(rng: random.Random) -> Record:
    return {
        "first": choose(rng, FIRST_NAMES),
        "middle": choose(rng, MIDDLE_INITIALS),
        "last": choose(rng, LAST_NAMES),
    }


def make_student(
    rng: random.Random,
    user_id: str,
    index: int,
    district_id: str,
    school_id: str,
    grade: str,
    created: str,
    domain: str,
) -> Record:
    name = _name(rng)
    number = 100_000 + index
    email = f"{ascii_slug(name['first'])}.{ascii_slug(name['last'])}{number}@students.{domain}"
    years_left = 12 - _grade_number(grade)
    birth_year = SCHOOL_YEAR_END - 6 - _grade_number(grade)
    role: Record = {
        "created": created,
        "last_modified": created,
        "credentials": {"district_username": f"s{number}"},
        "dob": f"{1 + int(rng.random() * 12)}/{1 + int(rng.random() * 28)}/{birth_year}",
        "email": email,
        "grade": grade,
        # Real districts often send "" here; high schoolers get a year.
        "graduation_year": str(SCHOOL_YEAR_END + years_left) if years_left < 4 else "",
        "school": school_id,
        "schools": [school_id],
        "sis_id": f"{number}",
        "state_id": f"S{number * 7 % 10_000_000:07d}",
        "student_number": f"{number}",
    }
    for field, options in STUDENT_DEMOGRAPHICS.items():
        value = pick(rng, options, index)
        if value is not ABSENT:
            role[field] = value
    return {
        "id": user_id,
        "district": district_id,
        "email": email,
        "name": name,
        "roles": {"student": role},
        "created": created,
        "last_modified": created,
    }


def make_teacher(
    rng: random.Random,
    user_id: str,
    index: int,
    district_id: str,
    school_id: str,
    created: str,
    domain: str,
) -> Record:
    name = _name(rng)
    number = 5_000 + index
    email = f"{ascii_slug(name['first'])}.{ascii_slug(name['last'])}{number}@{domain}"
    role = {
        "created": created,
        "last_modified": created,
        "credentials": {"district_username": f"t{number}"},
        "school": school_id,
        "schools": [school_id],
        "sis_id": f"T{number}",
        "state_id": f"TS{number}",
        "teacher_number": f"{number}",
        "title": choose(rng, TEACHER_TITLES),
    }
    return {
        "id": user_id,
        "district": district_id,
        "email": email,
        "name": name,
        "roles": {"teacher": role},
        "created": created,
        "last_modified": created,
    }


def share_family_emails(students: list[Record], every: int = 40) -> None:
    """Siblings sharing a parent's address: Clever does not dedupe e-mails."""
    for i in range(1, len(students), every):
        shared = students[i - 1]["email"]
        students[i]["email"] = shared
        students[i]["roles"]["student"]["email"] = shared
