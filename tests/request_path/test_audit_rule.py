"""The demographics audit window: which reads need new audit entries."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta

import pytest

from application.demographics_audit import DemographicsAudit

NOW = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


class Recorder:
    def __init__(self) -> None:
        self.entries: list[tuple[int, tuple[str, ...], datetime]] = []

    def record_demographics_access(
        self, viewer_account_id: int, student_ids: Collection[str], at: datetime
    ) -> None:
        self.entries.append((viewer_account_id, tuple(student_ids), at))


def test_a_repeat_within_the_window_is_covered() -> None:
    recorder = Recorder()
    audit = DemographicsAudit(recorder, timedelta(seconds=60))

    audit.record(1, ["s2", "s1"], NOW)
    audit.record(1, ["s1", "s2"], NOW + timedelta(seconds=59))
    audit.record(1, ["s1", "s2"], NOW + timedelta(seconds=60))

    assert recorder.entries == [
        (1, ("s1", "s2"), NOW),
        (1, ("s1", "s2"), NOW + timedelta(seconds=60)),
    ]


def test_another_viewer_or_other_students_are_never_covered() -> None:
    recorder = Recorder()
    audit = DemographicsAudit(recorder, timedelta(seconds=60))

    audit.record(1, ["s1"], NOW)
    audit.record(2, ["s1"], NOW)
    audit.record(1, ["s1", "s2"], NOW)

    assert len(recorder.entries) == 3


def test_a_zero_window_writes_every_read_and_a_read_of_nobody_writes_nothing() -> None:
    recorder = Recorder()
    audit = DemographicsAudit(recorder, timedelta(0))

    audit.record(1, ["s1"], NOW)
    audit.record(1, ["s1"], NOW)
    audit.record(1, [], NOW)

    assert len(recorder.entries) == 2


class FailingOnce(Recorder):
    def record_demographics_access(
        self, viewer_account_id: int, student_ids: Collection[str], at: datetime
    ) -> None:
        if not hasattr(self, "failed"):
            self.failed = True
            raise OSError("disk full")
        super().record_demographics_access(viewer_account_id, student_ids, at)


def test_entries_that_could_not_be_written_cover_nothing() -> None:
    recorder = FailingOnce()
    audit = DemographicsAudit(recorder, timedelta(seconds=60))

    with pytest.raises(OSError):
        audit.record(1, ["s1"], NOW)
    audit.record(1, ["s1"], NOW + timedelta(seconds=1))

    assert recorder.entries == [(1, ("s1",), NOW + timedelta(seconds=1))]


def test_due_says_what_record_would_do() -> None:
    audit = DemographicsAudit(Recorder(), timedelta(seconds=60))

    assert audit.due(1, ["s1"], NOW)
    audit.record(1, ["s1"], NOW)
    assert not audit.due(1, ["s1"], NOW + timedelta(seconds=59))
    assert audit.due(1, ["s1"], NOW + timedelta(seconds=60))
    assert not audit.due(1, [], NOW)
