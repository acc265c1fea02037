"""GrantPremium: an operator gives a teacher, a school or a district Premium."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from application.ports import Clock, UnitOfWorkFactory
from domain.licensing import LicenseScope, PremiumLicense


@dataclass(frozen=True, slots=True)
class GrantPremiumCommand:
    scope: LicenseScope
    clever_id: str
    until: date | None = None


class GrantPremium:
    """A licence may end on a date; an end date in the past is refused."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def __call__(self, command: GrantPremiumCommand) -> PremiumLicense:
        if command.until is not None and command.until < self.clock.today():
            raise ValueError(f"the end date {command.until.isoformat()} is in the past")
        if not command.clever_id.strip():
            raise ValueError("a Clever id is required")
        license = PremiumLicense(command.scope, command.clever_id.strip(), command.until)
        with self.uow() as uow:
            uow.licenses.add(license)
            uow.commit()
        return license
