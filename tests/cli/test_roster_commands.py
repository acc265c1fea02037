from __future__ import annotations

import pytest

from tests.cli.conftest import Operator

DEMOGRAPHICS = {"ell_status", "hispanic_ethnicity", "iep_status", "frl_status", "race", "gender"}


def test_a_manual_sync_rosters_the_teacher_and_show_roster_prints_it(operator: Operator) -> None:
    district = operator.sandbox.districts[0]
    teacher = operator.sandbox.sample_teacher()["id"]
    assert operator.run("grant-premium", "--district", district).exit_code == 0

    run = operator.json("sync-teacher", "--teacher", teacher, "--json")
    roster = operator.json("show-roster", "--teacher", teacher, "--json")

    sections = [s for s in operator.sandbox.sections() if teacher in s["teachers"]]
    assert run["status"] == "succeeded"
    assert run["counts"]["classes_created"] == len(sections)
    assert run["problems"] == []
    assert roster["teacher"]["clever_id"] == teacher
    by_id = {c["clever_section_id"]: c for c in roster["classes"]}
    assert set(by_id) == {s["id"] for s in sections}
    for section in sections:
        klass = by_id[section["id"]]
        assert klass["owner_clever_id"] == section["teacher"]
        assert set(klass["co_teacher_clever_ids"]) == set(section["teachers"]) - {
            section["teacher"]
        }
        assert {s["clever_id"] for s in klass["students"]} == set(section["students"])
        assert klass["archived"] is False
        term = next(t for t in operator.sandbox.terms() if t["id"] == section["term_id"])
        assert klass["term"] == {
            "name": term["name"],
            "start_date": term["start_date"][:10],
            "end_date": term["end_date"][:10],
        }
        for student in klass["students"]:
            assert set(student["demographics"]) == DEMOGRAPHICS
            assert student["grade_level"] is None or student["grade_level"].isupper()


def test_a_second_sync_changes_nothing_and_a_drop_is_reported(operator: Operator) -> None:
    operator.run("grant-premium", "--district", operator.sandbox.districts[0])
    teacher = operator.sandbox.sample_teacher()["id"]
    operator.json("sync-teacher", "--teacher", teacher, "--json")

    again = operator.json("sync-teacher", "--teacher", teacher, "--json")
    assert set(again["counts"].values()) == {0}

    section = next(s for s in operator.sandbox.sections() if teacher in s["teachers"])
    leaver = section["students"][0]
    operator.sandbox.drop(section["id"], leaver)
    after = operator.json("sync-teacher", "--teacher", teacher, "--json")
    roster = operator.json("show-roster", "--teacher", teacher, "--json")

    assert after["counts"]["students_dropped"] == 1
    klass = next(c for c in roster["classes"] if c["clever_section_id"] == section["id"])
    assert leaver not in {s["clever_id"] for s in klass["students"]}


def test_sync_without_premium_fails_with_one_line(operator: Operator) -> None:
    teacher = operator.sandbox.sample_teacher()["id"]
    result = operator.run("sync-teacher", "--teacher", teacher, "--json")
    assert result.exit_code != 0
    assert "Premium" in result.output
    assert result.stdout == ""


def test_unknown_teacher_is_a_clear_error(operator: Operator) -> None:
    result = operator.run("sync-teacher", "--teacher", "000000000000000000000000")
    assert result.exit_code != 0
    assert "no teacher with Clever id" in result.output
    shown = operator.run("show-roster", "--teacher", "000000000000000000000000", "--json")
    assert shown.exit_code != 0


def test_sync_district_covers_teachers_who_synced_once(operator: Operator) -> None:
    district = operator.sandbox.districts[0]
    operator.run("grant-premium", "--district", district)
    teacher = operator.sandbox.sample_teacher()["id"]

    before = operator.json("sync-district", "--district", district, "--json")
    assert before["teachers"] == []

    operator.json("sync-teacher", "--teacher", teacher, "--json")
    result = operator.json("sync-district", "--district", district, "--json")
    assert [t["clever_id"] for t in result["teachers"]] == [teacher]
    assert result["status"] == "succeeded"
    assert set(result["counts"].values()) == {0}


def test_sync_district_archives_classes_of_a_term_over_for_the_configured_days(
    operator: Operator, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = operator.sandbox.districts[0]
    operator.run("grant-premium", "--district", district)
    teacher = operator.sandbox.sample_teacher()["id"]
    operator.json("sync-teacher", "--teacher", teacher, "--json")
    operator.sandbox.end_terms(days_ago=20)  # summer: the sections are still listed

    monkeypatch.setenv("ROSTERSYNC_TERM_END_ARCHIVE_DAYS", "30")
    waiting = operator.json("sync-district", "--district", district, "--json")
    monkeypatch.setenv("ROSTERSYNC_TERM_END_ARCHIVE_DAYS", "19")
    archived = operator.json("sync-district", "--district", district, "--json")
    roster = operator.json("show-roster", "--teacher", teacher, "--json")

    taught = [s for s in operator.sandbox.sections() if teacher in s["teachers"]]
    assert waiting["counts"]["classes_archived"] == 0
    assert archived["status"] == "succeeded"
    assert archived["counts"]["classes_archived_term_ended"] == len(taught)
    assert all(c["archived"] for c in roster["classes"])
    assert all(c["students"] for c in roster["classes"])  # history kept


def test_sync_district_refuses_an_unknown_district(operator: Operator) -> None:
    result = operator.run("sync-district", "--district", "ffffffffffffffffffffffff", "--json")
    assert result.exit_code != 0
    assert "has not shared data" in result.output


def test_clever_refusing_the_app_is_not_reported_as_an_unknown_teacher(operator: Operator) -> None:
    operator.env["ROSTERSYNC_CLEVER_CLIENT_SECRET"] = "not-the-secret"
    result = operator.run("sync-teacher", "--teacher", operator.sandbox.sample_teacher()["id"])
    assert result.exit_code != 0
    assert "Clever could not be asked" in result.output
    assert "no teacher" not in result.output
    assert "Traceback" not in result.output
