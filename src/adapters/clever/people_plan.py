"""Which people listings answer for a teacher's sections in the fewest requests."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from domain.snapshot import CleverSection


def members(section: CleverSection) -> set[str]:
    return set(section.all_teacher_ids) | set(section.student_ids)


def next_listing(
    sections: Iterable[CleverSection], missing: set[str], listed: Collection[str]
) -> tuple[CleverSection, str | None] | None:
    """The unlisted section whose users cover the most missing ids, and the role filter that
    suffices (None when both teachers and students are needed); None when nothing helps."""
    best: CleverSection | None = None
    gain: set[str] = set()
    for section in sections:
        if section.id not in listed and len(covered := members(section) & missing) > len(gain):
            best, gain = section, covered
    if best is None:
        return None
    teachers = bool(gain & set(best.all_teacher_ids))
    students = bool(gain & set(best.student_ids))
    return best, None if teachers and students else ("teacher" if teachers else "student")


def listings_needed(sections: Collection[CleverSection], wanted: set[str]) -> int:
    listed: set[str] = set()
    missing = set(wanted)
    while missing and (pick := next_listing(sections, missing, listed)):
        listed.add(pick[0].id)
        missing -= members(pick[0])
    return len(listed)


def my_students_pays(
    own: Collection[CleverSection], sections: Collection[CleverSection], wanted: set[str]
) -> bool:
    """One ``/users/{id}/mystudents`` list beats listing section after section."""
    own_students = {sid for section in own for sid in section.student_ids}
    if not own_students:
        return False
    with_it = 1 + listings_needed(sections, wanted - own_students)
    return with_it < listings_needed(sections, wanted)
