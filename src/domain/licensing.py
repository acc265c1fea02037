"""Premium licences: syncing with Clever needs one, for the teacher, a school or the district."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class LicenseScope(StrEnum):
    DISTRICT = "district"
    SCHOOL = "school"
    TEACHER = "teacher"


@dataclass(frozen=True, slots=True)
class PremiumLicense:
    scope: LicenseScope
    clever_id: str
    expires_on: date | None = None

    def active_on(self, today: date) -> bool:
        return self.expires_on is None or today <= self.expires_on

    def covers(self, teacher_id: str | None, district_id: str, school_ids: Iterable[str]) -> bool:
        """``teacher_id`` None: only district and school licences can cover."""
        if self.scope is LicenseScope.TEACHER:
            return teacher_id is not None and self.clever_id == teacher_id
        if self.scope is LicenseScope.DISTRICT:
            return self.clever_id == district_id
        return self.clever_id in set(school_ids)


def has_premium(
    licenses: Iterable[PremiumLicense],
    today: date,
    teacher_id: str | None,
    district_id: str,
    school_ids: Iterable[str],
) -> bool:
    schools = tuple(school_ids)
    return any(
        lic.active_on(today) and lic.covers(teacher_id, district_id, schools) for lic in licenses
    )
