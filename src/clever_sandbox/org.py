"""District, school, term and course records of a generated district."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .enums import ELEMENTARY_GRADES, HIGH_GRADES, MIDDLE_GRADES
from .records import Record

PLACES = (
    "Maple",
    "Riverside",
    "Lincoln",
    "Oak Hill",
    "Cedar",
    "Washington",
    "Lakeview",
    "Sunset",
    "Franklin",
    "Highland",
    "Jefferson",
    "Pine Ridge",
)
# Students per teacher by band; elementary classes are bigger and fewer per
# student, secondary students see more teachers. Overall this lands near 20.
STUDENTS_PER_TEACHER = {"elementary": 25, "middle": 17, "high": 16}
BAND_LABEL = {"elementary": "Elementary School", "middle": "Middle School", "high": "High School"}


@dataclass(frozen=True, slots=True)
class SchoolPlan:
    band: str
    grades: tuple[str, ...]
    students: int
    teachers: int


def iso(epoch_seconds: float) -> str:
    """Clever's timestamp format, e.g. 2023-07-24T16:05:11.000Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch_seconds)) + ".000Z"


def plan_schools(students: int) -> list[SchoolPlan]:
    count = max(2, round(students / 500))
    high = max(1, round(count * 0.25))
    middle = round(count * 0.25) if count >= 3 else 0
    elementary = count - high - middle
    elementary_grades = ELEMENTARY_GRADES if middle else ELEMENTARY_GRADES + MIDDLE_GRADES
    bands = (
        [("elementary", elementary_grades)] * elementary
        + [("middle", MIDDLE_GRADES)] * middle
        + [("high", HIGH_GRADES)] * high
    )
    weights = [len(grades) for _, grades in bands]
    total_weight = sum(weights)
    sizes = [students * w // total_weight for w in weights]
    for i in range(students - sum(sizes)):
        sizes[i % len(sizes)] += 1
    return [
        SchoolPlan(band, grades, size, max(1, round(size / STUDENTS_PER_TEACHER[band])))
        for (band, grades), size in zip(bands, sizes, strict=True)
    ]


def make_district(district_id: str, index: int, seed: int, created: str) -> Record:
    place = PLACES[(seed + index) % len(PLACES)]
    domain = f"{place.lower().replace(' ', '')}{index or ''}.example.org"
    return {
        "id": district_id,
        "name": f"{place} Unified School District" + (f" {index + 1}" if index else ""),
        "state": "running",
        "last_sync": created,
        "launch_date": created[:10],
        "login_methods": ["Clever Badges", "Google"],
        "sis_type": "sftp",
        "mdr_number": f"{2_000_000 + seed % 1000 * 10 + index}",
        "nces_id": f"{600_000 + seed % 1000 * 10 + index}",
        "portal_url": f"https://clever.com/in/{domain.split('.')[0]}",
        "lms_state": "",
        "lms_type": "",
        "district_contact": {
            "district": district_id,
            "email": f"it@{domain}",
            "name": {"first": "Pat", "middle": "", "last": "Rivera"},
            "title": "Director of Technology",
        },
    }


def make_school(
    school_id: str, district_id: str, number: int, plan: SchoolPlan, created: str, domain: str
) -> Record:
    place = PLACES[number % len(PLACES)] + ("" if number < len(PLACES) else f" {number}")
    return {
        "id": school_id,
        "district": district_id,
        "name": f"{place} {BAND_LABEL[plan.band]}",
        "created": created,
        "last_modified": created,
        "low_grade": plan.grades[0],
        "high_grade": plan.grades[-1],
        "school_number": f"{100 + number}",
        "sis_id": f"SCH{100 + number}",
        "state_id": f"ST-{5000 + number}",
        "nces_id": f"0600{number:04d}",
        "mdr_number": f"{9_000_000 + number}",
        "phone": f"(555) 010-{1000 + number}",
        "location": {
            "address": f"{100 + number * 7} {place} Ave",
            "city": "Springfield",
            "state": "CA",
            "zip": f"9{4000 + number}",
        },
        "principal": {"name": f"Principal {place}", "email": f"principal{number}@{domain}"},
    }


def make_course(course_id: str, district_id: str, subject: str, grade: str, number: int) -> Record:
    label = (subject or "general").split("/")[0].title()
    return {
        "id": course_id,
        "district": district_id,
        "name": f"{label} {grade}",
        "number": f"C{number:04d}",
    }
