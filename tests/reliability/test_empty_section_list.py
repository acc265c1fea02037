"""A district misconfiguration: Clever answers successfully, with no sections at all. The
product must hold that for the teacher's approval, never archive every class on its own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clever_sandbox.collection import Collection
from clever_sandbox.server import RunningSandbox
from clever_sandbox.store import Index
from domain.sync_run import SyncStatus
from tests.reliability.clever_changes import sections_of
from tests.reliability.deployment import Deployment


def _rostered(product: Deployment, clever: RunningSandbox, count: int) -> list[str]:
    """The sample teacher and others with classes, each after a first manual sync."""
    sandbox = clever.sandbox
    sample = sandbox.sample_teacher()["id"]
    others = [t["id"] for t in sandbox.teachers() if t["id"] != sample]
    teachers = [sample, *[t for t in others if sections_of(sandbox, t)][: count - 1]]
    for teacher in teachers:
        assert product.sync(teacher).status is SyncStatus.SUCCEEDED
    return teachers


def test_every_section_of_the_teacher_unshared_is_held_not_archived(
    deploy: Callable[..., Deployment], clever: RunningSandbox
) -> None:
    product = deploy()
    (teacher,) = _rostered(product, clever, 1)
    before = product.roster()
    taught = [s["id"] for s in sections_of(clever.sandbox, teacher)]
    for section_id in taught:
        clever.sandbox.unshare_section(section_id)

    run = product.sync(teacher)

    assert run.status is SyncStatus.HELD
    assert f"would remove {len(taught)} of {len(taught)} classes" in (run.message or "")
    assert product.roster() == before
    assert not any(product.roster().archived(s) for s in taught)


def test_an_empty_section_list_for_the_teacher_drops_nothing(
    deploy: Callable[..., Deployment], clever: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clever lists no sections for the teacher, yet every section still names them."""
    product = deploy()
    (teacher,) = _rostered(product, clever, 1)
    before = product.roster()
    store = clever.sandbox.store()
    real_index = store.index

    def index_without_the_teacher() -> Index:
        index = real_index()
        listed = {k: v for k, v in index.user_sections.items() if k != teacher}
        return Index(listed, index.school_sections, index.school_users)

    monkeypatch.setattr(store, "index", index_without_the_teacher)

    run = product.sync(teacher)

    assert run.status in (SyncStatus.SUCCEEDED, SyncStatus.HELD)
    assert run.counts.classes_archived == run.counts.students_dropped == 0
    assert product.roster() == before


def test_the_daily_job_facing_an_empty_district_holds_every_teacher(
    deploy: Callable[..., Deployment], clever: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    product = deploy()
    teachers = _rostered(product, clever, 3)
    before = product.roster()
    monkeypatch.setattr(clever.sandbox.store(), "sections", Collection())

    result = product.sync_district(clever.sandbox.districts[0])

    assert result.error is None
    assert sorted(run.teacher_id for run in result.runs) == sorted(teachers)
    assert {run.status for run in result.runs} == {SyncStatus.HELD}
    assert product.roster() == before
