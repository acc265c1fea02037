"""A teacher removes a student, who stays removed after "Sync with Clever"; pauses a class
while Clever renames it and drops two students: the sync leaves it alone and the card says what
is waiting; resuming catches the class up."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.clever_roster import CleverRoster, Section
from tests.browser.steps import SYNC_SECONDS, class_card, log_in_with_clever, ms, row_of
from tests.demo_process import Product

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RENAMED = "Renamed in the SIS"


def _teacher_with_two_classes(clever: CleverRoster, product: Product) -> tuple[str, list[Section]]:
    # From the end of the list: the other browser tests take their teachers from the start.
    for teacher_id, sections in reversed(clever.spare_teachers(product)):
        if len(sections) >= 2 and all(len(s.student_ids) >= 5 for s in sections[:2]):
            return teacher_id, sections
    raise AssertionError("the sandbox district has no teacher to spare for this test")


def _sync(page: Page) -> None:
    from playwright.sync_api import expect

    page.get_by_role("button", name="Sync with Clever").click()
    expect(page.locator("#sync-status")).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))


def _students(card: Locator) -> Locator:
    """The class's student list, opened (a click on its summary when it is closed)."""
    students = card.locator("details.students")
    if students.get_attribute("open") is None:
        card.locator("details.students > summary").click()
    return students


def test_removed_stays_removed_and_a_paused_class_waits(
    chromium_browser: Browser, product: Product, clever: CleverRoster
) -> None:
    from playwright.sync_api import expect

    teacher_id, sections = _teacher_with_two_classes(clever, product)
    kept, paused = sections[0], sections[1]
    page = chromium_browser.new_context().new_page()
    log_in_with_clever(page, product, teacher_id)
    _sync(page)

    # Remove a student; "Sync with Clever" does not bring them back.
    leaver = clever.person(kept.student_ids[0])
    card = class_card(page, kept.id)
    roster = _students(card)
    roster.get_by_role("button", name=f"Remove {leaver.first}", exact=False).first.click()
    expect(card.locator(".kept-out")).to_contain_text("Clever still lists them")
    expect(card.locator(".kept-out")).to_contain_text(leaver.first)
    _sync(page)
    expect(page.locator("#sync-status")).to_contain_text("kept back by your decisions")
    card = class_card(page, kept.id)
    expect(row_of(_students(card), leaver)).to_have_count(0)
    expect(card.locator(".kept-out")).to_contain_text(leaver.first)

    # Keep another student until a date: the note beside them says so.
    stayer = clever.person(kept.student_ids[1])
    roster = _students(card)
    roster.get_by_role("button", name=f"Keep {stayer.first}", exact=False).first.click()
    roster.get_by_label(f"Keep {stayer.first}", exact=False).first.fill("2099-06-30")
    roster.get_by_role("button", name="Keep", exact=True).click()
    card = class_card(page, kept.id)
    expect(card).to_contain_text("until 30 Jun")  # once the page has redrawn
    expect(row_of(_students(card), stayer)).to_contain_text("until 30 Jun")

    # Pause a class; Clever renames it and drops two students; the sync leaves it alone.
    before = len(paused.student_ids)
    card = class_card(page, paused.id)
    card.get_by_label(f"Sync mode of {paused.name}").select_option("PAUSED")
    expect(class_card(page, paused.id).locator(".waiting")).to_contain_text("Nothing from Clever")
    clever.change("rename_section", section_id=paused.id, name=RENAMED)
    for student_id in paused.student_ids[:2]:
        clever.change("drop", section_id=paused.id, student_id=student_id)
    _sync(page)
    card = class_card(page, paused.id)
    expect(card.get_by_role("heading")).to_have_text(paused.name)
    expect(card).to_contain_text(f"{before} students")
    expect(card.locator(".waiting")).to_contain_text(f"Clever renamed it “{RENAMED}”")
    expect(card.locator(".waiting")).to_contain_text("2 students to drop")

    # Resume: the class catches up with Clever.
    card.get_by_label(f"Sync mode of {paused.name}").select_option("FOLLOW_CLEVER")
    card = class_card(page, paused.id)
    expect(card.get_by_role("heading")).to_have_text(RENAMED, timeout=ms(SYNC_SECONDS))
    expect(card).to_contain_text(f"{before - 2} students")
    expect(card.locator(".waiting")).to_have_count(0)
