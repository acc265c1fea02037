"""factory-boy builders for Clever Data API payloads, shaped like Clever's recorded answers."""

from __future__ import annotations

import factory

DISTRICT = "5b2ad81a709e300001e2cd2a"
SCHOOL = "5b2ad81a709e300001e2cd3b"


class NameFactory(factory.DictFactory):
    first = factory.Sequence(lambda n: f"First{n}")
    middle = ""
    last = factory.Sequence(lambda n: f"Last{n}")


class StudentRoleFactory(factory.DictFactory):
    grade = "7"
    school = SCHOOL
    schools = factory.LazyFunction(lambda: [SCHOOL])
    graduation_year = ""
    ell_status = "N"
    hispanic_ethnicity = "Y"
    iep_status = "N"
    frl_status = "Free"
    race = "Asian"
    gender = "F"


class StudentFactory(factory.DictFactory):
    id = factory.Sequence(lambda n: f"s{n:023d}")
    district = DISTRICT
    email = factory.LazyAttribute(lambda o: f"{o.id}@students.example.org")
    name = factory.SubFactory(NameFactory)
    roles = factory.LazyFunction(lambda: {"student": StudentRoleFactory()})


class TeacherFactory(factory.DictFactory):
    id = factory.Sequence(lambda n: f"t{n:023d}")
    district = DISTRICT
    email = factory.LazyAttribute(lambda o: f"{o.id}@example.org")
    name = factory.SubFactory(NameFactory)
    roles = factory.LazyFunction(lambda: {"teacher": {"school": SCHOOL, "schools": [SCHOOL]}})


class SectionFactory(factory.DictFactory):
    id = factory.Sequence(lambda n: f"c{n:023d}")
    district = DISTRICT
    school = SCHOOL
    name = factory.Sequence(lambda n: f"Period {n} Math")
    subject = "math"
    period = "1"
    grade = "7"
    section_number = ""
    teacher = None
    teachers = factory.LazyFunction(list)
    students = factory.LazyFunction(list)


def taught_by(teachers: list[dict], students: list[dict], **fields: object) -> dict:
    """A section whose first teacher is the primary one, as Clever sends it."""
    ids = [t["id"] for t in teachers]
    return SectionFactory(
        teacher=ids[0] if ids else None,
        teachers=ids,
        students=[s["id"] for s in students],
        **fields,
    )


def listing(
    records: list[dict], kind: str, version: str = "v3.1", next_uri: str | None = None
) -> dict:
    """One page of a list: items ``{"data", "uri"}`` and a ``next`` link when more follow."""
    links = [{"rel": "self", "uri": f"/{version}/{kind}"}]
    if next_uri:
        links.append({"rel": "next", "uri": next_uri})
    items = [{"data": r, "uri": "/".join(["", version, kind, r.get("id") or ""])} for r in records]
    return {"data": items, "links": links}


def one(record: dict, kind: str, version: str = "v3.1") -> dict:
    rid = record.get("id", "")
    return {"data": record, "links": [{"rel": "self", "uri": f"/{version}/{kind}/{rid}"}]}
