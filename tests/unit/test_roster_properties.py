"""Properties over generated rosters: a repeated sync writes nothing, and a preview is exactly
the change set the following sync applies (held or not)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application.preview_sync import PreviewSyncCommand
from domain.changeset import ChangeSet, SyncCounts
from domain.snapshot import CleverPerson, CleverSection
from domain.sync_run import SyncStatus
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.unit.world import World, make_world

SYNCING = "t-pool-0"
TEACHERS = [SYNCING, "t-pool-1", "t-pool-2"]
STUDENTS = [f"s-pool-{n}" for n in range(6)]
SECTIONS = [f"c-pool-{n}" for n in range(4)]
GRADES = ["7", "8", "Kindergarten", "", None, "Seventh"]

PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@dataclass(frozen=True)
class Roster:
    sections: dict[str, CleverSection]
    people: dict[str, CleverPerson]


@st.composite
def sections(draw: st.DrawFn, section_id: str) -> CleverSection:
    teacher_ids = draw(st.lists(st.sampled_from(TEACHERS), unique=True, max_size=3))
    primary = draw(st.one_of(st.none(), st.sampled_from(TEACHERS)))
    section: CleverSection = SectionFactory(
        id=section_id,
        name=draw(st.sampled_from(["Math", "Art", "  Math  ", ""])),
        period=draw(st.sampled_from([None, "1", "2"])),
        grade=draw(st.sampled_from(GRADES)),
        teacher_id=primary,
        teacher_ids=tuple(teacher_ids),
        student_ids=tuple(draw(st.lists(st.sampled_from(STUDENTS), unique=True, max_size=6))),
    )
    return section


def _student_versions(student_id: str) -> list[CleverPerson]:
    """What Clever may say about one student from one day to the next, bad data included."""
    shared = {"ell_status": "Y", "iep_status": "N", "race": "Asian"}
    versions = [
        {},
        {"grade": "8"},
        {"name": "Ada Renamed"},
        {"grade": ""},
        {"grade": "Seventh"},
        {"demographics": {}},
        {"demographics": {**shared, "ell_status": "maybe", "race": "x" * 256}},
        {"demographics": {**shared, "iep_status": ""}},
    ]
    base = {"id": student_id, "name": "Ada", "grade": "7", "demographics": shared}
    return [StudentFactory(**{**base, **changes}) for changes in versions]


def _teacher_versions(teacher_id: str) -> list[CleverPerson]:
    return [TeacherFactory(id=teacher_id, name=name) for name in ("Ms. A", "Ms. A-B")]


VERSIONS = {
    **{sid: _student_versions(sid) for sid in STUDENTS},
    **{tid: _teacher_versions(tid) for tid in TEACHERS},
}


@st.composite
def rosters(draw: st.DrawFn) -> Roster:
    listed = draw(st.lists(st.sampled_from(SECTIONS), unique=True, max_size=len(SECTIONS)))
    people = {pid: draw(st.sampled_from(versions)) for pid, versions in VERSIONS.items()}
    return Roster({sid: draw(sections(sid)) for sid in sorted(listed)}, people)


def _show(world: World, roster: Roster) -> None:
    world.clever.sections = dict(roster.sections)
    world.clever.people = dict(roster.people)


def _world_after(earlier: list[Roster], others: set[str], threshold: float) -> World:
    """The syncing teacher has signed in; they and some colleagues synced each earlier roster
    by hand and approved whatever was held, so classes and students may have gone and come back.
    With no earlier roster, the next sync is the teacher's first."""
    world = make_world(hold_threshold=threshold)
    world.grant()
    world.connect(VERSIONS[SYNCING][0])
    for roster in earlier:
        _show(world, roster)
        for teacher_id in [SYNCING, *sorted(others)]:
            run = world.run(world.clever.people[teacher_id])
            if run.status is SyncStatus.HELD:
                world.approve(run, teacher_id)
    return world


@PROPERTY_SETTINGS
@given(
    earlier=st.lists(rosters(), max_size=2),
    after=rosters(),
    others=st.sets(st.sampled_from(TEACHERS[1:])),
    threshold=st.sampled_from([0.5, 1.0]),
)
def test_the_same_snapshot_twice_writes_nothing_the_second_time(
    earlier: list[Roster], after: Roster, others: set[str], threshold: float
) -> None:
    world = _world_after(earlier, others, threshold)
    _show(world, after)
    teacher = world.clever.people[SYNCING]
    first = world.run(teacher)
    if first.status is SyncStatus.HELD:
        held_writes = world.writes
        assert world.run(teacher).held_changes == first.held_changes
        assert world.writes == held_writes
        world.approve(world.runs(teacher)[0], SYNCING)
    writes = world.writes

    second = world.run(teacher)

    assert second.status in (SyncStatus.SUCCEEDED, SyncStatus.PARTIAL)
    assert second.counts == SyncCounts()
    assert world.writes == writes


@PROPERTY_SETTINGS
@given(
    earlier=st.lists(rosters(), max_size=2),
    after=rosters(),
    others=st.sets(st.sampled_from(TEACHERS[1:])),
    threshold=st.sampled_from([0.5, 0.2]),
)
def test_a_preview_is_exactly_what_the_following_sync_applies(
    earlier: list[Roster], after: Roster, others: set[str], threshold: float
) -> None:
    world = _world_after(earlier, others, threshold)
    _show(world, after)
    teacher = world.clever.people[SYNCING]
    writes = world.writes

    applied = len(world.applied)

    preview = world.services.preview_sync(PreviewSyncCommand(SYNCING))
    assert isinstance(preview, ChangeSet)
    assert world.writes == writes
    run = world.run(teacher)

    assert run.counts == preview.counts
    assert run.problems == preview.problems
    if preview.held:
        assert run.status is SyncStatus.HELD
        assert run.held_changes == preview.removals()
        assert world.applied[applied:] == [preview.additions()]
        world.approve(run, SYNCING)
        assert world.applied[applied:] == [preview.additions(), preview.removals()]
    else:
        assert run.status is (SyncStatus.PARTIAL if preview.problems else SyncStatus.SUCCEEDED)
        assert world.applied[applied:] == [preview]
