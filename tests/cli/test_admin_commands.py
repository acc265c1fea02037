from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import create_engine, text

from adapters.cli.main import cli
from tests.cli.conftest import Operator


def test_grant_premium_for_each_scope(operator: Operator) -> None:
    teacher = operator.sandbox.sample_teacher()
    school = teacher["roles"]["teacher"]["school"]
    assert (
        operator.run("grant-premium", "--teacher", teacher["id"], "--until", "2099-12-31").exit_code
        == 0
    )
    assert operator.run("grant-premium", "--school", school).exit_code == 0
    assert operator.run("grant-premium", "--district", operator.sandbox.districts[0]).exit_code == 0


def test_grant_premium_refuses_bad_input(operator: Operator) -> None:
    teacher = operator.sandbox.sample_teacher()["id"]
    bad_date = operator.run("grant-premium", "--teacher", teacher, "--until", "31/12/2099")
    assert bad_date.exit_code != 0 and "not a date" in bad_date.output
    past = operator.run("grant-premium", "--teacher", teacher, "--until", "2001-01-01")
    assert past.exit_code != 0 and "in the past" in past.output
    unknown = operator.run("grant-premium", "--district", "ffffffffffffffffffffffff")
    assert unknown.exit_code != 0 and "no district" in unknown.output
    both = operator.run("grant-premium", "--district", "a", "--teacher", "b")
    assert both.exit_code != 0 and "exactly one" in both.output


def test_forget_district_removes_its_people_and_rosters(operator: Operator) -> None:
    district = operator.sandbox.districts[0]
    teacher = operator.sandbox.sample_teacher()["id"]
    operator.run("grant-premium", "--district", district)
    operator.json("sync-teacher", "--teacher", teacher, "--json")

    result = operator.run("forget-district", district, "--yes")

    assert result.exit_code == 0, result.output
    assert operator.run("show-roster", "--teacher", teacher, "--json").exit_code != 0
    engine = create_engine(operator.env["ROSTERSYNC_DATABASE_URL"])
    with engine.connect() as conn:
        left = {
            table: conn.execute(text(f"select count(*) from {table}")).scalar_one()
            for table in (
                "teachers",
                "students",
                "classes",
                "class_teachers",
                "enrollments",
                "roster_history",
                "sync_runs",
                "accounts",
            )
        }
    engine.dispose()
    assert set(left.values()) == {0}, left


def test_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    env = {
        "ROSTERSYNC_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/none",
        "ROSTERSYNC_CLEVER_CLIENT_ID": "x",
        "ROSTERSYNC_CLEVER_CLIENT_SECRET": "y",
    }
    result = CliRunner().invoke(cli, ["show-roster", "--teacher", "t", "--json"], env=env)
    assert result.exit_code != 0
    assert "cannot reach the database" in result.output
    assert "Traceback" not in result.output


def test_invalid_settings_are_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["migrate"], env={"ROSTERSYNC_CLEVER_API_VERSION": "v9"})
    assert result.exit_code != 0
    assert "ROSTERSYNC_CLEVER_API_VERSION" in result.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name in cli.commands:  # type: ignore[attr-defined]
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.output
