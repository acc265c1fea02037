"""Demographics leave the service only when a teacher opens a class's "Demographics" section:
loading the Manage Classes page (however often) writes no audit entry, and opening one class's
section writes one entry for each of that class's students, and for nobody else."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from typing import TYPE_CHECKING

import pytest

from tests.browser.clever_roster import CleverRoster, Section
from tests.browser.steps import SYNC_SECONDS, class_card, log_in_with_clever, ms
from tests.demo_process import Product, running_product

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _query(product: Product, sql: str, *params: str) -> list[tuple[str, ...]]:
    with closing(sqlite3.connect(product.workdir / "rostersync.db")) as conn:
        return list(conn.execute(sql, params))


def _audited_students(product: Product, teacher_id: str) -> list[str]:
    """The students whose demographics this teacher's account was recorded as reading."""
    rows = _query(
        product,
        "SELECT a.student_id FROM demographics_audit a JOIN accounts v"
        " ON v.id = a.viewer_account_id WHERE v.clever_id = ?",
        teacher_id,
    )
    return sorted(row[0] for row in rows)


def _enrolled(product: Product, section_id: str) -> list[str]:
    rows = _query(
        product,
        "SELECT student_id FROM enrollments WHERE section_id = ? AND active",
        section_id,
    )
    return sorted(row[0] for row in rows)


@pytest.fixture(scope="module")
def own_product(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Product]:
    """A demo of its own: this test syncs classes the other browser tests expect to create."""
    with running_product(tmp_path_factory.mktemp("rostersync-demographics")) as running:
        yield running


def _classes(clever: CleverRoster, teacher_id: str) -> list[Section]:
    sections = [s for s in clever.sections_of(teacher_id) if s.student_ids]
    assert len(sections) >= 2, "the sample teacher has two classes of students"
    return sections


def _open_page(page: Page, product: Product) -> None:
    from playwright.sync_api import expect

    page.goto(product.url)
    expect(page.get_by_role("region", name="Sync history")).to_contain_text("Done")


def test_only_opening_a_class_demographics_reads_and_audits_them(
    chromium_browser: Browser, own_product: Product
) -> None:
    from playwright.sync_api import expect

    product = own_product
    teacher_id = product.sample_teacher_id
    sections = _classes(CleverRoster(product), teacher_id)
    page = chromium_browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in_with_clever(page, product, teacher_id)
    page.get_by_role("button", name="Sync with Clever").click()
    status = page.get_by_role("status").filter(has_text="Sync")
    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))

    for _ in range(3):
        _open_page(page, product)
    opened, other = sections[0], sections[1]
    other_card = class_card(page, other.id)
    other_card.get_by_text("Students (", exact=False).click()  # a roster, not demographics
    expect(other_card.get_by_role("region", name=f"Students of {other.name}")).to_be_visible()
    assert _audited_students(product, teacher_id) == []

    card = class_card(page, opened.id)
    card.locator("details.demographics > summary").click()
    body = card.locator(".demographics-body")
    expect(body.locator("[role=region], .none-shared")).to_have_count(1)  # the answer is in
    expect(body.get_by_role("alert")).to_have_count(0)

    students = _enrolled(product, opened.id)
    assert students, "the opened class has students"
    assert _audited_students(product, teacher_id) == students  # one each, nobody else
