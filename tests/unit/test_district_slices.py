"""A batch of teachers reads its part of a pulled district, kept on disk; every slice it cuts
is the slice the whole district held in memory gives: the same sections in the same order,
the same people, gone sections and problems. Districts are generated with teachers across
schools, students in several schools, records Clever did not send or could not read, and
stored classes Clever no longer has."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from adapters.clever.district_spill import SpilledDistrict
from application.district_slice import DistrictSlicer, WholeDistrict
from domain.problems import Problem
from domain.snapshot import CleverPerson, CleverSection, RosterSnapshot
from domain.term import Term

DISTRICT = "d1"


def generated(seed: int) -> RosterSnapshot:
    rng = random.Random(seed)
    schools = [f"sch{n}" for n in range(4)]
    teachers = [f"t{n:03}" for n in range(40)]
    students = [f"s{n:04}" for n in range(400)]
    sections = []
    for n in range(90):
        school = rng.choice(schools)
        # Any teacher of the district, whatever their school: some teach in several.
        listed = rng.sample(teachers, rng.choice((1, 1, 1, 2, 3)))
        sections.append(
            CleverSection(
                id=f"sec{rng.randrange(10**6):06}x{n}",
                district_id=DISTRICT,
                school_id=school,
                name=f"Section {n}",
                subject=rng.choice((None, "math", "")),
                period=rng.choice((None, "1")),
                grade=rng.choice((None, "5", 7, ["odd"])),
                teacher_id=listed[0] if rng.random() < 0.9 else None,
                teacher_ids=tuple(listed[1:] if rng.random() < 0.2 else listed),
                # Students of any school; a few ids Clever sends no record for.
                student_ids=tuple(rng.sample([*students, "ghost1", "ghost2"], rng.randint(0, 30))),
                term_id=rng.choice((None, "term1")),
            )
        )
    people: dict[str, CleverPerson] = {}
    for person_id in [*teachers, *students]:  # teachers first, as the listings come
        if rng.random() < 0.03:
            continue  # unreadable: a problem, no record
        role = "teacher" if person_id.startswith("t") else "student"
        people[person_id] = CleverPerson(
            id=person_id,
            district_id=DISTRICT,
            role=role,
            name=f"Name {person_id}",
            email=rng.choice((None, f"{person_id}@example.org")),
            school_ids=tuple(rng.sample(schools, rng.randint(1, 2))),
            grade=rng.choice((None, "5", "Kindergarten")) if role == "student" else None,
            demographics={"ell_status": "Y", "race": "Asian"} if rng.random() < 0.5 else {},
        )
    problems = [
        Problem("student" if pid.startswith("s") else "teacher", pid, "name", "unreadable")
        for pid in [*teachers, *students]
        if pid not in people
    ]
    problems += [Problem("section", f"broken{n}", "teachers", "not a list") for n in range(3)]
    problems += [Problem("student", rng.choice(students), "id", "listed more than once")]
    rng.shuffle(problems)
    return RosterSnapshot(
        sections=tuple(sections),
        people=people,
        complete=True,
        problems=tuple(problems),
        terms={"term1": Term("term1", "Year", None, None)},
    )


def spilled(snapshot: RosterSnapshot) -> SpilledDistrict:
    """As a pull writes it: problems, sections, the teacher list, then the student list (where
    a teacher shows up again as a student, and loses to their teacher record)."""
    spill = SpilledDistrict()
    spill.terms = snapshot.terms
    spill.add_problems(enumerate(snapshot.problems))
    place = len(snapshot.problems)
    spill.add_sections([(place + n, s) for n, s in enumerate(snapshot.sections)])
    place += len(snapshot.sections)
    for role in ("teacher", "student"):
        people = [p for p in snapshot.people.values() if p.role == role]
        if role == "student":
            people.insert(0, replace(next(iter(snapshot.people.values())), role="student"))
        spill.add_people(role, [(place + n, p) for n, p in enumerate(people)])
        place += len(people)
    spill.done()
    return spill


def known_sets(snapshot: RosterSnapshot, seed: int) -> dict[str, set[str]]:
    """Per teacher, stored classes: some they still teach, some other teachers', some Clever
    no longer has, some it could not read."""
    rng = random.Random(seed)
    ids = [s.id for s in snapshot.sections]
    teachers = sorted({t for s in snapshot.sections for t in s.all_teacher_ids} | {"t999"})
    return {
        t: set(rng.sample(ids, rng.randint(0, 4)))
        | ({f"gone{rng.randrange(5)}"} if rng.random() < 0.3 else set())
        | ({"broken1"} if rng.random() < 0.2 else set())
        for t in teachers
    }


@pytest.mark.parametrize("seed", range(6))
def test_each_batch_slices_its_part_as_the_whole_district_would(seed: int) -> None:
    snapshot = generated(seed)
    known = known_sets(snapshot, seed)
    whole = DistrictSlicer(WholeDistrict(snapshot), list(known))
    spill = spilled(snapshot)
    try:
        teachers = sorted(known)
        for start in range(0, len(teachers), 7):
            batch = teachers[start : start + 7]
            sliced = DistrictSlicer(spill, batch)
            for teacher_id in batch:
                assert sliced.scope(teacher_id, set()) == whole.scope(teacher_id, set())
                assert sliced.scope(teacher_id, known[teacher_id]) == whole.scope(
                    teacher_id, known[teacher_id]
                )
                assert sliced(teacher_id, known[teacher_id]) == whole(teacher_id, known[teacher_id])
            people = set().union(*(sliced.scope(t, known[t])[1] for t in batch))
            assert sliced.carried(people) == whole.carried(people)
    finally:
        spill.close()


def test_a_slice_finds_gone_and_unreadable_sections_among_stored_classes() -> None:
    snapshot = generated(1)
    spill = spilled(snapshot)
    try:
        teacher = snapshot.sections[0].all_teacher_ids[0]
        other = next(s.id for s in snapshot.sections if teacher not in s.all_teacher_ids)
        sliced = DistrictSlicer(spill, [teacher])(teacher, {other, "gone1", "broken1"})
    finally:
        spill.close()
    assert other in {s.id for s in sliced.sections}
    assert sliced.gone_section_ids == frozenset({"gone1"})  # an unreadable one is not gone


def test_the_district_kept_on_disk_reads_back_whole_as_it_was_pulled() -> None:
    snapshot = generated(2)
    spill = spilled(snapshot)
    try:
        assert spill.whole() == snapshot
    finally:
        spill.close()
