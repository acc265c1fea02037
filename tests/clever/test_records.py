"""Tolerant reading: odd but legal values pass, malformed records become problems and are skipped."""

from __future__ import annotations

import httpx
import respx

from adapters.clever import HttpxCleverDirectory
from domain.snapshot import RosterSnapshot
from tests.clever.districts import whole_district
from tests.clever.payloads import (
    DISTRICT,
    NameFactory,
    SectionFactory,
    StudentFactory,
    StudentRoleFactory,
    TeacherFactory,
    listing,
)


def pull(
    clever: respx.MockRouter,
    directory: HttpxCleverDirectory,
    sections: list[dict],
    teachers: list[dict] = (),  # type: ignore[assignment]
    students: list[dict] = (),  # type: ignore[assignment]
) -> RosterSnapshot:
    clever.get("/v3.1/sections").mock(
        return_value=httpx.Response(200, json=listing(sections, "sections"))
    )
    clever.get("/v3.1/users", params={"role": "teacher"}).mock(
        return_value=httpx.Response(200, json=listing(list(teachers), "users"))
    )
    clever.get("/v3.1/users", params={"role": "student"}).mock(
        return_value=httpx.Response(200, json=listing(list(students), "users"))
    )
    return whole_district(directory, DISTRICT)


def test_malformed_records_become_problems_while_the_rest_comes_through(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    good_section = SectionFactory()
    bad_section = SectionFactory(teachers="t1")
    good_student = StudentFactory()
    no_name_object = StudentFactory(name="Jane Doe")
    no_id = StudentFactory(id=None)
    wrong_roles = TeacherFactory(roles=["teacher"])

    snapshot = pull(
        clever,
        directory,
        [good_section, bad_section],
        [wrong_roles],
        [good_student, no_name_object, no_id],
    )

    assert [s.id for s in snapshot.sections] == [good_section["id"]]
    assert list(snapshot.people) == [good_student["id"]]
    found = {(p.record_type, p.clever_id, p.field) for p in snapshot.problems}
    assert found == {
        ("section", bad_section["id"], "teachers"),
        ("teacher", wrong_roles["id"], "roles"),
        ("student", no_name_object["id"], "name"),
        ("student", "", "id"),
    }


def test_a_section_that_cannot_be_read_is_never_taken_for_gone(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    from application.district_slice import DistrictSlicer, WholeDistrict

    good = SectionFactory()
    unreadable = SectionFactory(students={"a": 1})
    snapshot = pull(clever, directory, [good, unreadable])

    assert ("section", unreadable["id"]) in {
        (p.record_type, p.clever_id) for p in snapshot.problems
    }
    slicer = DistrictSlicer(WholeDistrict(snapshot), ["someone"])
    sliced = slicer("someone", {good["id"], unreadable["id"]})
    assert sliced.gone_section_ids == frozenset()


def test_empty_strings_nulls_and_unknown_keys_are_read_as_unset(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    section = SectionFactory(
        subject="",
        period=None,
        grade="",
        teacher="",
        term_id=None,
        lms_status=None,
        brand_new_field={"x": 1},
    )
    del section["students"]
    student = StudentFactory(
        email="",
        name={"first": "  Ana ", "middle": None, "last": "de  la Cruz"},
        roles={"student": {"grade": None, "schools": None, "school": "", "ell_status": ""}},
        some_future_key=[1, 2],
    )

    snapshot = pull(clever, directory, [section], [], [student])

    read = snapshot.sections[0]
    assert (read.subject, read.period, read.grade, read.teacher_id) == (None, None, None, None)
    assert read.student_ids == ()
    person = snapshot.people[student["id"]]
    assert person.name == "Ana de la Cruz"
    assert person.email is None
    assert person.grade is None
    assert person.school_ids == ()
    assert dict(person.demographics) == {}


def test_people_carry_raw_grade_and_only_the_demographics_the_district_shares(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    role = StudentRoleFactory(grade="Kindergarten", race="Two or More Races")
    del role["iep_status"], role["frl_status"]
    student = StudentFactory(
        name=NameFactory(first="Mia", middle="Q", last="Wong"), roles={"student": role}
    )
    teacher = TeacherFactory(name=NameFactory(first="Ed", last="Ng"))

    snapshot = pull(clever, directory, [], [teacher], [student])

    mia = snapshot.people[student["id"]]
    assert (mia.role, mia.name, mia.grade, mia.district_id) == (
        "student",
        "Mia Q Wong",
        "Kindergarten",
        DISTRICT,
    )
    assert dict(mia.demographics) == {
        "ell_status": "N",
        "hispanic_ethnicity": "Y",
        "race": "Two or More Races",
        "gender": "F",
    }
    assert mia.email == student["email"] and mia.school_ids == (role["school"],)
    ed = snapshot.people[teacher["id"]]
    assert (ed.role, ed.name, ed.grade, dict(ed.demographics)) == ("teacher", "Ed Ng", None, {})


def test_values_outside_clevers_enums_are_passed_on_for_the_domain_to_judge(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    section = SectionFactory(grade="Grade Seven")
    student = StudentFactory(roles={"student": StudentRoleFactory(grade=7, ell_status="Maybe")})

    snapshot = pull(clever, directory, [section], [], [student])

    assert snapshot.sections[0].grade == "Grade Seven"
    person = snapshot.people[student["id"]]
    assert person.grade == 7 and person.demographics["ell_status"] == "Maybe"


def test_users_with_neither_teacher_nor_student_role_are_left_out_quietly(
    clever: respx.MockRouter, directory: HttpxCleverDirectory
) -> None:
    staff = TeacherFactory(roles={"staff": {"title": "Nurse"}, "teacher": None})

    snapshot = pull(clever, directory, [], [staff], [])

    assert snapshot.people == {} and snapshot.problems == ()
