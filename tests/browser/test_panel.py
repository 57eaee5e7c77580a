"""The PlexGeo panel end to end: a real Home Assistant, the simulators, Debian's Chromium.

Home Assistant is onboarded and PlexGeo configured over the API as `scripts/develop` does.
alice streams from London, stops, then streams from Sydney (a rare-country alert); carol
plays a title that is an HTML payload and a user whose name is one watches on a player
whose name is one. The browser logs in on HA's own login page, opens the panel from the
sidebar, and checks each view against what the simulator plays, at 1440x900; the stream
log is then driven on a 390x844 phone too (log_checks.py). Screenshots of every view go to
tests/artifacts/ (gitignored), named by issue 18's item and the size.

The other modules, each with a Home Assistant of its own (conftest.stage): the live map
(test_panel_live.py) and users, alerts, logbook and bundle (test_panel_users.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
import re
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web
import pytest

from custom_components.plexgeo.alerts import alert_issue_id
from custom_components.plexgeo.const import DOMAIN
from simulator.places import place
from simulator.plex import PlexSimulator
from simulator.scenario import lan_session, wan_session

from .conftest import free_port, home_assistant_socket, wait_for
from .log_checks import (
    check_log_on_a_phone,
    check_log_search_order_and_routes,
    check_times_and_pages,
    expect_user_route,
)
from .stage import (
    ALICE_LONDON,
    ALICE_SYDNEY,
    STATE_SECONDS,
    UI_MS,
    BrowserWatch,
    House,
    Stage,
    screenshot,
)

if TYPE_CHECKING:
    from playwright.async_api import Page

XSS_TITLE = "<img src=x onerror=alert(1)>"
XSS_USER = '"><svg onload=alert(2)>'
XSS_PLAYER = "<iframe src=javascript:alert(3)></iframe>"
# What any of the payloads would have become had it been parsed as HTML.
INJECTED = ("img[src='x']", "img[onerror]", "svg[onload]", "iframe")


CAROL = wan_session(
    "new_york",
    user_id=102,
    user_name="carol",
    title=XSS_TITLE,
    rating_key=3003,
    player_title="Carol's Roku",
    player_machine_id="carol-roku",
)
HOSTILE = lan_session(
    user_id=103,
    user_name=XSS_USER,
    title="Heat",
    rating_key=3004,
    player_title=XSS_PLAYER,
    player_machine_id="hostile-player",
)


async def _build_history(house: House, plex: PlexSimulator) -> None:
    """London, then Sydney for alice; carol and the hostile user stay live throughout."""
    london = plex.add_session(ALICE_LONDON)
    plex.add_session(CAROL)
    plex.add_session(HOSTILE)
    await house.wait_for_sensor("active_streams", 3)
    # A second poll of the same streams (seen through the bandwidth it reports), so
    # London is a stream that lasted, not a blip.
    plex.update_session(london, bandwidth_kbps=4_000, view_offset_ms=60_000)
    await house.poll_now()
    await house.wait_for_sensor("total_bandwidth", sum(s.bandwidth_kbps for s in plex.sessions))
    plex.remove_session(london)
    await house.poll_now()
    await house.wait_for_sensor("active_streams", 2)
    plex.add_session(ALICE_SYDNEY)
    await house.poll_now()
    await house.wait_for_sensor("active_streams", 3)

    async def alerted() -> float | None:
        count = await house.sensor_value("unacknowledged_alerts")
        return count if count else None

    await wait_for("an alert for alice", alerted, seconds=STATE_SECONDS, explain=house.explain)


async def _assert_inert(page: Page, watch: BrowserWatch, view: str) -> None:
    """No payload became an element anywhere in the panel's shadow DOM."""
    from playwright.async_api import expect

    # Playwright's CSS engine pierces open shadow roots, so this covers every view's DOM.
    await expect(page.locator("plexgeo-panel")).to_have_count(1)
    for selector in INJECTED:
        found = await page.locator(f"plexgeo-panel {selector}").count()
        assert found == 0, f"{view}: {found} {selector} element(s): a payload became HTML"
    watch.assert_clean(view)


async def _check_map(page: Page, watch: BrowserWatch, wan_live: int) -> None:
    from playwright.async_api import expect

    view = page.locator("plexgeo-live-view")
    await expect(view.locator("plexgeo-world-map path.country").first).to_be_attached(timeout=UI_MS)
    # One glowing dot per located live stream: alice in Sydney and carol in New York.
    await expect(view.locator("plexgeo-world-map .dot.live")).to_have_count(wan_live, timeout=UI_MS)
    live = view.locator("ul.live > li")
    await expect(live).to_have_count(3, timeout=UI_MS)
    # The server answers: its state says so, and the streams are called live.
    await expect(view.locator(".server.connected")).to_contain_text("Connected")
    await expect(view.get_by_role("heading", name=re.compile("^Live now"))).to_be_visible()
    await expect(live.get_by_text(XSS_TITLE, exact=True)).to_be_visible()
    await expect(live.get_by_role("button", name=XSS_USER, exact=True)).to_be_visible()
    await expect(live.filter(has_text="alice")).to_contain_text(place("sydney").city)
    await _assert_inert(page, watch, "map")
    await screenshot(page, "security-1-map-desktop")


async def _check_stream_log(page: Page, watch: BrowserWatch) -> None:
    from playwright.async_api import expect

    await page.get_by_role("tab", name="Stream log").click()
    rows = page.locator("plexgeo-streams-view tbody tr")
    expected = [ALICE_LONDON, ALICE_SYDNEY, CAROL, HOSTILE]
    await expect(rows).to_have_count(len(expected), timeout=UI_MS)
    for session in expected:
        row = rows.filter(has=page.get_by_text(session.title, exact=True))
        await expect(row).to_have_count(1)
        await expect(row.locator("td[data-label='User']")).to_have_text(session.user_name)
        await expect(row.locator("td[data-label='Player']")).to_contain_text(session.player_title)
    for session, key in ((ALICE_LONDON, "london"), (ALICE_SYDNEY, "sydney"), (CAROL, "new_york")):
        row = rows.filter(has=page.get_by_text(session.title, exact=True))
        await expect(row.locator("td[data-label='Location']")).to_contain_text(place(key).city)
        await expect(row.locator("td[data-label='Network']")).to_contain_text("WAN")
    hostile = rows.filter(has=page.get_by_text(HOSTILE.title, exact=True))
    await expect(hostile.locator("td[data-label='Network']")).to_contain_text("LAN")
    await _assert_inert(page, watch, "stream log")
    await screenshot(page, "security-2-stream-log-desktop")


async def _check_user(page: Page, watch: BrowserWatch) -> None:
    from playwright.async_api import expect

    log = page.locator("plexgeo-streams-view")
    await log.get_by_role("button", name="alice", exact=True).first.click()
    view = page.locator("plexgeo-user-view")
    await expect(view.get_by_role("heading", name="alice", exact=True)).to_be_visible(timeout=UI_MS)
    countries = view.locator("ul.trust li .cc")
    await expect(countries).to_have_count(2, timeout=UI_MS)
    codes = {text.strip() for text in await countries.all_inner_texts()}
    assert codes == {place("london").country_code, place("sydney").country_code}
    recent_section = view.locator("section", has=page.get_by_role("heading", name="Recent streams"))
    recent = recent_section.locator("table tbody tr")
    await expect(recent).to_have_count(2)
    # An admin also sees the user's devices and networks, in tables of their own.
    habits = view.locator("section.habits")
    await expect(habits.get_by_role("heading", name="Devices", exact=True)).to_be_visible()
    await expect(habits.locator("table tbody tr").first).to_be_visible(timeout=UI_MS)
    await expect(recent.filter(has_text="Arrival")).to_contain_text(place("london").city)
    await expect(recent.filter(has_text="Dune")).to_contain_text(place("sydney").city)
    await expect(view.locator("plexgeo-doughnut path.slice")).to_have_count(2, timeout=UI_MS)
    await expect(view.locator("plexgeo-bars rect.bar").first).to_be_attached()
    await _assert_inert(page, watch, "user")
    await screenshot(page, "security-3-user-alice-desktop")


async def _open_alerts(socket: Any, entry_id: str) -> list[dict[str, Any]]:
    result = await socket.call("plexgeo/alerts", entry_id=entry_id, acknowledged=False)
    return list(result["alerts"])


async def _plexgeo_issue_ids(socket: Any) -> set[str]:
    result = await socket.call("repairs/list_issues")
    return {str(i["issue_id"]) for i in result["issues"] if i["domain"] == DOMAIN}


async def _check_acknowledge(
    page: Page, watch: BrowserWatch, socket: Any, entry_id: str, house: House
) -> None:
    from playwright.async_api import expect

    before = await _open_alerts(socket, entry_id)
    rare = [a for a in before if a["kind"] == "rare_country" and a["user_name"] == "alice"]
    assert len(rare) == 1, f"expected one open rare-country alert for alice, got {before}"
    alert_id = int(rare[0]["alert_id"])
    issue = alert_issue_id(entry_id, alert_id)
    issues_before = await _plexgeo_issue_ids(socket)
    assert issue in issues_before, f"no repair issue {issue} among {issues_before}"

    await page.get_by_role("tab", name="Alerts").click()
    cards = page.locator("plexgeo-alerts-view li.alert")
    await expect(cards).to_have_count(len(before), timeout=UI_MS)
    card = cards.filter(has_text="Rare country").filter(has_text="alice")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text(place("sydney").country)
    await _assert_inert(page, watch, "alerts")
    await screenshot(page, "security-4-alerts-desktop")

    await card.get_by_role("button", name="Acknowledge", exact=True).click()
    await expect(card).to_have_count(0, timeout=UI_MS)
    await expect(cards).to_have_count(len(before) - 1, timeout=UI_MS)

    after = await _open_alerts(socket, entry_id)
    assert alert_id not in {int(a["alert_id"]) for a in after}
    assert {int(a["alert_id"]) for a in after} == {int(a["alert_id"]) for a in before} - {
        alert_id
    }, "acknowledging one alert changed others"

    async def issue_gone() -> bool | None:
        return True if issue not in await _plexgeo_issue_ids(socket) else None

    await wait_for(f"repair issue {issue} to go", issue_gone, seconds=10, explain=house.explain)
    remaining = await _plexgeo_issue_ids(socket)
    for other in after:
        assert alert_issue_id(entry_id, int(other["alert_id"])) in remaining
    await _assert_inert(page, watch, "alerts after acknowledge")
    await screenshot(page, "security-5-alerts-acknowledged-desktop")


@dataclass(slots=True)
class CaptureServer:
    """Where an injected image or link would lead: it records every request it gets."""

    url: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
async def capture(socket_enabled: None) -> AsyncIterator[CaptureServer]:
    """A server on 127.0.0.1 that answers everything and remembers it was asked."""
    port = free_port()
    server = CaptureServer(f"http://127.0.0.1:{port}")

    async def record(request: web.Request) -> web.Response:
        server.requests.append(str(request.rel_url))
        return web.Response(body=b"", content_type="image/png")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield server
    finally:
        await runner.cleanup()


def _markdown_payloads(capture: CaptureServer) -> dict[str, Any]:
    """A user, title and player that would load an image and show links if rendered."""
    return {
        "user_id": 104,
        "user_name": f"![x]({capture.url}/user.png)",
        "title": f"[link]({capture.url}/title) {capture.url}/bare www.example.org",
        "player_title": f"<img src={capture.url}/player.png>",
    }


async def _hostile_alert(house: House, plex: PlexSimulator, capture: CaptureServer) -> None:
    """The hostile user streams from London, then from Sydney: a rare-country alert."""
    payloads = _markdown_payloads(capture)
    london = plex.add_session(wan_session("london", **payloads, rating_key=3005))
    active = len(plex.sessions)
    await house.poll_now()
    await house.wait_for_sensor("active_streams", active)
    plex.update_session(london, bandwidth_kbps=2_000, view_offset_ms=60_000)
    await house.poll_now()
    plex.remove_session(london)
    await house.poll_now()
    await house.wait_for_sensor("active_streams", active - 1)
    plex.add_session(wan_session("sydney", **payloads, rating_key=3006))
    await house.poll_now()
    await house.wait_for_sensor("active_streams", active)


async def _check_repair_dialog(
    page: Page,
    watch: BrowserWatch,
    socket: Any,
    url: str,
    house: House,
    capture: CaptureServer,
) -> None:
    """The hostile user's repair dialog renders the payloads as text and fetches nothing."""
    from playwright.async_api import expect

    async def hostile_issue() -> dict[str, Any] | None:
        result = await socket.call("repairs/list_issues")
        for issue in result["issues"]:
            if issue["domain"] == DOMAIN and capture.url.split("//")[1] in str(
                issue.get("translation_placeholders")
            ):
                return dict(issue)
        return None

    await wait_for(
        "the hostile user's repair issue",
        hostile_issue,
        seconds=STATE_SECONDS,
        explain=house.explain,
    )
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    await page.goto(url + "/config/repairs")
    item = page.get_by_text(re.compile(r"is streaming from Australia")).first
    await expect(item).to_be_visible(timeout=UI_MS)
    await item.click()
    dialog = page.locator("dialog-data-entry-flow")
    description = dialog.locator("ha-markdown").first
    # The payloads are on screen as the text they are.
    await expect(description).to_contain_text(f"![x]({capture.url}/user.png)", timeout=UI_MS)
    await expect(description).to_contain_text(f"[link]({capture.url}/title)")
    await expect(description).to_contain_text(f"<img src={capture.url}/player.png>")
    await screenshot(page, "security-6-repair-dialog-desktop")
    for selector in ("img", "a", "iframe", "svg[onload]"):
        found = await description.locator(selector).count()
        assert found == 0, f"repair dialog: {found} {selector} element(s) from untrusted text"
    links = await dialog.locator(f"a[href^='{capture.url}'], img[src^='{capture.url}']").count()
    assert links == 0, "the repair dialog links to the capture server"
    await page.wait_for_timeout(1_000)  # an image would have been requested by now
    leaked = [u for u in fetched if u.startswith(capture.url)]
    assert leaked == [], f"the browser asked the capture server for {leaked}"
    assert capture.requests == [], f"the capture server was asked for {capture.requests}"
    watch.assert_clean("repair dialog")


@pytest.mark.timeout(420)
async def test_panel_in_a_real_browser(stage: Stage, capture: CaptureServer) -> None:
    """Sidebar → map → stream log → alice → acknowledge → repair dialog; payloads inert.
    Then the stream log at both sizes: search, order, Clear, routes (items 1, 2, 3, 10),
    times as the profile says (11), pages with their total (12), the phone's cards (13)."""
    started = time.monotonic()
    house, plex_sim = stage.house, stage.plex
    await _build_history(house, plex_sim)
    history_done = time.monotonic()
    async with stage.page("desktop") as page:
        watch = BrowserWatch(page)
        await _check_map(page, watch, wan_live=2)
        await _check_stream_log(page, watch)
        await check_log_search_order_and_routes(page, "desktop")
        await _check_user(page, watch)
        await expect_user_route(page)
        await check_log_on_a_phone(stage)
        async with home_assistant_socket(stage.session, stage.ha.url, stage.client.token) as ws:
            await _check_acknowledge(page, watch, ws, stage.entry_id, house)
            await _hostile_alert(house, plex_sim, capture)
            await _check_repair_dialog(page, watch, ws, stage.ha.url, house, capture)
    security_done = time.monotonic()
    await check_times_and_pages(stage)
    print(
        f"history built in {history_done - started:.1f} s, "
        f"security checks in {security_done - history_done:.1f} s, "
        f"log checks at both sizes in {time.monotonic() - security_done:.1f} s"
    )
