"""A new school year on the Manage Classes page: after Clever replaces every section, the
teacher's sync lands without a hold, next year's classes come first with their term, last
year's sit under "Previous school years", and a student's first login shows next year's class.
The rollover changes the whole district, so it runs on a product of its own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.browser.clever_roster import CleverRoster
from tests.browser.steps import SYNC_SECONDS, class_card, log_in_with_clever, ms
from tests.demo_process import Product, running_product

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def rolling_product(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Product]:
    with running_product(tmp_path_factory.mktemp("rostersync-rollover")) as running:
        yield running


def test_the_page_after_a_new_school_year(
    chromium_browser: Browser, rolling_product: Product
) -> None:
    from playwright.sync_api import expect

    product = rolling_product
    clever = CleverRoster(product)
    teacher_id = product.sample_teacher_id
    last_year = clever.sections_of(teacher_id)
    page = chromium_browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in_with_clever(page, product, teacher_id)
    status = page.locator("#sync-status")
    page.get_by_role("button", name="Sync with Clever").click()
    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))

    clever.change("new_school_year")
    next_year = clever.sections_of(teacher_id)
    page.get_by_role("button", name="Sync with Clever").click()

    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))
    expect(status).to_contain_text(f"{len(last_year)} classes archived")
    expect(status).to_contain_text("archived (term ended)")
    expect(page.locator("#class-list article.class-card")).to_have_count(len(next_year))
    for section in next_year:
        card = class_card(page, section.id)
        expect(card.get_by_role("heading")).to_have_text(section.name)
        expect(card).to_contain_text("Term: ")
    previous = page.get_by_role("region", name="Previous school years")
    expect(previous).to_be_visible()
    expect(previous.locator("article.class-card")).to_have_count(len(last_year))
    for section in last_year:
        expect(previous.locator(f'[data-class-id="{section.id}"]')).to_contain_text("Term: ")
    history = page.locator("#history-body")
    expect(history).to_contain_text("archived (term ended)")
    expect(history).not_to_contain_text("Waiting for your approval")

    student = chromium_browser.new_context().new_page()
    log_in_with_clever(student, product, product.sample_student_id)
    mine = [s for s in next_year if product.sample_student_id in s.student_ids]
    classes = student.locator("#student-classes > li")
    expect(classes).to_have_count(len(mine))
    for section in mine:
        expect(student.locator("#student-classes")).to_contain_text(section.name)
