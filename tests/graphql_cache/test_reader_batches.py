"""The reader's roster batches answer exactly what its single-purpose methods answer, on every
storage implementation; the version read with the viewer moves with every roster write."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, text

from adapters.sqlalchemy.reader import SqlAlchemyRosterReader
from adapters.sqlalchemy.reader_watch import PostgresCommitWatch
from application.ports import DemographicsAccess
from domain.accounts import Account, Role
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.backends import Backend, sql_backend
from tests.persistence.rosters import AT, snapshot, sync


def _school(backend: Backend):  # type: ignore[no-untyped-def]
    owner, co = TeacherFactory(name="Zed Owner"), TeacherFactory(name="Amy Co")
    kids = [StudentFactory(name=n) for n in ("Cy", "Al", "Bo")]
    math = SectionFactory(
        name="Math",
        teacher_id=owner.id,
        teacher_ids=(owner.id, co.id),
        student_ids=tuple(k.id for k in kids),
    )
    art = SectionFactory(
        name="Art", teacher_id=owner.id, teacher_ids=(owner.id,), student_ids=(kids[0].id,)
    )
    clever = snapshot([math, art], [owner, co, *kids])
    sync(backend.uow, owner.id, clever)
    return owner, co, kids, math, art, clever


def _claim(backend: Backend, clever_id: str, role: Role) -> int:
    with backend.uow() as uow:
        account = uow.accounts.add(
            Account(None, role, f"Account of {clever_id}", None, None, clever_id)
        )
        assert account.id is not None
        if role is Role.TEACHER:
            teacher = uow.rosters.get_teacher(clever_id)
            assert teacher is not None
            uow.rosters.save_teacher(replace(teacher, account_id=account.id))
        else:
            student = uow.rosters.get_student(clever_id)
            assert student is not None
            uow.rosters.save_student(replace(student, account_id=account.id))
        uow.commit()
        return account.id


def test_taught_classes_come_with_all_their_teachers(backend: Backend) -> None:
    owner, co, _, math, art, _ = _school(backend)
    _claim(backend, co.id, Role.TEACHER)
    reader = backend.reader
    with backend.uow() as uow:
        klass = uow.rosters.get_class(art.id)
        assert klass is not None
        uow.rosters.save_class(replace(klass, archived=True))
        uow.commit()

    for include_archived in (False, True):
        asked = [owner.id, co.id, "nobody"]
        taught = reader.taught_classes_for_teachers(asked, include_archived)
        classes = reader.classes_for_teachers(asked, include_archived)
        staff = reader.teachers_for_classes([math.id, art.id])

        assert {tid: [t.klass for t in views] for tid, views in taught.items()} == classes
        assert all(t.teachers == staff[t.klass.id] for v in taught.values() for t in v)
    assert [t.klass.name for t in taught[owner.id]] == ["Art", "Math"]
    assert [(s.name, s.role, s.connected) for s in taught[co.id][0].teachers] == [
        ("Zed Owner", "owner", False),
        ("Amy Co", "co_teacher", True),
    ]


def test_enrolled_students_come_with_their_demographics(backend: Backend) -> None:
    _, _, kids, math, art, _ = _school(backend)
    reader = backend.reader

    enrolled = reader.enrolled_students_for_classes([math.id, art.id, "missing"])

    students = reader.students_for_classes([math.id, art.id, "missing"])
    demographics = reader.demographics_for_students([k.id for k in kids])
    assert {sid: [e.student for e in views] for sid, views in enrolled.items()} == students
    assert all(e.demographics == demographics[e.student.id] for v in enrolled.values() for e in v)
    assert [e.student.name for e in enrolled[math.id]] == ["Al", "Bo", "Cy"]
    assert backend.audit_entries() == []


def test_the_viewer_is_read_with_the_version(backend: Backend) -> None:
    owner, _, kids, *_ = _school(backend)
    teacher_account = _claim(backend, owner.id, Role.TEACHER)
    student_account = _claim(backend, kids[0].id, Role.STUDENT)
    with backend.uow() as uow:
        unclaimed = uow.accounts.add(Account(None, Role.TEACHER, "Not Yet", clever_id=kids[1].id))
        uow.commit()
    assert unclaimed.id is not None
    reader = backend.reader

    teacher = reader.roster_version_and_viewer(teacher_account)
    student = reader.roster_version_and_viewer(student_account)
    stranger = reader.roster_version_and_viewer(unclaimed.id)

    assert teacher is not None and student is not None and stranger is not None
    assert (teacher.viewer.role, teacher.viewer.teacher_id, teacher.viewer.student_id) == (
        Role.TEACHER,
        owner.id,
        None,
    )
    assert (student.viewer.student_id, student.viewer.teacher_id) == (kids[0].id, None)
    assert (stranger.viewer.teacher_id, stranger.viewer.student_id) == (None, None)
    assert teacher.viewer.name == f"Account of {owner.id}" and teacher.viewer.clever_id == owner.id
    assert reader.roster_version_and_viewer(unclaimed.id + 1000) is None


def test_the_version_moves_with_roster_writes_only(backend: Backend) -> None:
    owner, _, _, math, _, clever = _school(backend)
    account = _claim(backend, owner.id, Role.TEACHER)
    reader = backend.reader

    def version() -> int:
        current = reader.roster_version_and_viewer(account)
        assert current is not None
        return current.roster_version

    before = version()
    sync(backend.uow, owner.id, clever)
    after_no_op = version()
    with backend.uow() as uow:
        klass = uow.rosters.get_class(math.id)
        assert klass is not None
        uow.rosters.save_class(klass.renamed("Studio"))
        uow.commit()

    assert after_no_op == before
    assert version() != before


def test_the_change_marker_moves_with_any_commit_elsewhere(backend: Backend) -> None:
    """SQLite and Postgres offer a cheap marker; memory answers None (every hit reads)."""
    _, _, _, math, _, _ = _school(backend)
    reader = backend.reader
    marker = reader.change_marker()
    if backend.engine is None:
        assert marker is None
        return

    unchanged = reader.change_marker()
    reader.roster_version_and_viewer(1)
    still = reader.change_marker()
    with backend.uow() as uow:
        klass = uow.rosters.get_class(math.id)
        assert klass is not None
        uow.rosters.save_class(klass.renamed("Studio"))
        uow.commit()

    assert marker == unchanged == still
    assert reader.change_marker() != marker


def test_the_version_read_outlives_a_dropped_connection(postgres_engine: Engine) -> None:
    backend = sql_backend("postgres", postgres_engine)
    account = _claim(backend, _school(backend)[0].id, Role.TEACHER)
    reader = SqlAlchemyRosterReader(postgres_engine)
    before = reader.roster_version_and_viewer(account)
    with postgres_engine.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )

    assert reader.roster_version_and_viewer(account) == before is not None


def test_the_postgres_marker_moves_with_a_commit_from_another_process(
    postgres_engine: Engine,
) -> None:
    """Another process's write reaches the watch as a notification (it is not this engine's
    commit); a read-only transaction elsewhere moves nothing."""
    backend = sql_backend("postgres", postgres_engine)
    _school(backend)
    reader = SqlAlchemyRosterReader(postgres_engine)
    marker = reader.change_marker()
    elsewhere = psycopg.connect(
        postgres_engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
        autocommit=True,
    )
    with elsewhere:
        elsewhere.execute("SELECT count(*) FROM students")
        time.sleep(0.2)
        unmoved = reader.change_marker()
        elsewhere.execute("UPDATE students SET name = name || ' Jr'")
        moved = _wait_for_change(reader, marker)

    assert marker is not None and unmoved == marker
    assert moved is not None and moved != marker


def test_the_postgres_marker_is_none_while_the_server_is_unreachable(
    postgres_engine: Engine,
) -> None:
    reader = SqlAlchemyRosterReader(postgres_engine)
    before = reader.change_marker()
    with postgres_engine.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )

    after_drop = _wait_for_change(reader, before)
    again = reader.change_marker()

    assert before is not None
    assert after_drop is None  # the listening connection was dropped: nothing to vouch for
    assert again is not None and again != before  # a new connection, a new range of markers


def _wait_for_change(reader: SqlAlchemyRosterReader, marker: int | None) -> int | None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        now = reader.change_marker()
        if now != marker:
            return now
        time.sleep(0.01)
    return marker


def test_an_unreachable_server_is_not_tried_again_on_every_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attempts: list[str] = []
    real_connect = psycopg.connect

    def counted(conninfo: str, **kwargs: object) -> psycopg.Connection[Any]:
        attempts.append(conninfo)
        return real_connect(conninfo, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(psycopg, "connect", counted)
    watch = PostgresCommitWatch("postgresql://postgres@127.0.0.1:9/nowhere")

    markers = [watch.data_version() for _ in range(5)]

    assert markers == [None] * 5
    assert len(attempts) == 1  # the others fall within the pause after the failed connect


def test_concurrent_audited_roster_reads_all_land(engine: Engine) -> None:
    """Many teachers' pages at once: every audited roster read commits (on SQLite a read that
    then writes takes the write lock first, or it would fail once another had written)."""
    backend = sql_backend(engine.dialect.name, engine)
    owner = _school(backend)[0]
    account = _claim(backend, owner.id, Role.TEACHER)
    reader = SqlAlchemyRosterReader(engine)
    failures: list[str] = []

    def pages() -> None:
        for _ in range(15):
            try:
                reader.teacher_roster(owner.id, False, DemographicsAccess(account, AT))
            except Exception as exc:
                failures.append(type(exc).__name__)

    threads = [threading.Thread(target=pages) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(backend.audit_entries()) == 8 * 15 * 3
