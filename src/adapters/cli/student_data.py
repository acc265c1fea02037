"""Student data commands: retention, and the export that answers a records request."""

from __future__ import annotations

import json
import logging

import click

from adapters.cli import wiring
from adapters.cli.context import CliError, friendly_errors
from adapters.cli.student_json import retention_json, retention_lines, student_json
from application.export_students import DistrictNotFound, StudentNotFound
from application.retention import RetentionCommand


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def retention(dry_run: bool, as_json: bool) -> None:
    """Apply the retention settings now (the daily task does the same): departed students'
    grade and demographics, old audit entries, old sync runs."""
    with friendly_errors():
        services = wiring.services()
        result = services.apply_retention(RetentionCommand(dry_run=dry_run))
    if as_json:
        click.echo(json.dumps(retention_json(result)))
    else:
        click.echo("\n".join(retention_lines(result)))


@click.command("export-student")
@click.argument("clever_id", required=False, metavar="CLEVER_ID")
@click.option(
    "--district", "district_id", metavar="CLEVER_ID", help="Every student of this district."
)
def export_student(clever_id: str | None, district_id: str | None) -> None:
    """Print every stored fact about a student as one JSON document (a records request), or
    with --district one JSON line per student of the district. The access is logged, by
    Clever id only."""
    if (clever_id is None) == (district_id is None):
        raise click.UsageError("give exactly one of CLEVER_ID or --district CLEVER_ID")
    logging.getLogger("rostersync.access").setLevel(logging.INFO)
    with friendly_errors():
        services = wiring.services()
        try:
            if district_id is not None:
                for record in services.export_district_students(district_id.strip()):
                    click.echo(json.dumps(student_json(record)))
            elif clever_id is not None:
                record = services.export_student(clever_id.strip())
                click.echo(json.dumps(student_json(record), indent=2))
        except (StudentNotFound, DistrictNotFound) as exc:
            raise CliError(str(exc)) from None
