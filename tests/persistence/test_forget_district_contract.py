from __future__ import annotations

from dataclasses import replace

from domain.accounts import Account, Role
from tests.factories import SectionFactory, StudentFactory, TeacherFactory
from tests.persistence.backends import Backend
from tests.persistence.rosters import AT, snapshot, sync

LEAVING, STAYING = "d-leaving", "d-staying"


def _district(backend: Backend, district_id: str):  # type: ignore[no-untyped-def]
    teacher, kid = TeacherFactory(district_id=district_id), StudentFactory(district_id=district_id)
    section = SectionFactory(
        district_id=district_id,
        teacher_id=teacher.id,
        teacher_ids=(teacher.id,),
        student_ids=(kid.id,),
    )
    sync(backend.uow, teacher.id, snapshot([section], [teacher, kid]))
    with backend.uow() as uow:
        account = uow.accounts.add(
            Account(None, Role.STUDENT, "Kid", None, None, kid.id, district_id)
        )
        student = uow.rosters.get_student(kid.id)
        assert student is not None
        uow.rosters.save_student(replace(student, account_id=account.id))
        uow.commit()
    assert account.id is not None
    backend.audit_log.record_demographics_access(account.id, [kid.id], AT)
    return teacher, kid, section, account


def test_forgetting_a_district_removes_its_data_and_only_its_data(backend: Backend) -> None:
    gone_teacher, gone_kid, gone_class, gone_account = _district(backend, LEAVING)
    kept_teacher, kept_kid, kept_class, kept_account = _district(backend, STAYING)

    with backend.uow() as uow:
        removed = uow.rosters.forget_district(LEAVING)
        uow.commit()

    assert removed > 0
    with backend.uow() as uow:
        assert uow.rosters.get_teacher(gone_teacher.id) is None
        assert uow.rosters.get_student(gone_kid.id) is None
        assert uow.rosters.get_class(gone_class.id) is None
        assert uow.accounts.get(gone_account.id) is None
        assert uow.sync_runs.latest_for_teacher(gone_teacher.id, 5) == []
        assert uow.rosters.get_student(kept_kid.id) is not None
        assert uow.accounts.get(kept_account.id) == kept_account
        assert len(uow.sync_runs.latest_for_teacher(kept_teacher.id, 5)) == 1
    assert backend.reader.history_for_classes([gone_class.id]) == {gone_class.id: []}
    assert [s.id for s in backend.reader.students_for_classes([kept_class.id])[kept_class.id]] == [
        kept_kid.id
    ]
    assert [entry[1] for entry in backend.audit_entries()] == [kept_kid.id]
