"""ExportStudent, ExportDistrictStudents: the answer to a records request."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace

from application.ports import UnitOfWorkFactory
from application.ports.student_data import ProblemRecord, StudentRecord

STUDENTS_PER_READ = 500

# Who asked is the operator's shell; what was read is named by Clever ids only, never by a
# name or an email.
access_log = logging.getLogger("rostersync.access")


class StudentNotFound(LookupError):
    """No student with this Clever id is stored."""


class DistrictNotFound(LookupError):
    """No student of this district is stored."""


class ExportStudent:
    """Every stored fact about one student: the record, demographics, classes and enrolment
    history, the sync problems that named them and every demographics audit entry."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow

    def __call__(self, clever_id: str) -> StudentRecord:
        with self.uow() as uow:
            found = uow.student_records.records([clever_id])
            if not found:
                raise StudentNotFound(f"no student with Clever id {clever_id!r} is stored")
            district_id = found[0].student.district_id
            problems = uow.student_records.problems_by_student(district_id)
        access_log.info(
            "student records exported: student %s of district %s", clever_id, district_id
        )
        return _with_problems(found[0], problems)


class ExportDistrictStudents:
    """Every stored student of a district, as ExportStudent gives each, read a few hundred at a
    time (one transaction each) so a large district never sits in memory at once."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow

    def __call__(self, district_id: str) -> Iterator[StudentRecord]:
        with self.uow() as uow:
            student_ids = uow.student_records.district_student_ids(district_id)
            if not student_ids:
                raise DistrictNotFound(f"no student of district {district_id!r} is stored")
            problems = uow.student_records.problems_by_student(district_id)
        access_log.info(
            "student records exported: %d students of district %s", len(student_ids), district_id
        )
        return self._records(student_ids, problems)

    def _records(
        self, student_ids: list[str], problems: dict[str, list[ProblemRecord]]
    ) -> Iterator[StudentRecord]:
        for start in range(0, len(student_ids), STUDENTS_PER_READ):
            with self.uow() as uow:
                batch = uow.student_records.records(student_ids[start : start + STUDENTS_PER_READ])
            for record in batch:
                yield _with_problems(record, problems)


def _with_problems(
    record: StudentRecord, problems: dict[str, list[ProblemRecord]]
) -> StudentRecord:
    return replace(record, sync_problems=tuple(problems.get(record.student.clever_id, ())))
