"""A teacher asks "Can't find a student?" on a class card: a student Clever stopped listing is
explained with the sync that removed them; a made-up name is no match.

The teacher, the class and its students are new in Clever, so no other test's roster changes;
the file runs after the others (which pick their teachers from Clever's list of teachers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from tests.browser.clever_roster import CleverRoster
from tests.browser.steps import SYNC_SECONDS, class_card, log_in_with_clever, ms
from tests.demo_process import Product

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLASS_NAME = "Explain Lab Period 4"


def _made(clever: CleverRoster, op: str, **args: object) -> str:
    """A record created in Clever by the sandbox's admin endpoint; its id."""
    response = httpx.post(f"{clever.admin_url}/changes", json={"op": op, "args": args}, timeout=10)
    response.raise_for_status()
    return str(response.json()["result"])


def test_a_teacher_finds_out_why_a_student_is_missing(
    chromium_browser: Browser, product: Product, clever: CleverRoster
) -> None:
    from playwright.sync_api import expect

    teacher_id = _made(clever, "add_teacher", first="Imogen", last="Explainer")
    students = [
        _made(clever, "add_student", first=first, last="Pupil")
        for first in ("Octavia", "Barnaby", "Cressida")
    ]
    section_id = _made(
        clever, "add_section", teacher_ids=[teacher_id], student_ids=students, name=CLASS_NAME
    )
    page = chromium_browser.new_context().new_page()
    log_in_with_clever(page, product, teacher_id)
    status = page.locator("#sync-status")
    page.get_by_role("button", name="Sync with Clever").click()
    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))

    clever.change("drop", section_id=section_id, student_id=students[0])
    page.get_by_role("button", name="Sync with Clever").click()
    expect(status).to_contain_text("1 student dropped", timeout=ms(SYNC_SECONDS))

    card = class_card(page, section_id)
    card.get_by_text("Can't find a student?").click()
    box = card.get_by_role("search", name=f"Find a student in {CLASS_NAME}")
    box.get_by_label("Student").fill("octavia pup")
    box.get_by_role("button", name="Explain").click()
    answer = card.locator(".explanations li")
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("Removed by a sync")
    expect(answer).to_contain_text("Octavia Pupil was un-enrolled by the sync on")
    expect(answer).to_contain_text("Clever still does not list them")

    box.get_by_label("Student").fill("Zebulon Quackenbush")
    box.get_by_role("button", name="Explain").click()
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("No match")
    expect(answer).to_contain_text("Clever administrator")

    box.get_by_label("Student").fill("x")
    box.get_by_role("button", name="Explain").click()
    expect(card.get_by_role("alert")).to_contain_text("at least 2 characters")
