"""ForgetDistrict: a district that disconnects takes its people's data with it."""

from __future__ import annotations

from application.ports import UnitOfWorkFactory


class ForgetDistrict:
    """Every person, account, class and roster of the district is deleted; their sessions end
    because the accounts behind them are gone."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow

    def __call__(self, district_id: str) -> int:
        with self.uow() as uow:
            removed = uow.rosters.forget_district(district_id)
            uow.commit()
            return removed
