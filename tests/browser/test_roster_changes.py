"""A teacher previews a first sync, renames a class, and when Clever drops most of a class the
sync waits for approval; once approved, the drops and an unshared section's archive land and
the teacher's own class name survives."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.clever_roster import CleverRoster, Section
from tests.browser.steps import SYNC_SECONDS, class_card, log_in_with_clever, ms
from tests.demo_process import Product

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEW_NAME = "Room 12 Readers"


def _teacher_with_three_classes(
    clever: CleverRoster, product: Product
) -> tuple[str, list[Section]]:
    for teacher_id, sections in clever.spare_teachers(product):
        if len(sections) >= 3 and len(sections[1].student_ids) >= 4:
            return teacher_id, sections
    raise AssertionError("the sandbox district has no teacher to spare for this test")


def _students(count: int) -> str:
    return f"{count} student" if count == 1 else f"{count} students"


def test_preview_rename_and_an_approved_mass_drop(
    chromium_browser: Browser, product: Product, clever: CleverRoster
) -> None:
    from playwright.sync_api import expect

    teacher_id, sections = _teacher_with_three_classes(clever, product)
    renamed, shrinking, unshared = sections[0], sections[1], sections[2]
    page = chromium_browser.new_context().new_page()
    log_in_with_clever(page, product, teacher_id)

    page.get_by_role("button", name="Preview changes").click()
    preview = page.get_by_role("region", name="What a sync would change")
    expect(preview).to_contain_text(f"{len(sections)} classes created")
    for section in sections:
        expect(preview).to_contain_text(section.name)
    expect(page.get_by_text("No classes yet")).to_be_visible()

    status = page.locator("#sync-status")
    page.get_by_role("button", name="Sync with Clever").click()
    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))

    card = class_card(page, renamed.id)
    card.get_by_role("button", name=f"Rename {renamed.name}").click()
    page.get_by_role("textbox", name="New class name").fill(NEW_NAME)
    page.get_by_role("textbox", name="New class name").press("Enter")
    expect(card.get_by_role("heading")).to_have_text(NEW_NAME)

    before = len(shrinking.student_ids)
    leavers = shrinking.student_ids[: before // 2 + 1]
    for student_id in leavers:
        clever.change("drop", section_id=shrinking.id, student_id=student_id)
    clever.change("unshare_section", section_id=unshared.id)

    page.get_by_role("button", name="Sync with Clever").click()
    expect(status).to_contain_text("would make large changes", timeout=ms(SYNC_SECONDS))
    expect(class_card(page, shrinking.id)).to_contain_text(_students(before))
    status.get_by_role("button", name="Approve").click()
    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))
    expect(status).to_contain_text(f"{len(leavers)} students dropped")
    expect(status).to_contain_text("1 class archived")
    expect(class_card(page, shrinking.id)).to_contain_text(_students(before - len(leavers)))

    page.reload()
    expect(class_card(page, renamed.id).get_by_role("heading")).to_have_text(NEW_NAME)
    page.get_by_text("Archived classes (1)").click()
    expect(page.locator("#archived-list")).to_contain_text(unshared.name)
    expect(page.locator("#class-list")).not_to_contain_text(unshared.name)
