"""The PlexGeo panel end to end: a real Home Assistant, the simulators, Debian's Chromium.

Home Assistant is onboarded and PlexGeo configured over the API as `scripts/develop` does.
alice streams from London, stops, then streams from Sydney (a rare-country alert); carol
plays a title that is an HTML payload and a user whose name is one watches on a player
whose name is one. The browser logs in on HA's own login page, opens the panel from the
sidebar, and checks each view against what the simulator plays. Screenshots of every view
go to tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
import re
import time
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.plexgeo.alerts import alert_issue_id
from custom_components.plexgeo.const import (
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    CONF_SCAN_INTERVAL,
    DOMAIN,
)
from simulator.ipapi import FakeIpApi
from simulator.places import place
from simulator.plex import PlexSimulator
from simulator.scenario import lan_session, wan_session

from .conftest import (
    ARTIFACTS,
    HomeAssistantProcess,
    bootstrap,
    free_port,
    home_assistant_socket,
    wait_for,
)
from .log_checks import check_log_search_order_and_routes, expect_user_route

if TYPE_CHECKING:
    from playwright.async_api import Browser, Dialog, Page

XSS_TITLE = "<img src=x onerror=alert(1)>"
XSS_USER = '"><svg onload=alert(2)>'
XSS_PLAYER = "<iframe src=javascript:alert(3)></iframe>"
# What any of the payloads would have become had it been parsed as HTML.
INJECTED = ("img[src='x']", "img[onerror]", "svg[onload]", "iframe")

UI_MS = 20_000  # one view's worth of websocket round trips, with room for a slow CI
STATE_SECONDS = 40.0  # a poll is at most one scan interval (10 s) away, plus geolocation

ALICE: dict[str, Any] = {"user_id": 101, "user_name": "alice"}
ALICE_LONDON = wan_session(
    "london",
    **ALICE,
    title="Arrival",
    rating_key=3001,
    player_title="Alice's TV",
    player_machine_id="alice-tv",
)
ALICE_SYDNEY = wan_session(
    "sydney",
    **ALICE,
    title="Dune",
    rating_key=3002,
    player_title="Alice's Phone",
    player_machine_id="alice-phone",
)
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


async def _states(client: Any) -> dict[str, str]:
    states = await client.expect("GET", "/api/states")
    return {str(s["entity_id"]): str(s["state"]) for s in states}


def _sensor(states: dict[str, str], key: str) -> str | None:
    pattern = re.compile(rf"^sensor\..*_{key}$")
    return next((entity for entity in states if pattern.match(entity)), None)


class House:
    """The running Home Assistant as the test drives it over REST."""

    def __init__(self, ha: HomeAssistantProcess, client: Any) -> None:
        """client is bootstrap_dev's HomeAssistantClient, holding a long-lived token."""
        self.ha = ha
        self.client = client

    def explain(self) -> str:
        """What to read when a wait times out."""
        return f"--- home-assistant.log (tail) ---\n{self.ha.log_tail()}"

    async def sensor_value(self, key: str) -> float | None:
        """A PlexGeo sensor's numeric state, None until it exists and has one."""
        states = await _states(self.client)
        entity = _sensor(states, key)
        if entity is None:
            return None
        try:
            return float(states[entity])
        except ValueError:
            return None

    async def poll_now(self) -> None:
        """Ask the coordinator for a poll (debounced by HA; the scan interval is the bound)."""
        states = await _states(self.client)
        entity = _sensor(states, "active_streams")
        assert entity is not None, "no active-streams sensor"
        await self.client.expect(
            "POST", "/api/services/homeassistant/update_entity", {"entity_id": entity}
        )

    async def wait_for_sensor(self, key: str, wanted: float) -> None:
        """Wait until a PlexGeo sensor reads `wanted`."""

        async def probe() -> bool | None:
            return True if await self.sensor_value(key) == wanted else None

        await wait_for(
            f"sensor *_{key} = {wanted:g}", probe, seconds=STATE_SECONDS, explain=self.explain
        )


async def _home_assistant_up(ha: HomeAssistantProcess, client: Any) -> None:
    async def probe() -> bool | None:
        if ha.process.returncode is not None:
            pytest.fail(f"Home Assistant exited ({ha.process.returncode})\n{ha.log_tail()}")
        try:
            status, _ = await client.request("GET", "/api/onboarding")
        except aiohttp.ClientError:
            return None
        return True if status == 200 else None

    await wait_for("Home Assistant to answer", probe, seconds=90, explain=ha.log_tail)


async def _set_options(client: Any, entry_id: str, changes: dict[str, Any]) -> None:
    """Submit PlexGeo's options form with `changes` over its current values."""
    path = "/api/config/config_entries/options/flow"
    form = await client.expect("POST", path, {"handler": entry_id})
    assert form.get("type") == "form", form
    values = {**bootstrap.schema_values(form.get("data_schema") or []), **changes}
    result = await client.expect("POST", f"{path}/{form['flow_id']}", values)
    assert result.get("type") == "create_entry", result


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


class BrowserWatch:
    """Dialogs (an injected script ran) and uncaught errors of the panel's bundle."""

    def __init__(self, page: Page) -> None:
        """Start watching page."""
        self.dialogs: list[str] = []
        self.panel_errors: list[str] = []
        page.on("dialog", self._on_dialog)
        page.on("pageerror", self._on_error)

    async def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        await dialog.dismiss()

    def _on_error(self, error: Exception) -> None:
        text = f"{error}\n{getattr(error, 'stack', '')}"
        if "plexgeo" in text:
            self.panel_errors.append(text)

    def assert_clean(self, view: str) -> None:
        """No dialog opened and the panel threw nothing, so far."""
        assert not self.dialogs, f"{view}: a dialog opened, so a payload ran: {self.dialogs}"
        assert not self.panel_errors, f"{view}: the panel threw: {self.panel_errors}"


async def _assert_inert(page: Page, watch: BrowserWatch, view: str) -> None:
    """No payload became an element anywhere in the panel's shadow DOM."""
    from playwright.async_api import expect

    # Playwright's CSS engine pierces open shadow roots, so this covers every view's DOM.
    await expect(page.locator("plexgeo-panel")).to_have_count(1)
    for selector in INJECTED:
        found = await page.locator(f"plexgeo-panel {selector}").count()
        assert found == 0, f"{view}: {found} {selector} element(s): a payload became HTML"
    watch.assert_clean(view)


async def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"panel-{name}.png"))


async def _log_in_and_open_panel(page: Page, url: str) -> None:
    """HA's own login page with the dev user, then the sidebar's PlexGeo item."""
    from playwright.async_api import expect

    # Newer Home Assistant asks an admin to confirm HTTP settings that changed since the
    # last start (here: a config dir whose port it has never seen); a person confirms.
    confirm = page.locator("dialog-http-pending-config").get_by_role(
        "button", name="Confirm", exact=True
    )
    await page.add_locator_handler(confirm, lambda button: button.click())
    await page.goto(url + "/")
    await page.wait_for_url(re.compile(r"/auth/authorize"), timeout=UI_MS)
    await page.get_by_role("textbox", name="Username").fill(bootstrap.DEV_USERNAME)
    await page.get_by_role("textbox", name="Password").fill(bootstrap.DEV_PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    item = page.locator("ha-sidebar").get_by_text("PlexGeo", exact=True)
    await expect(item).to_be_visible(timeout=UI_MS)
    await item.click()
    await page.wait_for_url(re.compile(r"/plexgeo$"), timeout=UI_MS)


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
    await _screenshot(page, "1-map")


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
    await _screenshot(page, "2-stream-log")


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
    await _screenshot(page, "3-user-alice")


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
    await _screenshot(page, "4-alerts")

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
    await _screenshot(page, "5-alerts-acknowledged")


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
    await _screenshot(page, "6-repair-dialog")
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


@pytest.mark.timeout(300)
async def test_panel_in_a_real_browser(
    browser: Browser,  # first: without a browser, nothing else is worth starting
    home_assistant: HomeAssistantProcess,
    plex_sim: PlexSimulator,
    ipapi: FakeIpApi,
    capture: CaptureServer,
) -> None:
    """Sidebar → map → stream log → alice → acknowledge → repair dialog; payloads inert."""
    started = time.monotonic()
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        client = bootstrap.HomeAssistantClient(session, home_assistant.url)
        await _home_assistant_up(home_assistant, client)
        await bootstrap.onboard(client, None)
        target = bootstrap.Target(
            home_assistant.url,
            home_assistant.config_dir,
            plex_sim.url,
            plex_sim.token,
            ipapi.base_url,
        )
        entry_id = await bootstrap.configure_plexgeo(client, target)
        # One earlier located stream is enough history for a rare-country alert.
        await _set_options(
            client, entry_id, {CONF_SCAN_INTERVAL: 10, CONF_RARE_COUNTRY_MIN_SESSIONS: 1}
        )
        house = House(home_assistant, client)
        await _build_history(house, plex_sim)
        history_done = time.monotonic()

        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = await context.new_page()
            watch = BrowserWatch(page)
            await _log_in_and_open_panel(page, home_assistant.url)
            await _check_map(page, watch, wan_live=2)
            await _check_stream_log(page, watch)
            await check_log_search_order_and_routes(page)
            await _check_user(page, watch)
            await expect_user_route(page)
            async with home_assistant_socket(session, home_assistant.url, client.token) as ws:
                await _check_acknowledge(page, watch, ws, entry_id, house)
                await _hostile_alert(house, plex_sim, capture)
                await _check_repair_dialog(page, watch, ws, home_assistant.url, house, capture)
        except BaseException:
            # What the browser showed when it went wrong, beside the views' screenshots.
            for open_page in context.pages:
                await _screenshot(open_page, "failure")
            raise
        finally:
            await context.close()
    print(
        f"history built in {history_done - started:.1f} s, "
        f"browser checks in {time.monotonic() - history_done:.1f} s"
    )
