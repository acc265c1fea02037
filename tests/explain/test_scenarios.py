"""One sandbox scenario per kind of explanation, through the real use case on SQLite."""

from __future__ import annotations

from datetime import date

from application.ports import CleverLogin
from application.roster_decisions import KeepStudentIn, KeepStudentOut
from domain.sync_run import SyncStatus
from tests.explain.conftest import School


def test_a_student_rostered_but_not_logged_in_has_not_joined_yet(school: School) -> None:
    user = school.student(0)

    answer = school.explain(school.name_of(user))

    assert [a.kind.name for a in answer] == ["NOT_JOINED_YET"]
    assert answer[0].student_id == user["id"]
    assert "they appear once they log in with Clever" in answer[0].message
    assert answer[0].since is not None


def test_a_student_who_logged_in_is_in_the_class(school: School) -> None:
    user = school.student(1)
    login = CleverLogin(user["id"], school.sandbox.districts[0], "student", school.name_of(user))
    school.services.sso_login(login)

    answer = school.explain(user["id"])

    assert [a.kind.name for a in answer] == ["IN_CLASS"]
    assert school.name_of(user) in answer[0].message


def test_a_dropped_student_says_when_and_whether_clever_lists_them_now(school: School) -> None:
    user = school.student(0)
    school.sandbox.drop(school.section["id"], user["id"])
    run = school.sync()

    gone = school.explain(school.name_of(user))
    school.sandbox.enroll(school.section["id"], user["id"])
    back = school.explain(school.name_of(user))

    assert [a.kind.name for a in gone] == ["DROPPED_BY_CLEVER"]
    assert gone[0].since is not None and gone[0].since >= run.started_at
    assert "stopped listing them in this section" in gone[0].message
    assert "still does not list them" in gone[0].message
    assert "no longer has a record" not in gone[0].message
    assert "lists them again now" in back[0].message


def test_a_dropped_student_clever_deleted_is_said_to_be_gone_from_clever(school: School) -> None:
    user = school.student(0)
    school.sandbox.drop(school.section["id"], user["id"])
    school.sync()
    school.sandbox.delete_user(user["id"])

    answer = school.explain(user["id"])

    assert [a.kind.name for a in answer] == ["DROPPED_BY_CLEVER"]
    assert "Clever no longer has a record of them" in answer[0].message


def test_a_record_clever_sent_wrong_names_the_field_and_the_first_sync(school: School) -> None:
    user = school.student(2)
    school.sandbox.set_student_field(user["id"], "grade", "Grade Nine")
    first = school.sync()
    second = school.sync()

    answer = school.explain(school.name_of(user))

    assert first.status is SyncStatus.PARTIAL and second.status is SyncStatus.PARTIAL
    kinds = [a.kind.name for a in answer]
    assert kinds == ["RECORD_PROBLEM", "NOT_JOINED_YET"]
    problem = answer[0]
    assert "the grade field is wrong" in problem.message
    assert "Grade Nine" in problem.message
    assert problem.since == first.started_at
    assert "kept them in the class" in problem.message


def test_a_demographic_value_is_never_shown_in_an_explanation(school: School) -> None:
    user = school.student(2)
    school.sandbox.set_student_field(user["id"], "race", "Z" * 300)
    school.sync()

    answer = school.explain(user["id"])

    assert answer[0].kind.name == "RECORD_PROBLEM"
    assert "demographic" in answer[0].message
    text = " ".join(a.message for a in answer)
    assert "ZZZ" not in text and "race" not in text


def test_a_mass_drop_waiting_for_approval_is_explained(school: School) -> None:
    leavers = school.section["students"][:-1]
    for student_id in leavers:
        school.sandbox.drop(school.section["id"], student_id)
    run = school.sync()
    assert run.status is SyncStatus.HELD

    answer = school.explain(leavers[0])

    assert [a.kind.name for a in answer] == ["WAITING_FOR_APPROVAL", "NOT_JOINED_YET"]
    assert "would remove" in answer[0].message and "approval" in answer[0].message
    assert "Clever no longer lists them" in answer[1].message


def test_a_class_whose_section_clever_stopped_sharing_is_archived_since_then(
    school: School,
) -> None:
    user = school.student(0)
    school.sandbox.unshare_section(school.section["id"])
    run = school.sync()

    answer = school.explain(school.name_of(user))

    assert run.status is SyncStatus.SUCCEEDED  # one of the teacher's seven classes
    assert [a.kind.name for a in answer] == ["CLASS_ARCHIVED", "NOT_JOINED_YET"]
    assert answer[0].since is not None and answer[0].since >= run.started_at
    assert "Clever stopped sharing its section" in answer[0].message
    assert "Clever still does not share the section" in answer[0].message


def test_a_failed_last_sync_says_when_one_last_worked(school: School) -> None:
    worked = school.services.reader.sync_runs_for_teacher(school.teacher, 1)[0]
    school.sandbox.faults.server_errors(1, status=400)
    failed = school.sync()
    assert failed.status is SyncStatus.FAILED

    answer = school.explain(school.student(0)["id"])

    assert [a.kind.name for a in answer] == ["LAST_SYNC_FAILED", "NOT_JOINED_YET"]
    assert answer[0].since == failed.started_at
    assert f"{worked.started_at:%B} {worked.started_at.day}" in answer[0].message


def test_a_student_clever_lists_but_no_sync_has_added_is_not_synced_yet(school: School) -> None:
    new = school.sandbox.add_student(first="Quincy", last="Newcomer")
    school.sandbox.enroll(school.section["id"], new)

    answer = school.explain("quincy new")

    assert [a.kind.name for a in answer] == ["NOT_SYNCED_YET"]
    assert answer[0].student_id == new


def test_a_student_is_found_by_their_sis_id(school: School) -> None:
    user = school.student(3)

    answer = school.explain(user["roles"]["student"]["sis_id"])

    assert [a.student_id for a in answer] == [user["id"]]


def test_when_clever_cannot_be_reached_the_stored_answer_says_so(school: School) -> None:
    user = school.student(0)
    school.sandbox.faults.server_errors(5)

    answer = school.explain(school.name_of(user))

    assert [a.kind.name for a in answer] == ["NOT_JOINED_YET"]
    assert answer[0].message.endswith("Clever could not be reached just now.")


def test_an_explanation_makes_at_most_two_clever_requests(school: School) -> None:
    user = school.student(0)
    school.sandbox.drop(school.section["id"], user["id"])
    school.sync()

    dropped = school.clever_requests(user["id"])
    enrolled = school.clever_requests(school.student(1)["id"])

    assert dropped == {"GET /v3.1/sections/{id}/users": 1, "GET /v3.1/users/{id}": 1}
    assert enrolled == {"GET /v3.1/sections/{id}/users": 1}


def test_a_student_a_teacher_kept_out_is_explained_by_that_decision(school: School) -> None:
    user = school.student(0)
    school.decide(KeepStudentOut(school.teacher_account(), school.section["id"], user["id"]))
    school.sync()

    answer = school.explain(school.name_of(user))

    assert [a.kind.name for a in answer] == ["KEPT_OUT"]
    assert "to keep" in answer[0].message and "out of this class" in answer[0].message
    assert answer[0].since is not None


def test_a_student_kept_in_stays_although_clever_dropped_them(school: School) -> None:
    user = school.student(1)
    until = date(2030, 6, 1)
    school.decide(KeepStudentIn(school.teacher_account(), school.section["id"], user["id"], until))
    school.sandbox.drop(school.section["id"], user["id"])
    school.sync()

    answer = school.explain(user["id"])

    assert [a.kind.name for a in answer] == ["KEPT_IN", "NOT_JOINED_YET"]
    assert "until 2030-06-01" in answer[0].message
    assert "un-enrolls" not in answer[1].message
