"""show-roster and sync-teacher report teachers' decisions (new keys; every old one stays)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import bootstrap
from adapters.settings import Settings
from domain.decisions import ExceptionKind, ModeDecision, StudentException, SyncMode
from tests.cli.conftest import Operator

AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_show_roster_lists_sync_modes_and_exceptions(
    operator: Operator, monkeypatch: pytest.MonkeyPatch
) -> None:
    operator.run("grant-premium", "--district", operator.sandbox.districts[0])
    teacher = operator.sandbox.sample_teacher()["id"]
    operator.json("sync-teacher", "--teacher", teacher, "--json")
    section = next(s for s in operator.sandbox.sections() if teacher in s["teachers"])
    kept_out, kept_in = section["students"][:2]
    for name, value in operator.env.items():
        monkeypatch.setenv(name, value)
    services = bootstrap.build(Settings())
    with services.uow() as uow:
        sid = section["id"]
        uow.rosters.save_sync_mode(sid, ModeDecision(sid, SyncMode.ADD_ONLY, teacher, AT))
        uow.rosters.save_exception(
            StudentException(sid, kept_out, ExceptionKind.KEEP_OUT, teacher, AT)
        )
        uow.rosters.set_enrolled(sid, kept_out, False, AT)
        uow.rosters.save_exception(
            StudentException(sid, kept_in, ExceptionKind.KEEP_IN, teacher, AT, date(2099, 6, 30))
        )
        uow.commit()

    run = operator.json("sync-teacher", "--teacher", teacher, "--json")
    roster = operator.json("show-roster", "--teacher", teacher, "--json")

    assert run["counts"]["changes_skipped_by_decisions"] == 1  # kept_out is listed by Clever
    assert run["counts"]["students_restored"] == 0
    by_id = {c["clever_section_id"]: c for c in roster["classes"]}
    klass = by_id[section["id"]]
    assert kept_out not in {s["clever_id"] for s in klass["students"]}
    assert klass["sync_mode"] == "ADD_ONLY"
    assert klass["exceptions"] == [
        {
            "student_clever_id": kept_out,
            "kind": "KEEP_OUT",
            "until": None,
            "made_by_clever_id": teacher,
        },
        {
            "student_clever_id": kept_in,
            "kind": "KEEP_IN",
            "until": "2099-06-30",
            "made_by_clever_id": teacher,
        },
    ]
    others = [c for sid, c in by_id.items() if sid != section["id"]]
    assert all(c["sync_mode"] == "FOLLOW_CLEVER" and c["exceptions"] == [] for c in others)
    assert {"clever_section_id", "name", "grade_level", "archived", "students"} <= set(klass)
