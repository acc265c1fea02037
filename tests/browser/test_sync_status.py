"""While a sync waits in the queue (a Celery worker elsewhere), the page says so, follows the
run, and reports the outcome when it is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.clever_roster import CleverRoster
from tests.browser.steps import SYNC_SECONDS, log_in_with_clever, ms
from tests.demo_process import Product

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request, Route

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _as_if_queued(route: Route) -> None:
    """The embedded product syncs within the request; answer as a product with workers would."""
    response = route.fetch()
    body = response.json()
    result = (body.get("data") or {}).get("syncWithClever") or {}
    if result.get("__typename") == "SyncRun":
        result["status"] = "QUEUED"
    route.fulfill(response=response, json=body)


def test_a_queued_sync_is_followed_until_it_finishes(
    chromium_browser: Browser, product: Product, clever: CleverRoster
) -> None:
    from playwright.sync_api import expect

    spare = clever.spare_teachers(product)
    assert len(spare) >= 2, "the roster-change test takes the first spare teacher"
    teacher_id, sections = spare[-1]
    page = chromium_browser.new_context().new_page()
    log_in_with_clever(page, product, teacher_id)
    polls: list[Request] = []
    page.on("request", lambda r: "SyncRunById" in (r.post_data or "") and polls.append(r))
    page.route("**/graphql", _as_if_queued)

    page.get_by_role("button", name="Sync with Clever").click()
    status = page.locator("#sync-status")
    expect(status).to_contain_text("waiting to start")
    expect(status).to_contain_text("Sync finished", timeout=ms(SYNC_SECONDS))
    assert polls, "the page never asked how the queued sync was doing"
    expect(page.locator("#class-list article.class-card")).to_have_count(len(sections))
