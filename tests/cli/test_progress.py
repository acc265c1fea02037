"""Long commands show progress on a terminal only: with --json, or when stdout is a pipe, the
output is exactly what a script reads, and stderr stays empty."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from rich.console import Console

from adapters.cli import progress
from tests.cli.conftest import Operator


def synced_district(operator: Operator) -> str:
    district = operator.sandbox.districts[0]
    operator.run("grant-premium", "--district", district)
    operator.json("sync-teacher", "--teacher", operator.sandbox.sample_teacher()["id"], "--json")
    return district


def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    def terminal_console(**options: Any) -> Console:
        return Console(file=sys.stderr, force_terminal=True)

    monkeypatch.setattr(progress, "on_terminal", lambda: True)
    monkeypatch.setattr(progress, "Console", terminal_console)


def test_json_output_stays_one_document_even_on_a_terminal(
    operator: Operator, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = synced_district(operator)
    as_terminal(monkeypatch)

    result = operator.run("sync-district", "--district", district, "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "succeeded"
    assert result.stderr == ""


def test_without_a_terminal_nothing_but_the_result_is_printed(operator: Operator) -> None:
    district = synced_district(operator)

    synced = operator.run("sync-district", "--district", district)
    forgotten = operator.run("forget-district", district, "--yes")

    assert synced.stdout.startswith("district sync succeeded: 1 teachers synced")
    assert forgotten.stdout.startswith(f"district {district}: ")
    assert synced.stderr == forgotten.stderr == ""


def test_on_a_terminal_the_long_commands_say_what_they_are_doing(
    operator: Operator, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = synced_district(operator)
    as_terminal(monkeypatch)

    synced = operator.run("sync-district", "--district", district)
    forgotten = operator.run("forget-district", district, "--yes")

    assert f"syncing district {district}" in synced.stderr
    assert f"deleting district {district}" in forgotten.stderr
    assert synced.exit_code == forgotten.exit_code == 0
