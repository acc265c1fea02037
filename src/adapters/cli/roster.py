"""Roster commands: sync a teacher or a district, show a teacher's roster."""

from __future__ import annotations

import json

import click

from adapters.clever.budget import background_priority
from adapters.cli import wiring
from adapters.cli.context import CliError, friendly_errors
from adapters.cli.output import district_json, roster_json, run_json
from adapters.cli.progress import working
from application.results import (
    PremiumRequired,
    SyncAlreadyRunning,
    SyncStarted,
    TeacherNotFound,
)
from application.sync_district import SyncDistrictCommand
from application.sync_teacher import SyncTeacherCommand
from domain.sync_run import SyncStatus, SyncTrigger

FINISHED = {SyncStatus.SUCCEEDED, SyncStatus.PARTIAL, SyncStatus.HELD}


@click.command("sync-teacher")
@click.option(
    "--teacher", "teacher_id", required=True, metavar="CLEVER_ID", help="The teacher's Clever id."
)
@click.option("--json", "as_json", is_flag=True, help="Print the sync run as JSON.")
def sync_teacher(teacher_id: str, as_json: bool) -> None:
    """Sync one teacher now (a manual sync: it starts rostering for that teacher)."""
    with friendly_errors():
        services = wiring.services()
        result = services.sync_teacher(SyncTeacherCommand(teacher_id.strip(), SyncTrigger.MANUAL))
    if isinstance(result, TeacherNotFound):
        raise CliError(f"no teacher with Clever id {teacher_id!r} in any connected district")
    if isinstance(result, PremiumRequired):
        raise CliError(f"teacher {teacher_id} has no active Premium licence; see grant-premium")
    if isinstance(result, SyncAlreadyRunning):
        raise CliError(f"a sync is already running for teacher {teacher_id}")
    assert isinstance(result, SyncStarted)
    run = result.run
    if as_json:
        click.echo(json.dumps(run_json(run)))
    else:
        counts = ", ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in run.counts.as_dict().items() if v
        )
        click.echo(f"sync {run.status.value}: {counts or 'no changes'}")
        for problem in run.problems:
            click.echo(
                f"  problem: {problem.record_type} {problem.clever_id} {problem.field}: {problem.message}"
            )
        if run.status is SyncStatus.HELD:
            click.echo(f"  held for the teacher's approval: {run.message}")
    if run.status not in FINISHED:
        raise CliError(f"sync {run.status.value}: {run.message or 'no reason given'}")


@click.command("sync-district")
@click.option(
    "--district",
    "district_id",
    required=True,
    metavar="CLEVER_ID",
    help="The district's Clever id.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def sync_district(district_id: str, as_json: bool) -> None:
    """Run the daily sync for one district now (teachers who have synced once, with Premium)."""
    with friendly_errors():
        services = wiring.services()
        if district_id.strip() not in services.directory.connected_district_ids():
            raise CliError(f"district {district_id!r} has not shared data with this Clever app")
        with (
            working(f"syncing district {district_id.strip()}", quiet=as_json),
            background_priority(),
        ):
            result = services.sync_district(
                SyncDistrictCommand(district_id.strip(), SyncTrigger.SCHEDULED)
            )
    if result.already_running:
        raise CliError(f"a sync is already running for district {district_id}")
    payload = district_json(result)
    if as_json:
        click.echo(json.dumps(payload))
    else:
        click.echo(
            f"district sync {payload['status']}: {len(result.runs)} teachers synced, "
            f"{len(result.skipped)} skipped"
        )
        for teacher_id, reason in result.skipped:
            click.echo(f"  skipped {teacher_id}: {reason}")
    if result.error:
        raise CliError(result.error)


@click.command("show-roster")
@click.option(
    "--teacher", "teacher_id", required=True, metavar="CLEVER_ID", help="The teacher's Clever id."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the roster as JSON (the stable format)."
)
def show_roster(teacher_id: str, as_json: bool) -> None:
    """Show a teacher's classes and their active students."""
    with friendly_errors():
        services = wiring.services()
        with services.uow() as uow:
            teacher = uow.rosters.get_teacher(teacher_id.strip())
        if teacher is None:
            raise CliError(f"no teacher with Clever id {teacher_id!r} has been synced")
        payload = roster_json(services.reader, teacher)
    if as_json:
        click.echo(json.dumps(payload))
        return
    click.echo(f"{payload['teacher']['name']} ({teacher.clever_id})")
    for klass in payload["classes"]:
        flag = " [archived]" if klass["archived"] else ""
        mode = "" if klass["sync_mode"] == "FOLLOW_CLEVER" else f" ({klass['sync_mode']})"
        click.echo(f"  {klass['name']}{flag}{mode}: {len(klass['students'])} students")
        for kept in klass["exceptions"]:
            until = f" until {kept['until']}" if kept["until"] else ""
            click.echo(f"    {kept['kind']} {kept['student_clever_id']}{until}")
