"""Operator commands: Premium licences and a district's right to be forgotten."""

from __future__ import annotations

from datetime import date, datetime

import click

from adapters.cli import wiring
from adapters.cli.context import CliError, friendly_errors
from adapters.cli.progress import working
from application.premium_grants import GrantPremiumCommand
from domain.licensing import LicenseScope


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2027-06-30") from None


@click.command("grant-premium")
@click.option("--district", metavar="CLEVER_ID", help="Every teacher of this district.")
@click.option("--school", metavar="CLEVER_ID", help="Every teacher of this school.")
@click.option("--teacher", metavar="CLEVER_ID", help="One teacher.")
@click.option(
    "--until", metavar="DATE", callback=_parse_date, help="Last day of the licence (YYYY-MM-DD)."
)
def grant_premium(
    district: str | None, school: str | None, teacher: str | None, until: date | None
) -> None:
    """Give Premium (which syncing needs) to a district, a school or a teacher."""
    chosen = [
        (s, v)
        for s, v in (
            (LicenseScope.DISTRICT, district),
            (LicenseScope.SCHOOL, school),
            (LicenseScope.TEACHER, teacher),
        )
        if v
    ]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --district, --school or --teacher")
    scope, raw_id = chosen[0]
    clever_id = raw_id.strip()
    with friendly_errors():
        services = wiring.services()
        if not _known(services, scope, clever_id):
            raise CliError(
                f"no {scope.value} with Clever id {clever_id!r} in any connected district"
            )
        try:
            services.grant_premium(GrantPremiumCommand(scope, clever_id, until))
        except ValueError as exc:
            raise CliError(str(exc)) from None
    ending = f" until {until.isoformat()}" if until else ""
    click.echo(f"Premium granted to {scope.value} {clever_id}{ending}")


def _known(services: wiring.Services, scope: LicenseScope, clever_id: str) -> bool:
    from application.errors import CleverError

    directory = services.directory
    uow_factory = services.uow
    try:
        if scope is LicenseScope.DISTRICT:
            return clever_id in directory.connected_district_ids()
        if scope is LicenseScope.SCHOOL:
            return directory.school_district(clever_id) is not None
        with uow_factory() as uow:
            if uow.rosters.get_teacher(clever_id) is not None:
                return True
        person = directory.find_person(clever_id)
        return person is not None and person.role == "teacher"
    except CleverError as exc:
        raise CliError(f"Clever could not be asked about {clever_id!r}: {exc}") from None


@click.command("forget-district")
@click.argument("district_id", metavar="CLEVER_ID")
@click.option(
    "--yes", is_flag=True, help="Do not ask for confirmation (never asked without a terminal)."
)
def forget_district(district_id: str, yes: bool) -> None:
    """Delete every person, class and roster of a district that disconnected, and end their sessions."""
    import sys

    interactive = sys.stdin is not None and sys.stdin.isatty()
    if (
        interactive
        and not yes
        and not click.confirm(f"Delete all data of district {district_id}?", default=False)
    ):
        raise CliError("nothing deleted")
    with friendly_errors():
        services = wiring.services()
        with working(f"deleting district {district_id.strip()}"):
            removed = services.forget_district(district_id.strip())
    click.echo(f"district {district_id}: {removed} records deleted")
