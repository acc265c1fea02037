"""A teacher asks "Can't find a student?" on a class card: a student Clever stopped listing is
explained with the date of the sync that removed them; a made-up name is no match."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.clever_roster import CleverRoster, Section
from tests.browser.steps import SYNC_SECONDS, class_card, log_in_with_clever, ms
from tests.demo_process import Product

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _teacher_to_spare(clever: CleverRoster, product: Product) -> tuple[str, Section]:
    """Neither the first spare teacher with three classes (the roster-change test's) nor the
    last one (the sync-status test's); a class they teach alone, of three students or more."""
    spare = clever.spare_teachers(product)
    roster_changes = next((t for t, s in spare if len(s) >= 3 and len(s[1].student_ids) >= 4), None)
    taken = {spare[-1][0], roster_changes}
    for teacher_id, sections in spare:
        if teacher_id in taken:
            continue
        for section in sections:
            if section.teacher_ids == (teacher_id,) and len(section.student_ids) >= 3:
                return teacher_id, section
    raise AssertionError("the sandbox district has no teacher to spare for this test")


def test_a_teacher_finds_out_why_a_student_is_missing(
    chromium_browser: Browser, product: Product, clever: CleverRoster
) -> None:
    from playwright.sync_api import expect

    teacher_id, section = _teacher_to_spare(clever, product)
    page = chromium_browser.new_context().new_page()
    log_in_with_clever(page, product, teacher_id)
    status = page.locator("#sync-status")
    page.get_by_role("button", name="Sync with Clever").click()
    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))

    leaver = clever.person(section.student_ids[0])
    clever.change("drop", section_id=section.id, student_id=leaver.id)
    page.get_by_role("button", name="Sync with Clever").click()
    expect(status).to_contain_text("1 student dropped", timeout=ms(SYNC_SECONDS))

    card = class_card(page, section.id)
    card.get_by_text("Can't find a student?").click()
    box = card.get_by_role("search", name=f"Find a student in {section.name}")
    box.get_by_label("Student").fill(f"{leaver.first} {leaver.last}")
    box.get_by_role("button", name="Explain").click()
    answer = card.locator(".explanations li")
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("Removed by a sync")
    expect(answer).to_contain_text("stopped listing them in this section")
    expect(answer).to_contain_text("Clever still does not list them")

    box.get_by_label("Student").fill("Zebulon Quackenbush")
    box.get_by_role("button", name="Explain").click()
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("No match")
    expect(answer).to_contain_text("Clever administrator")
