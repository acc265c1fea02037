"""The generated district is deterministic and shaped like a real one."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from clever_sandbox.enums import ABSENT, STUDENT_DEMOGRAPHICS, SUBJECTS
from clever_sandbox.generate import District, generate_district

HEX_ID = re.compile(r"^[0-9a-f]{24}$")


@pytest.fixture(scope="module")
def district() -> District:
    return generate_district(seed=42, students=3000)


def test_same_seed_same_data_and_other_seed_differs() -> None:
    a, b = generate_district(7, 400), generate_district(7, 400)
    assert a == b
    c = generate_district(8, 400)
    assert {s["id"] for s in a.students}.isdisjoint({s["id"] for s in c.students})
    assert [s["name"] for s in a.students] != [s["name"] for s in c.students]
    assert generate_district(7, 400, district_index=1).id != a.id


def test_ids_are_clever_like_and_ascending(district: District) -> None:
    for records in (
        district.schools,
        district.terms,
        district.courses,
        district.teachers,
        district.students,
        district.sections,
    ):
        ids = [r["id"] for r in records]
        assert all(HEX_ID.match(i) for i in ids)
        assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_ratios(district: District) -> None:
    assert len(district.schools) == 6
    assert 15 <= len(district.students) / len(district.teachers) <= 25
    per_teacher = Counter(s["teacher"] for s in district.sections)
    assert set(per_teacher.values()) <= set(range(4, 8))
    assert len(per_teacher) == len(district.teachers)
    sizes = [len(s["students"]) for s in district.sections]
    assert min(sizes) >= 15 and max(sizes) <= 35
    assert 20 <= sum(sizes) / len(sizes) <= 28


def test_students_take_several_sections_fewer_in_elementary(district: District) -> None:
    seats = Counter(m for s in district.sections for m in s["students"])
    low_grade = {s["id"]: s["low_grade"] for s in district.schools}
    elementary = [
        seats[u["id"]]
        for u in district.students
        if low_grade[u["roles"]["student"]["school"]] == "Kindergarten"
    ]
    secondary = [
        seats[u["id"]]
        for u in district.students
        if low_grade[u["roles"]["student"]["school"]] != "Kindergarten"
    ]
    assert min(elementary) >= 2 and min(secondary) >= 5
    assert sum(elementary) / len(elementary) < sum(secondary) / len(secondary)


def test_sections_follow_their_school_band(district: District) -> None:
    students = {u["id"]: u for u in district.students}
    schools = {s["id"]: s for s in district.schools}
    for section in district.sections:
        assert section["grade"] in _band(schools[section["school"]])
        assert {students[m]["roles"]["student"]["grade"] for m in section["students"]} == {
            section["grade"]
        }
        assert section["teacher"] == section["teachers"][0]
        assert len(set(section["teachers"])) == len(section["teachers"]) <= 4


def _band(school: dict) -> list[str]:
    grades = ["Kindergarten", *map(str, range(1, 13))]
    return grades[grades.index(school["low_grade"]) : grades.index(school["high_grade"]) + 1]


def test_a_fifth_of_sections_are_co_taught(district: District) -> None:
    share = sum(len(s["teachers"]) > 1 for s in district.sections) / len(district.sections)
    assert 0.15 <= share <= 0.25


def test_demographics_cover_every_value_blank_and_absent(district: District) -> None:
    roles = [u["roles"]["student"] for u in district.students]
    for field, values in STUDENT_DEMOGRAPHICS.items():
        seen = {r.get(field, ABSENT) for r in roles}
        assert seen == set(values), field
    assert {s["subject"] for s in district.sections} == set(SUBJECTS)
    assert any(r["graduation_year"] == "" for r in roles)
    assert any(s["section_number"] == "" for s in district.sections)


def test_names_and_emails(district: District) -> None:
    names = {u["name"]["first"] for u in district.students} | {
        u["name"]["last"] for u in district.students
    }
    assert {"José", "Zoë", "Nguyễn"} & names
    assert any(not n.isascii() for n in names)
    emails = Counter(u["email"] for u in district.students)
    assert any(count > 1 for count in emails.values())
    assert all(u["email"] == u["roles"]["student"]["email"] for u in district.students)


def test_a_fifty_thousand_student_district_has_every_student_once() -> None:
    # How fast it is generated is the bench's concern (make bench), never a test's.
    big = generate_district(1, 50_000)

    assert len(big.students) == 50_000
    assert len({u["id"] for u in big.students}) == 50_000
