"""Premium licences in SQL."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, and_, insert, or_, select

from adapters.sqlalchemy.tables import premium_licenses as lic
from domain.licensing import LicenseScope, PremiumLicense


class SqlAlchemyLicenseRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, license: PremiumLicense) -> None:
        self.conn.execute(
            insert(lic).values(
                scope=license.scope.value,
                clever_id=license.clever_id,
                expires_on=license.expires_on,
            )
        )

    def covering(
        self, teacher_id: str | None, district_id: str, school_ids: Collection[str]
    ) -> list[PremiumLicense]:
        conditions = [
            and_(lic.c.scope == LicenseScope.DISTRICT.value, lic.c.clever_id == district_id),
        ]
        if teacher_id is not None:
            conditions.append(
                and_(lic.c.scope == LicenseScope.TEACHER.value, lic.c.clever_id == teacher_id)
            )
        if school_ids:
            conditions.append(
                and_(
                    lic.c.scope == LicenseScope.SCHOOL.value, lic.c.clever_id.in_(list(school_ids))
                )
            )
        rows = self.conn.execute(select(lic).where(or_(*conditions)).order_by(lic.c.id))
        return [PremiumLicense(LicenseScope(r.scope), r.clever_id, r.expires_on) for r in rows]
