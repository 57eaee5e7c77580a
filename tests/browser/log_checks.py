"""The stream log's search, order, total, Clear and the panel's routes, in the browser
(issue 18, items 1, 2, 3, 10 and 12), over test_panel's history: alice from London
(Arrival) then Sydney (Dune), carol from New York, a hostile user on the LAN (Heat)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from simulator.places import place

if TYPE_CHECKING:
    from playwright.async_api import Locator, Page

UI_MS = 20_000


async def _search(log: Locator, text: str) -> None:
    await log.get_by_role("searchbox").fill(text)
    await log.get_by_role("button", name="Apply").click()


async def check_log_search_order_and_routes(page: Page) -> None:
    """Search what the placeholder says, order the whole log, Clear, and the URL."""
    from playwright.async_api import expect

    log = page.locator("plexgeo-streams-view")
    rows = log.locator("tbody tr")
    media = rows.locator("td[data-label='Media']")
    summary = log.get_by_text(re.compile(r"Streams \d+.\d+ of \d+"))
    await expect(summary).to_contain_text("Streams 1\u20134 of 4 · page 1 of 1", timeout=UI_MS)
    for text, titles in (
        ("sydney", ["Dune"]),  # a city
        ("Australia", ["Dune"]),  # a country
        ("ALICE", ["Dune", "Arrival"]),  # a user
        ("lan", ["Heat"]),  # a network word
        (place("sydney").ipv4[0], ["Dune"]),  # an address (the browser is an admin's)
        (place("london").ipv4[0].rsplit(".", 1)[0] + ".0/24", ["Arrival"]),  # a range
    ):
        await _search(log, text)
        await expect(rows).to_have_count(len(titles), timeout=UI_MS)
        for row, title in zip(await media.all(), titles, strict=True):
            await expect(row).to_contain_text(title)
        await expect(summary).to_contain_text(f"of {len(titles)} ·")
    # Clear empties every field, the selects too, and shows the whole log again.
    await log.get_by_label("Network").select_option("wan")
    await log.get_by_label("Media").select_option("movie")
    await log.get_by_role("button", name="Clear").click()
    for label in ("Search", "Country", "Network", "Media"):
        await expect(log.get_by_label(label)).to_have_value("")
    await expect(rows).to_have_count(4, timeout=UI_MS)
    # The Started header walks the whole log oldest first (server-side).
    await log.get_by_role("button", name=re.compile("^Started")).click()
    await expect(log.locator("th[aria-sort=ascending]")).to_have_count(1)
    await expect(media.first).to_contain_text("Arrival", timeout=UI_MS)
    await log.get_by_role("button", name=re.compile("^Started")).click()
    await expect(media.last).to_contain_text("Arrival", timeout=UI_MS)
    # The tab is in the URL: a reload comes back to it, Back leaves it.
    await expect(page).to_have_url(re.compile(r"/plexgeo/streams$"))
    await page.reload()
    tab = page.get_by_role("tab", name="Stream log")
    await expect(tab).to_have_attribute("aria-selected", "true", timeout=UI_MS)
    await expect(rows).to_have_count(4, timeout=UI_MS)
    await page.go_back()
    await expect(page).to_have_url(re.compile(r"/plexgeo$"), timeout=UI_MS)
    await expect(page.get_by_role("tab", name="Live map")).to_have_attribute(
        "aria-selected", "true", timeout=UI_MS
    )
    await page.go_forward()
    await expect(tab).to_have_attribute("aria-selected", "true", timeout=UI_MS)
    await expect(rows).to_have_count(4, timeout=UI_MS)


async def expect_user_route(page: Page) -> None:
    """The user drill-down is a link of its own: a reload comes back to it."""
    from playwright.async_api import expect

    await expect(page).to_have_url(re.compile(r"/plexgeo/users/101$"), timeout=UI_MS)
    await page.reload()
    heading = page.locator("plexgeo-user-view").get_by_role("heading", name="alice", exact=True)
    await expect(heading).to_be_visible(timeout=UI_MS)
