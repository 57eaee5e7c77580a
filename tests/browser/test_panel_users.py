"""Users, a user's drill-down, alerts, the logbook, the device page and the bundle in a real
browser, at a desk and on a phone, both in dark mode (issue 18, items 7, 8, 14, 15, 16).

alice streamed from London, then from Sydney (a rare-country alert); bob plays from Tokyo
and through a VPN in Frankfurt at once (concurrent locations); erin only ever streams on
the LAN. Then a crowd of viewers streams from London and then from Sydney: over a hundred
rare-country alerts, so the alerts list has a second page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from simulator.places import place
from simulator.scenario import SimSession, lan_session, wan_session

from .conftest import home_assistant_socket
from .stage import (
    ALICE_LONDON,
    ALICE_SYDNEY,
    UI_MS,
    BrowserWatch,
    Stage,
    assert_text_readable,
    centre,
    screenshot,
)

if TYPE_CHECKING:
    from playwright.async_api import Locator, Page

ALERTS_PAGE = 100  # the panel's alerts page (alerts-view.ts)
BUNDLE_BUDGET = 100 * 1024  # gzip bytes a phone downloads (issue 18, item 16)
BOB: dict[str, Any] = {"user_id": 105, "user_name": "bob"}
BOB_TOKYO = wan_session("tokyo", **BOB, title="Alien", rating_key=3005, player_machine_id="bob-tv")
BOB_VPN = wan_session(
    "frankfurt_vpn", **BOB, title="Brazil", rating_key=3006, player_machine_id="bob-laptop"
)
# erin watches on three players at home: the most streams and devices of anyone.
ERIN = [
    lan_session(
        user_id=107,
        user_name="erin",
        title=title,
        rating_key=3008 + n,
        player_title=f"Erin's {player}",
        player_machine_id=f"erin-{n}",
    )
    for n, (title, player) in enumerate((("Gravity", "TV"), ("Up", "Tablet"), ("Jaws", "PC")))
]
CROWD = 101


def _crowd(key: str) -> list[SimSession]:
    return [
        wan_session(key, user_id=300 + n, user_name=f"viewer {n:03d}", rating_key=6000 + n)
        for n in range(CROWD)
    ]


async def _check_logbook_and_device(stage: Stage, page: Page, size: str) -> None:
    """Item 15: the logbook says what happened in words; the device page links to the panel."""
    from playwright.async_api import expect

    await page.goto(stage.ha.url + "/logbook")
    book = page.locator("ha-logbook")
    rare = "streamed “Dune” from Sydney, Australia, a country they rarely stream from"
    await expect(book.get_by_text(rare).first).to_be_visible(timeout=UI_MS)
    both = re.compile(r"streamed from (Tokyo, Japan|Frankfurt am Main, Germany) while also")
    await expect(book.get_by_text(both).first).to_be_visible()
    await expect(book.get_by_text("started “Gravity” on").first).to_be_visible()
    await screenshot(page, f"15-logbook-{size}")
    async with home_assistant_socket(stage.session, stage.ha.url, stage.client.token) as ws:
        devices = await ws.call("config/device_registry/list")
    ours = [d for d in devices if stage.entry_id in d.get("config_entries", [])]
    assert ours, "PlexGeo registered no device"
    await page.goto(f"{stage.ha.url}/config/devices/device/{ours[0]['id']}")
    link = page.get_by_role("link", name="Visit")
    await expect(link).to_be_visible(timeout=UI_MS)
    await screenshot(page, f"15-device-page-{size}")
    await link.click()
    await page.wait_for_url(re.compile(r"/plexgeo$"), timeout=UI_MS)
    await expect(page.locator("plexgeo-live-view")).to_be_attached(timeout=UI_MS)


async def _check_bundle(stage: Stage, page: Page, size: str) -> None:
    """Item 16: the panel's bundle arrives gzip-compressed within the budget; its charts
    are SVG (no Chart.js canvas)."""
    from playwright.async_api import expect

    url = await page.evaluate(
        "performance.getEntriesByType('resource').map((e) => e.name)"
        ".find((name) => name.includes('plexgeo-panel.js'))"
    )
    assert url, "the page never loaded the panel's bundle"
    async with stage.session.get(
        url, headers={"Accept-Encoding": "gzip"}, auto_decompress=False
    ) as fetched:
        assert fetched.status == 200, fetched.status
        body = await fetched.read()
        encoding = fetched.headers.get("Content-Encoding")
    assert encoding == "gzip", f"the bundle is served {encoding or 'uncompressed'}"
    assert len(body) <= BUNDLE_BUDGET, f"{len(body)} B gzip, over {BUNDLE_BUDGET} B"
    await expect(page.locator("plexgeo-panel")).to_have_attribute("dark", "", timeout=UI_MS)
    user = page.locator("plexgeo-user-view")
    await page.goto(stage.ha.url + "/plexgeo/users/101")
    await expect(user.locator("plexgeo-doughnut path.slice")).to_have_count(2, timeout=UI_MS)
    await expect(user.locator("plexgeo-bars rect.bar").first).to_be_attached()
    assert await page.locator("plexgeo-panel canvas").count() == 0, f"{size}: a canvas chart"


async def _check_users(page: Page, size: str) -> None:
    """Item 7: search, filter and sort the users; each shows the counts owners look for."""
    from playwright.async_api import expect

    await page.get_by_role("tab", name="Users").click()
    view = page.locator("plexgeo-users-view")
    users = view.locator("ul.users > li")
    total = 3 + CROWD
    await expect(view.locator("h2 .count")).to_have_text(str(total), timeout=UI_MS)
    alice = users.filter(has_text="alice")
    await expect(alice).to_contain_text("2 streams · 2 countries · 2 networks · 2 devices")
    await expect(alice.locator(".chip.alert")).to_have_text(re.compile(r"^\s*[1-9]\d* alerts?\s*$"))
    await view.get_by_label("Search").fill("BOB")
    await expect(users).to_have_count(1)
    await expect(view.locator("h2 .count")).to_have_text(f"1 of {total}")
    await view.get_by_label("Search").fill("jp")  # a country code
    await expect(users).to_have_count(1)
    await expect(users.first).to_contain_text("bob")
    await view.get_by_label("Search").fill("")
    await view.get_by_label("Show").select_option("countries")
    await expect(users.filter(has_text="erin")).to_have_count(0)
    await expect(view.locator("h2 .count")).to_have_text(f"{total - 1} of {total}")
    await view.get_by_label("Show").select_option("all")
    for sort in ("streams", "devices", "peak"):
        await view.get_by_label("Sort").select_option(sort)
        await expect(users.first).to_contain_text("erin")
    erin = "3 streams · 1 country · 0 networks · 3 devices · up to 3 at once"
    await expect(users.first).to_contain_text(erin)
    bob = users.filter(has_text="bob")
    await expect(bob).to_contain_text("2 streams · 2 countries · 2 networks · 2 devices · up to 2")
    await view.get_by_label("Sort").select_option("name")
    await expect(users.first).to_contain_text("alice")
    if size == "phone":
        await assert_text_readable(page, "users, phone")
    await screenshot(page, f"07-users-{size}")


async def _check_user(page: Page, size: str) -> None:
    """Item 8: alice's devices and networks with first/last seen, count and place; bob's
    map zooms to his places; erin (LAN only) gets a sentence instead of an empty world."""
    from playwright.async_api import expect

    view = page.locator("plexgeo-users-view")
    await view.locator("ul.users > li").filter(has_text="alice").get_by_role("button").click()
    user = page.locator("plexgeo-user-view")
    await expect(user.get_by_role("heading", name="alice", exact=True)).to_be_visible(timeout=UI_MS)
    await expect(user.locator("p.peak")).to_have_text("Most streams at once: 1")
    habits = user.locator("section.habits")
    for heading in ("Devices", "Networks"):
        table = habits.locator("table").nth(0 if heading == "Devices" else 1)
        await expect(habits.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        rows = table.locator("tbody tr")
        await expect(rows).to_have_count(2, timeout=UI_MS)
        for cell in ("First seen", "Last seen", "Streams", "Place"):
            await expect(rows.first.locator(f"td[data-label='{cell}']")).not_to_have_text("")
    places = habits.locator("td[data-label='Place']")
    await expect(places.filter(has_text=place("sydney").city).first).to_be_visible()
    await expect(places.filter(has_text=place("london").city).first).to_be_visible()
    world = user.locator("plexgeo-world-map")
    await expect(world.locator(".dot")).to_have_count(2, timeout=UI_MS)
    for dot in await world.locator(".dot circle.core").all():
        assert await dot.is_visible(), "a place of alice's is off the map"
    if size == "phone":
        await assert_text_readable(page, "user, phone")
    await screenshot(page, f"08-user-alice-{size}", full_page=True)
    # bob's map zooms to Tokyo and Frankfurt: both on it, the rest of the world not.
    await page.goto(page.url.rsplit("/", 1)[0] + "/105")
    await expect(user.get_by_role("heading", name="bob", exact=True)).to_be_visible(timeout=UI_MS)
    await expect(world.get_by_role("button", name="Show the whole world")).to_be_enabled(
        timeout=UI_MS
    )
    frame = await world.locator("svg[role=img]").bounding_box()
    assert frame is not None
    await expect(world.locator(".dot")).to_have_count(2)
    for dot in await world.locator(".dot circle.core").all():
        box = await dot.bounding_box()
        assert box is not None
        assert frame["x"] <= box["x"] <= frame["x"] + frame["width"], f"{box} off {frame}"
        assert frame["y"] <= box["y"] <= frame["y"] + frame["height"], f"{box} off {frame}"
    await screenshot(page, f"08-user-map-fitted-{size}")
    await page.goto(page.url.rsplit("/", 1)[0] + "/107")
    await expect(user.locator("p.no-places")).to_contain_text(
        "All of erin's recent streams were on your local network", timeout=UI_MS
    )
    await expect(user.locator("plexgeo-world-map")).to_have_count(0)
    await screenshot(page, f"08-user-lan-only-{size}")


async def _check_bob_evidence(card: Locator) -> None:
    """bob's concurrent-locations alert: both places, how far and how long apart."""
    from playwright.async_api import expect

    await expect(card).to_have_count(1, timeout=UI_MS)
    evidence = card.locator("dl.evidence")
    for label in ("Other stream", "This stream", "Distance", "Time between"):
        await expect(evidence.locator("dt", has_text=label)).to_have_count(1)
    await expect(evidence).to_contain_text(place("tokyo").city)
    await expect(evidence).to_contain_text(place("frankfurt_vpn").city)
    # Both play at once: said as such, not as "0 s apart".
    await expect(evidence.locator("dd", has_text="At the same time")).to_have_count(1)
    # Trusting a country would not silence two places at once: not offered.
    await expect(card.get_by_role("button", name="Acknowledge and trust")).to_have_count(0)


async def _check_alerts(page: Page, size: str, open_alerts: int) -> None:
    """Item 14: paging past 100, the evidence of bob's two places, trust offered only
    where it helps, acknowledged by a name, and Acknowledge all asks first."""
    from playwright.async_api import expect

    await page.get_by_role("tab", name="Alerts").click()
    view = page.locator("plexgeo-alerts-view")
    cards = view.locator("li.alert")
    await expect(cards).to_have_count(ALERTS_PAGE, timeout=UI_MS)
    pager = view.locator(".pager")
    older = pager.get_by_role("button", name="Older")
    # Newest first: the crowd's alerts fill the first pages, alice's and bob's are last.
    for first in range(1, open_alerts + 1, ALERTS_PAGE):
        last = min(open_alerts, first + ALERTS_PAGE - 1)
        await expect(pager).to_contain_text(f"Alerts {first}\u2013{last}", timeout=UI_MS)
        await expect(cards).to_have_count(last - first + 1, timeout=UI_MS)
        if first > 1:
            top = await view.bounding_box()
            assert top is not None and top["y"] < 300, f"page from {first} starts at {top}"
        if last < open_alerts:
            await older.click()
    await expect(older).to_be_disabled()
    alice = cards.filter(has_text="Rare country").filter(has_text="alice")
    await expect(alice.get_by_role("button", name="Acknowledge and trust")).to_be_visible()
    bob = cards.filter(has_text="Concurrent locations").filter(has_text="bob")
    if size == "phone":
        await assert_text_readable(page, "alerts, phone")
    else:
        await _check_bob_evidence(bob)
        await centre(bob)
    await screenshot(page, f"14-alerts-last-page-{size}")
    if size == "desktop":
        await bob.get_by_role("button", name="Acknowledge", exact=True).click()
        await expect(bob).to_have_count(0, timeout=UI_MS)
    # Acknowledged: by whom, by name.
    await view.get_by_role("button", name="Acknowledged", exact=True).click()
    done = cards.filter(has_text="bob").filter(has_text="Concurrent locations")
    await _check_bob_evidence(done)
    await expect(done).to_contain_text(re.compile(r"Acknowledged [\s\S]* by Dev"), timeout=UI_MS)
    await screenshot(page, f"14-acknowledged-by-{size}")
    await view.get_by_role("button", name="Open", exact=True).click()
    await expect(cards).to_have_count(ALERTS_PAGE, timeout=UI_MS)
    # Acknowledge all asks first: the desk cancels, the phone confirms.
    await view.get_by_role("button", name="Acknowledge all").first.click()
    ask = view.get_by_role("alertdialog", name="Acknowledge all alerts")
    still_open = open_alerts - 1 if size == "desktop" else open_alerts
    await expect(ask).to_contain_text(f"Acknowledge all {still_open} open alerts?")
    await screenshot(page, f"14-acknowledge-all-asks-{size}")
    if size == "desktop":
        await ask.get_by_role("button", name="Cancel").click()
        await expect(ask).to_have_count(0)
        await expect(cards).to_have_count(ALERTS_PAGE)
    else:
        await ask.get_by_role("button", name="Acknowledge all").click()
        await expect(view.get_by_text("No open alerts")).to_be_visible(timeout=UI_MS)
        await screenshot(page, "14-all-acknowledged-phone")


@pytest.mark.timeout(420)
async def test_users_alerts_logbook_at_both_sizes(stage: Stage) -> None:
    """Users, drill-down, alerts, logbook, device page and bundle at both sizes, dark."""
    await stage.end(await stage.play(ALICE_LONDON))
    await stage.play(ALICE_SYDNEY, BOB_TOKYO, BOB_VPN, *ERIN)
    await stage.wait_for_alerts(2)
    async with stage.page("desktop", dark=True) as desk, stage.page("phone", dark=True) as phone:
        pages = {"desktop": desk, "phone": phone}
        for size, page in pages.items():
            await _check_logbook_and_device(stage, page, size)
        await stage.end(await stage.play(*_crowd("london")))
        await stage.play(*_crowd("sydney"), lasting=False)
        await stage.wait_for_alerts(2 + CROWD)
        open_alerts = int(await stage.house.sensor_value("unacknowledged_alerts") or 0)
        for size, page in pages.items():
            watch = BrowserWatch(page)
            await _check_bundle(stage, page, size)
            await page.goto(stage.ha.url + "/plexgeo")
            await _check_users(page, size)
            await _check_user(page, size)
            await _check_alerts(page, size, open_alerts - (size == "phone"))
            watch.assert_clean(f"users and alerts, {size}")
