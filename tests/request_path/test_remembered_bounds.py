"""What the web process remembers stays bounded however many teachers, viewers and roster
versions it sees: one roster per teacher and one answer per viewer's request, each at the
newest version read (a version once passed is never asked for again), and at most so many."""

from __future__ import annotations

from application.ports import TeacherRosterView
from graphql_api.answers import REMEMBERED_ROSTERS, Remembered, RememberedAnswers, encoded


def roster(version: int) -> TeacherRosterView:
    return TeacherRosterView(classes=[], students={f"section-{version}": []})


def answer(size: int = 10) -> Remembered:
    return Remembered(encoded({"viewer": "x" * size}), frozenset())


def test_a_newer_roster_version_replaces_the_teachers_roster_before_it() -> None:
    store = RememberedAnswers()

    for version in range(1, 51):
        store.keep_roster(("teacher-1", False), version, roster(version))

    kept = [v for v in range(1, 51) if store.roster(("teacher-1", False), v) is not None]
    assert kept == [50]
    assert store.roster(("teacher-1", False), 50) == roster(50)
    assert store.roster(("teacher-1", True), 50) is None  # with archived classes: another read


def test_rosters_of_many_teachers_are_bounded_and_the_least_recently_used_go_first() -> None:
    store = RememberedAnswers()
    teachers = [f"teacher-{n}" for n in range(REMEMBERED_ROSTERS + 100)]

    for teacher in teachers:
        store.keep_roster((teacher, False), 7, roster(7))
        store.roster(("teacher-0", False), 7)  # read on every request: never the oldest

    kept = [t for t in teachers if store.roster((t, False), 7) is not None]
    assert len(kept) == REMEMBERED_ROSTERS
    assert kept == ["teacher-0", *teachers[101:]]


def test_an_answer_at_a_newer_version_replaces_the_viewers_answer_before_it() -> None:
    store = RememberedAnswers()

    for version in range(1, 51):
        store.put(b"viewer-1 roster query", version, answer())

    kept = [v for v in range(1, 51) if store.get(b"viewer-1 roster query", v) is not None]
    assert kept == [50]


def test_answers_of_many_viewers_are_bounded_by_entries_and_by_bytes() -> None:
    by_entries = RememberedAnswers(max_entries=100)
    by_bytes = RememberedAnswers(max_bytes=100_000)
    keys = [f"viewer-{n}".encode() for n in range(1_000)]

    for key in keys:
        by_entries.put(key, 3, answer())
        by_bytes.put(key, 3, answer(size=1_000))

    assert sum(by_entries.get(k, 3) is not None for k in keys) == 100
    held = [found for k in keys if (found := by_bytes.get(k, 3)) is not None]
    assert 0 < sum(found.size for found in held) <= 100_000
    assert by_bytes.get(keys[-1], 3) is not None and by_bytes.get(keys[0], 3) is None
