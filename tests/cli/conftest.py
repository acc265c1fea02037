from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.cli.main import cli
from clever_sandbox.server import RunningSandbox, serve_in_thread
from clever_sandbox.state import Sandbox


@dataclass
class Operator:
    """Runs `rostersync` commands against a sandboxed Clever and a fresh SQLite file."""

    env: dict[str, str]
    clever: RunningSandbox

    @property
    def sandbox(self) -> Sandbox:
        return self.clever.sandbox

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(cli, list(args), env=self.env, catch_exceptions=False)

    def json(self, *args: str) -> dict:
        result = self.run(*args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture(scope="module")
def clever() -> Iterator[RunningSandbox]:
    with serve_in_thread(Sandbox(seed=7, students=300)) as running:
        yield running


@pytest.fixture
def operator(clever: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Operator:
    monkeypatch.chdir(tmp_path)
    env = {
        "ROSTERSYNC_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "ROSTERSYNC_CLEVER_API_URL": clever.url,
        "ROSTERSYNC_CLEVER_OAUTH_URL": clever.url,
        "ROSTERSYNC_CLEVER_CLIENT_ID": "sandbox-client-id",
        "ROSTERSYNC_CLEVER_CLIENT_SECRET": "sandbox-client-secret",
        "ROSTERSYNC_CELERY_BROKER_URL": "",
    }
    op = Operator(env, clever)
    assert op.run("migrate").exit_code == 0
    return op
