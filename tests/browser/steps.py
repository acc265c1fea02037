"""What a person does on the page, in Playwright terms."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tests.browser.clever_roster import Person
from tests.demo_process import Product

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

SYNC_SECONDS = 60


def log_in_with_clever(page: Page, product: Product, clever_user_id: str) -> None:
    """From the Manage Classes page through the sandbox's user picker, back to the page."""
    page.goto(product.url)
    page.get_by_role("link", name="Log in with Clever").click()
    page.wait_for_url(f"{product.clever_url}/**")
    page.get_by_role("searchbox").fill(clever_user_id)  # the picker lists only 50 users
    page.get_by_role("button", name="Search").click()
    page.locator(f'a[href*="user_id={clever_user_id}"]').click()
    page.wait_for_url(f"{product.url}/")


def class_card(page: Page, section_id: str) -> Locator:
    return page.locator(f'article.class-card[data-class-id="{section_id}"]')


def row_of(scope: Locator, person: Person) -> Locator:
    return scope.get_by_role("row").filter(has_text=person.first).filter(has_text=person.last)


def teacher_item(card: Locator, person: Person) -> Locator:
    return card.locator(".teachers li").filter(has_text=person.first).filter(has_text=person.last)


def named(person: Person) -> re.Pattern[str]:
    """The person's name as the product shows it (a middle name or initial may sit between)."""
    return re.compile(f"{re.escape(person.first)} .*{re.escape(person.last)}")


def ms(seconds: float) -> float:
    return seconds * 1000
