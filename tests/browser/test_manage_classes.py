"""A teacher logs in with Clever, syncs, and sees classes, co-teachers and students; then a
student of one of those classes logs in and sees that class, and nobody else's data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.clever_roster import CleverRoster, Person, Section
from tests.browser.steps import (
    SYNC_SECONDS,
    class_card,
    log_in_with_clever,
    ms,
    named,
    row_of,
    teacher_item,
)
from tests.demo_process import Product

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _classmate_unlike(clever: CleverRoster, section: Section, others: list[Person]) -> Person:
    """A classmate whose last name appears nowhere else on the student's page."""
    taken = {person.last for person in others}
    for student_id in section.student_ids:
        mate = clever.person(student_id)
        if mate.id != others[0].id and mate.last not in taken:
            return mate
    raise AssertionError("the sandbox section has no distinguishable classmate")


def test_teacher_syncs_then_a_student_sees_the_class(
    chromium_browser: Browser, product: Product, clever: CleverRoster, artifacts: Path
) -> None:
    from playwright.sync_api import expect

    sections = clever.sections_of(product.sample_teacher_id)
    co_taught = next(s for s in sections if len(s.teacher_ids) > 1)
    student = clever.person(product.sample_student_id)
    home = next(s for s in sections if student.id in s.student_ids)

    teacher = chromium_browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in_with_clever(teacher, product, product.sample_teacher_id)
    expect(teacher.get_by_role("heading", name="Your classes")).to_be_visible()
    expect(teacher.get_by_text("No classes yet")).to_be_visible()

    teacher.get_by_role("button", name="Sync with Clever").click()
    status = teacher.get_by_role("status").filter(has_text="Sync")
    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))
    expect(status).to_contain_text(f"{len(sections)} classes created")
    expect(teacher.locator("#class-list article.class-card")).to_have_count(len(sections))
    for section in sections:
        expect(class_card(teacher, section.id).get_by_role("heading")).to_have_text(section.name)

    co_card = class_card(teacher, co_taught.id)
    for co_teacher_id in co_taught.teacher_ids[1:]:
        co_teacher = clever.person(co_teacher_id)
        expect(teacher_item(co_card, co_teacher)).to_contain_text("co-teacher, not connected yet")

    home_card = class_card(teacher, home.id)
    home_card.get_by_text(f"Students ({len(home.student_ids)})").click()
    expect(row_of(home_card, student)).to_contain_text("Not joined yet")
    expect(teacher.get_by_role("region", name="Sync history")).to_contain_text("Done")
    teacher.screenshot(path=str(artifacts / "manage-classes.png"), full_page=True)

    pupil = chromium_browser.new_context().new_page()
    log_in_with_clever(pupil, product, student.id)
    expect(pupil.get_by_role("heading", name="Your classes")).to_be_visible()
    expect(pupil.get_by_role("heading", name=home.name)).to_be_visible()
    teacher_person = clever.person(product.sample_teacher_id)
    main = pupil.locator("main")
    expect(main).to_contain_text(named(teacher_person))
    classmate = _classmate_unlike(clever, home, [student, teacher_person])
    expect(main).not_to_contain_text(classmate.last)
    expect(pupil.get_by_role("button", name="Sync with Clever")).to_be_hidden()

    teacher.reload()
    home_card.get_by_text(f"Students ({len(home.student_ids)})").click()
    expect(row_of(home_card, student)).to_contain_text("Joined")
    expect(row_of(home_card, student)).not_to_contain_text("Not joined")
