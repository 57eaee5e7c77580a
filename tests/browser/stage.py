"""What the panel's browser tests share: a configured Home Assistant driven over REST
(`Stage`), the simulated Plex server's history, and a browser page per screen size.

`conftest.stage` starts one Home Assistant per test module's test and hands it over
configured, with an empty history; each module plays the streams it needs through
`Stage.play` and `Stage.end`, which wait until a poll has recorded them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
import re
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from simulator.plex import PlexSimulator
from simulator.scenario import SimSession, wan_session

from .conftest import (
    ARTIFACTS,
    HomeAssistantProcess,
    bootstrap,
    home_assistant_socket,
    wait_for,
)

if TYPE_CHECKING:
    from playwright.async_api import Browser, Dialog, Page

UI_MS = 20_000  # one view's worth of websocket round trips, with room for a slow CI
STATE_SECONDS = 40.0  # a poll is at most one scan interval (10 s) away, plus geolocation

# The sizes issue 18 was tried at: a desk and a phone (HA calls the panel `narrow` there).
SIZES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
MIN_TEXT_PX = 12

# alice streams from London, then from Sydney: a rare country (every module's history).
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


async def states(client: Any) -> dict[str, str]:
    """Every entity's state, by entity id."""
    found = await client.expect("GET", "/api/states")
    return {str(s["entity_id"]): str(s["state"]) for s in found}


def sensor_id(found: dict[str, str], key: str) -> str | None:
    """The PlexGeo sensor whose entity id ends in _key."""
    pattern = re.compile(rf"^sensor\..*_{key}$")
    return next((entity for entity in found if pattern.match(entity)), None)


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
        found = await states(self.client)
        entity = sensor_id(found, key)
        if entity is None:
            return None
        try:
            return float(found[entity])
        except ValueError:
            return None

    async def poll_now(self) -> None:
        """Ask the coordinator for a poll (debounced by HA; the scan interval is the bound)."""
        entity = sensor_id(await states(self.client), "active_streams")
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


async def home_assistant_up(ha: HomeAssistantProcess, client: Any) -> None:
    """Wait until Home Assistant answers its onboarding API (fail at once if it exited)."""

    async def probe() -> bool | None:
        if ha.process.returncode is not None:
            pytest.fail(f"Home Assistant exited ({ha.process.returncode})\n{ha.log_tail()}")
        try:
            status, _ = await client.request("GET", "/api/onboarding")
        except aiohttp.ClientError:
            return None
        return True if status == 200 else None

    await wait_for("Home Assistant to answer", probe, seconds=90, explain=ha.log_tail)


async def set_options(client: Any, entry_id: str, changes: dict[str, Any]) -> None:
    """Submit PlexGeo's options form with `changes` over its current values."""
    path = "/api/config/config_entries/options/flow"
    form = await client.expect("POST", path, {"handler": entry_id})
    assert form.get("type") == "form", form
    values = {**bootstrap.schema_values(form.get("data_schema") or []), **changes}
    result = await client.expect("POST", f"{path}/{form['flow_id']}", values)
    assert result.get("type") == "create_entry", result


@dataclass
class Stage:
    """Home Assistant with PlexGeo configured against the simulators, and the browser."""

    ha: HomeAssistantProcess
    session: aiohttp.ClientSession
    client: Any
    house: House
    plex: PlexSimulator
    entry_id: str
    browser: Browser
    storage: Any = None  # the logged-in browser's storage state, once a page logged in

    async def play(self, *sessions: SimSession, lasting: bool = True) -> list[str]:
        """Start sessions and wait until a poll saw them; `lasting` polls them once more
        (with progress) so each is a stream that lasted, not a blip."""
        keys = [self.plex.add_session(s) for s in sessions]
        await self.polled()
        if lasting:
            for key, session in zip(keys, sessions, strict=True):
                self.plex.update_session(key, view_offset_ms=session.view_offset_ms + 60_000)
            await self.house.poll_now()
            await self.house.wait_for_sensor(
                "total_bandwidth", sum(s.bandwidth_kbps for s in self.plex.sessions)
            )
        return keys

    async def end(self, keys: Iterable[str]) -> None:
        """Stop sessions and wait until a poll saw them go."""
        for key in keys:
            self.plex.remove_session(key)
        await self.polled()

    async def polled(self) -> None:
        """Poll, and wait until the active-streams sensor shows what the simulator plays."""
        await self.house.poll_now()
        await self.house.wait_for_sensor("active_streams", len(self.plex.sessions))

    async def wait_for_alerts(self, count: int) -> None:
        """Wait until at least `count` alerts are open."""

        async def enough() -> float | None:
            found = await self.house.sensor_value("unacknowledged_alerts")
            return found if found is not None and found >= count else None

        await wait_for(
            f"{count} open alerts", enough, seconds=STATE_SECONDS, explain=self.house.explain
        )

    async def set_profile(self, **language: str) -> None:
        """The dev user's profile (Settings → Profile): time format, time zone..."""
        values = {
            "language": "en",
            "number_format": "language",
            "time_format": "language",
            "date_format": "language",
            "time_zone": "local",
            "first_weekday": "language",
            **language,
        }
        async with home_assistant_socket(self.session, self.ha.url, self.client.token) as ws:
            await ws.call("frontend/set_user_data", key="language", value=values)

    @asynccontextmanager
    async def page(self, size: str, *, dark: bool = False, **options: Any) -> AsyncIterator[Page]:
        """A logged-in page on the panel at `size` (light or dark), closed on exit; a
        screenshot named `failure-<size>` when the block fails."""
        context = await self.browser.new_context(
            **SIZES[size],
            color_scheme="dark" if dark else "light",
            storage_state=self.storage,
            **options,
        )
        page = await context.new_page()
        try:
            await log_in_and_open_panel(
                page, self.ha.url, logged_in=self.storage is not None, narrow=size == "phone"
            )
            if self.storage is None:
                self.storage = await context.storage_state()
            yield page
        except BaseException:
            await screenshot(page, f"failure-{size}")
            raise
        finally:
            await context.close()


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


async def centre(locator: Any) -> None:
    """Scroll an element to the middle of the screen (not under the panel's sticky tabs)."""
    await locator.evaluate("el => el.scrollIntoView({block: 'center'})")


async def screenshot(page: Page, name: str, *, full_page: bool = False) -> None:
    """tests/artifacts/panel-<name>.png (gitignored: reviewed, never committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"panel-{name}.png"), full_page=full_page)


async def log_in_and_open_panel(
    page: Page, url: str, *, logged_in: bool = False, narrow: bool = False
) -> None:
    """HA's own login page with the dev user (unless the context already holds its
    tokens), then the sidebar's PlexGeo item (on a phone, the panel's address)."""
    from playwright.async_api import TimeoutError, expect

    # Newer Home Assistant asks an admin to confirm HTTP settings that changed since the
    # last start (here: a config dir whose port it has never seen); a person confirms.
    confirm = page.locator("dialog-http-pending-config").get_by_role(
        "button", name="Confirm", exact=True
    )
    await page.add_locator_handler(confirm, lambda button: button.click())
    await page.goto(url + "/")
    try:
        # A context with saved tokens may still be sent to log in (HA keeps them only
        # when "Keep me logged in" was ticked).
        wait = 3_000 if logged_in else UI_MS
        await page.wait_for_url(re.compile(r"/auth/authorize"), timeout=wait)
    except TimeoutError:
        if not logged_in:
            raise
    else:
        await page.get_by_role("textbox", name="Username").fill(bootstrap.DEV_USERNAME)
        await page.get_by_role("textbox", name="Password").fill(bootstrap.DEV_PASSWORD)
        await page.get_by_role("button", name="Log in").click()
    if narrow:
        # A phone's sidebar is a drawer: the panel is opened by its address.
        await expect(page.locator("ha-sidebar")).to_be_attached(timeout=UI_MS)
        await page.goto(url + "/plexgeo")
    else:
        item = page.locator("ha-sidebar").get_by_text("PlexGeo", exact=True)
        await expect(item).to_be_visible(timeout=UI_MS)
        await item.click()
    await page.wait_for_url(re.compile(r"/plexgeo$"), timeout=UI_MS)


# Every visible text in the panel's shadow DOM with its computed size, in CSS pixels
# (SVG text by its height on screen: a map label scales with the map).
_TEXT_SIZES = """(root) => {
  const found = [];
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
      const px = el instanceof SVGElement
        ? rect.height / 1.15
        : parseFloat(style.fontSize);
      const cls = typeof el.className === 'string' ? el.className.trim() : '';
      const tag = el.tagName.toLowerCase() + (cls ? '.' + cls.split(/\\s+/).join('.') : '');
      found.push([tag, el.textContent.trim().slice(0, 40), px]);
    }
  };
  walk(root.shadowRoot);
  return found;
}"""


async def assert_text_readable(page: Page, view: str) -> None:
    """No visible text in the panel under MIN_TEXT_PX (issue 18, item 13)."""
    sizes = await page.locator("plexgeo-panel").evaluate(_TEXT_SIZES)
    assert sizes, f"{view}: no text found in the panel"
    small = [(tag, text, round(px, 1)) for tag, text, px in sizes if px < MIN_TEXT_PX - 0.01]
    assert not small, f"{view}: text under {MIN_TEXT_PX} px: {small[:12]}"


async def assert_within_viewport(page: Page, selector: Any, view: str) -> None:
    """The element's box lies inside the viewport horizontally (it fits a phone)."""
    box = await selector.bounding_box()
    assert box is not None, f"{view}: not on screen"
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert box["x"] >= -0.5 and box["x"] + box["width"] <= width + 0.5, (
        f"{view}: {box} does not fit the {width} px wide screen"
    )
