"""`rostersync`: one group, a command per operator task; every command reads ROSTERSYNC_ settings."""

from __future__ import annotations

import logging
import sys

import click

from adapters.cli import admin, explain, keys, roster, runtime, student_data


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log more detail to stderr.")
def cli(verbose: bool) -> None:
    """Clever rostering and single sign-on for a learning product."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


for command in (
    runtime.serve,
    runtime.worker,
    runtime.beat,
    runtime.migrate,
    runtime.sandbox,
    runtime.demo,
    runtime.bench,
    admin.grant_premium,
    admin.forget_district,
    keys.rotate_token_key,
    roster.sync_teacher,
    roster.sync_district,
    roster.show_roster,
    student_data.retention,
    student_data.export_student,
    explain.explain,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="rostersync")
