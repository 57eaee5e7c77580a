"""The stream log in the browser at a desk and on a phone: search, order, Clear and the
panel's routes (issue 18, items 1, 2, 3, 10), the phone's cards and compact filter (13),
over test_panel's history: alice from London (Arrival) then Sydney (Dune), carol from New
York, a hostile user on the LAN (Heat); then times as the profile says (11) and pages with
their total (12) over 51 more streams."""

from __future__ import annotations

from datetime import datetime
import re
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from simulator.places import place
from simulator.scenario import SimSession, lan_session

from .conftest import ROOT, home_assistant_socket
from .stage import (
    SIZES,
    UI_MS,
    Stage,
    assert_text_readable,
    assert_within_viewport,
    screenshot,
)

if TYPE_CHECKING:
    from playwright.async_api import Locator, Page


PAGE_SIZE = 50  # the panel's stream-log page (streams-view.ts)
CROWD = 51  # streams added so the log has a second page
BROWSER_ZONE = "Asia/Tokyo"  # nine hours from the server's Europe/London in December


def stage_config_zone() -> str:
    """The server's time zone, from config/configuration.yaml."""
    text = (ROOT / "config" / "configuration.yaml").read_text(encoding="utf-8")
    found = re.search(r"(?m)^\s*time_zone:\s*(\S+)\s*$", text)
    assert found, "config/configuration.yaml sets no time_zone"
    return found.group(1)


async def _search(log: Locator, text: str) -> None:
    await log.get_by_role("searchbox").fill(text)
    await log.get_by_role("button", name="Apply").click()


async def check_log_search_order_and_routes(page: Page, size: str) -> None:
    """Search what the placeholder says, order the whole log, Clear, and the URL; on a
    phone through the compact filter and the Order field (the table has no header)."""
    from playwright.async_api import expect

    narrow = size == "phone"
    log = page.locator("plexgeo-streams-view")
    rows = log.locator("tbody tr")
    media = rows.locator("td[data-label='Media']")
    summary = log.get_by_text(re.compile(r"Streams \d+.\d+ of \d+"))
    await expect(summary).to_contain_text("Streams 1\u20134 of 4 · page 1 of 1", timeout=UI_MS)
    toggle = log.get_by_role("button", name=re.compile("^Filters"))
    if narrow:
        await _check_phone_log(page, log, toggle)
    else:
        await expect(toggle).to_be_hidden()
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
        if text == "ALICE":
            await screenshot(page, f"01-search-user-{size}")
    # Clear empties every field, the selects too, and shows the whole log again.
    if narrow:
        await toggle.click()
        await expect(toggle).to_have_attribute("aria-expanded", "true")
    await log.get_by_label("Network").select_option("wan")
    await log.get_by_label("Media").select_option("movie")
    if narrow:
        await expect(toggle).to_have_text(re.compile(r"Filters \(2\)"))
    await screenshot(page, f"03-filters-set-{size}")
    await log.get_by_role("button", name="Clear").click()
    for label in ("Search", "Country", "Network", "Media"):
        await expect(log.get_by_label(label)).to_have_value("")
    await expect(rows).to_have_count(4, timeout=UI_MS)
    # Started walks the whole log oldest first (server-side): its header on a desk, the
    # Order field on a phone.
    await _reorder(log, narrow, "oldest")
    await expect(log.locator("th[aria-sort=ascending]")).to_have_count(1)
    await expect(media.first).to_contain_text("Arrival", timeout=UI_MS)
    await screenshot(page, f"02-oldest-first-{size}")
    await _reorder(log, narrow, "newest")
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


async def _reorder(log: Locator, narrow: bool, order: str) -> None:
    if narrow:
        await log.get_by_label("Order").select_option(order)
        await log.get_by_role("button", name="Apply").click()
    else:
        await log.get_by_role("button", name=re.compile("^Started")).click()


async def _check_phone_log(page: Page, log: Locator, toggle: Locator) -> None:
    """Item 13: the table is cards, the filter compact, no text under 12 px, nothing
    wider than the screen."""
    from playwright.async_api import expect

    await expect(toggle).to_be_visible()
    await expect(toggle).to_have_attribute("aria-expanded", "false")
    await expect(log.get_by_label("Network")).to_be_hidden()
    await expect(log.get_by_role("searchbox")).to_be_visible()
    await expect(log.locator("thead")).to_be_hidden()
    row = log.locator("tbody tr").first
    assert await row.evaluate("r => getComputedStyle(r).display") == "block"
    label = (
        await row.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    )
    assert label == '"User"', f"a card's cell shows no label: {label}"
    wrap = log.locator(".table-wrap")
    scroll, client = await wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert scroll <= client + 1, f"the phone's cards scroll sideways ({scroll} > {client} px)"
    await assert_within_viewport(page, log.locator(".results"), "stream log")
    await assert_text_readable(page, "stream log, phone")
    await screenshot(page, "13-log-cards-phone", full_page=True)


async def check_log_on_a_phone(stage: Stage) -> None:
    """Items 1, 2, 3, 10 and 13 on a phone: the same history, the phone's controls."""
    async with stage.page("phone") as page:
        await page.get_by_role("tab", name="Stream log").click()
        await check_log_search_order_and_routes(page, "phone")


def _crowd(count: int) -> list[SimSession]:
    """`count` streams on the LAN at once, one per player of one household account."""
    return [
        lan_session(
            user_id=120,
            user_name="household",
            title=f"Episode {n}",
            rating_key=5000 + n,
            player_title=f"Player {n}",
            player_machine_id=f"household-{n}",
        )
        for n in range(count)
    ]


async def check_times_and_pages(stage: Stage) -> None:
    """Item 11: times in the profile's hour cycle and time zone (the server's, Europe/London,
    or the browser's, here Asia/Tokyo); item 12: a page turn shows the total and lands at
    the top of the new page. At both sizes, over 50 more streams than before."""
    from playwright.async_api import expect

    keys = await stage.play(*_crowd(CROWD), lasting=False)
    await stage.end(keys)
    async with home_assistant_socket(stage.session, stage.ha.url, stage.client.token) as ws:
        page_one = await ws.call("plexgeo/streams", entry_id=stage.entry_id, limit=1)
        total = (await ws.call("plexgeo/streams/count", entry_id=stage.entry_id))["total"]
    assert total > PAGE_SIZE, f"only {total} streams: no second page"
    started = datetime.fromisoformat(page_one["streams"][0]["started_at"])
    london = started.astimezone(ZoneInfo(stage_config_zone())).strftime("%H:%M")
    tokyo = started.astimezone(ZoneInfo(BROWSER_ZONE)).strftime("%I:%M %p")
    pages = -(-total // PAGE_SIZE)
    for size in ("desktop", "phone"):
        await stage.set_profile(time_format="24", time_zone="server")
        async with stage.page(size, timezone_id=BROWSER_ZONE) as page:
            log = page.locator("plexgeo-streams-view")
            await page.get_by_role("tab", name="Stream log").click()
            first = log.locator("tbody tr td[data-label='Started']").first
            await expect(first).to_contain_text(london, timeout=UI_MS)
            await expect(first).not_to_contain_text(re.compile("AM|PM"))
            await screenshot(page, f"11-times-24h-server-zone-{size}")
            await stage.set_profile(time_format="12", time_zone="local")
            await page.reload()
            await expect(first).to_contain_text(tokyo, timeout=UI_MS)
            await screenshot(page, f"11-times-12h-browser-zone-{size}")
            summary = log.get_by_text(re.compile(r"Streams \d+.\d+ of \d+"))
            await expect(summary).to_have_text(
                f"Streams 1\u2013{PAGE_SIZE} of {total} · page 1 of {pages}"
            )
            following = log.get_by_role("button", name="Next")
            await following.scroll_into_view_if_needed()
            await following.click()
            last = min(total, 2 * PAGE_SIZE)
            await expect(summary).to_have_text(
                f"Streams {PAGE_SIZE + 1}\u2013{last} of {total} · page 2 of {pages}",
                timeout=UI_MS,
            )
            # The new page starts on screen, just under the panel's sticky tabs.
            results = log.locator(".results")
            box = await results.bounding_box()
            height = SIZES[size]["viewport"]["height"]
            assert box is not None and 0 <= box["y"] < height / 3, f"page 2 starts at {box}"
            # Every column fits, hostile one-word names included (they wrap, not widen).
            wrap = log.locator(".table-wrap")
            scroll, client = await wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
            assert scroll <= client + 1, f"the {size} log scrolls sideways ({scroll} > {client})"
            await screenshot(page, f"12-page-2-{size}")
    await stage.set_profile()


async def expect_user_route(page: Page) -> None:
    """The user drill-down is a link of its own: a reload comes back to it."""
    from playwright.async_api import expect

    await expect(page).to_have_url(re.compile(r"/plexgeo/users/101$"), timeout=UI_MS)
    await page.reload()
    heading = page.locator("plexgeo-user-view").get_by_role("heading", name="alice", exact=True)
    await expect(heading).to_be_visible(timeout=UI_MS)
