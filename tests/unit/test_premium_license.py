"""PremiumLicense: who a licence covers, and until when."""

from __future__ import annotations

from datetime import date

import pytest

from domain.licensing import LicenseScope, PremiumLicense, has_premium

TODAY = date(2026, 9, 1)
TEACHER, DISTRICT, SCHOOL = "t1", "d1", "s1"


@pytest.mark.parametrize(
    ("expires_on", "active"),
    [(None, True), (date(2027, 6, 30), True), (TODAY, True), (date(2026, 8, 31), False)],
)
def test_a_licence_is_active_through_its_last_day(expires_on: date | None, active: bool) -> None:
    licence = PremiumLicense(LicenseScope.DISTRICT, DISTRICT, expires_on)

    assert licence.active_on(TODAY) is active


@pytest.mark.parametrize(
    ("scope", "clever_id", "covers"),
    [
        (LicenseScope.TEACHER, TEACHER, True),
        (LicenseScope.TEACHER, "t2", False),
        (LicenseScope.SCHOOL, SCHOOL, True),
        (LicenseScope.SCHOOL, "s9", False),
        (LicenseScope.DISTRICT, DISTRICT, True),
        (LicenseScope.DISTRICT, "d2", False),
        # An id only counts at the scope it was granted for.
        (LicenseScope.SCHOOL, DISTRICT, False),
        (LicenseScope.DISTRICT, TEACHER, False),
        (LicenseScope.TEACHER, SCHOOL, False),
    ],
)
def test_a_licence_covers_its_teacher_school_or_district(
    scope: LicenseScope, clever_id: str, covers: bool
) -> None:
    licence = PremiumLicense(scope, clever_id)

    assert licence.covers(TEACHER, DISTRICT, [SCHOOL, "s2"]) is covers


def test_a_teacher_has_premium_when_any_active_licence_covers_them() -> None:
    expired = PremiumLicense(LicenseScope.TEACHER, TEACHER, date(2026, 1, 1))
    elsewhere = PremiumLicense(LicenseScope.DISTRICT, "d2")
    school = PremiumLicense(LicenseScope.SCHOOL, SCHOOL, date(2026, 12, 31))

    assert not has_premium([expired, elsewhere], TODAY, TEACHER, DISTRICT, [SCHOOL])
    assert has_premium([expired, elsewhere, school], TODAY, TEACHER, DISTRICT, iter([SCHOOL]))
    assert not has_premium([school], TODAY, TEACHER, DISTRICT, [])
