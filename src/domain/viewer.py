"""Who is asking: a signed-in account, and the roster record it has claimed.

One rule, used by every reader and the web app alike: the roster record with the account's
Clever id (a teacher record for a teacher account, a student record for a student account)
is the account's only once it names this account as its claimant. Until then a teacher sees
no classes (they appear once the teacher connects Clever) and a student sees none either.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts import Role


@dataclass(frozen=True, slots=True)
class Viewer:
    """``teacher_id``/``student_id``: the claimed roster record (see ``viewer_of``)."""

    account_id: int
    name: str
    role: Role
    clever_id: str | None = None
    teacher_id: str | None = None
    student_id: str | None = None

    @property
    def clever_linked(self) -> bool:
        return self.clever_id is not None

    @property
    def is_teacher(self) -> bool:
        return self.role is Role.TEACHER


def viewer_of(
    account_id: int,
    role: Role,
    name: str,
    clever_id: str | None,
    teacher_claimed_by: int | None,
    student_claimed_by: int | None,
) -> Viewer:
    """``teacher_claimed_by``/``student_claimed_by``: the account that claimed the teacher /
    student record with this Clever id (None when there is no such record, or nobody has)."""
    claimant = teacher_claimed_by if role is Role.TEACHER else student_claimed_by
    claimed = clever_id if clever_id is not None and claimant == account_id else None
    if role is Role.TEACHER:
        return Viewer(account_id, name, role, clever_id, teacher_id=claimed)
    return Viewer(account_id, name, role, clever_id, student_id=claimed)
