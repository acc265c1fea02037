"""`rostersync bench` runs the checkout's benchmarks, and says how to get them when they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.cli import runtime
from adapters.cli.main import cli


def test_bench_runs_the_checkouts_bench_with_its_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "__init__.py").write_text("")
    (tmp_path / "bench" / "__main__.py").write_text(
        "import sys\nprint('bench ran with', *sys.argv[1:])\nsys.exit(3)\n"
    )
    monkeypatch.setattr(runtime, "CHECKOUT", tmp_path)

    result = CliRunner().invoke(cli, ["bench", "--students", "5000", "--quick"])

    assert result.stdout == "bench ran with --students=5000 --quick\n"
    assert result.exit_code == 3


def test_bench_refuses_a_district_size_it_cannot_generate() -> None:
    result = CliRunner().invoke(cli, ["bench", "--students", "-5"])

    assert result.exit_code == 2
    assert "--students" in result.output


def test_without_a_checkout_bench_says_how_to_run_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime, "CHECKOUT", tmp_path)

    result = CliRunner().invoke(cli, ["bench", "--quick"])

    assert result.exit_code == 1
    assert "make bench" in result.output
    assert "Traceback" not in result.output
