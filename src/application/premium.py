"""The Premium gate, shared by every sync path."""

from __future__ import annotations

from datetime import date

from application.ports import UnitOfWork
from domain.licensing import has_premium
from domain.roster import Teacher


def teacher_has_premium(uow: UnitOfWork, teacher: Teacher, today: date) -> bool:
    licenses = uow.licenses.covering(teacher.clever_id, teacher.district_id, teacher.school_ids)
    return has_premium(licenses, today, teacher.clever_id, teacher.district_id, teacher.school_ids)
