"""The live map in a real browser at a desk and on a phone (issue 18, items 4, 5, 6, 9, 13).

alice streamed from London and now plays from Sydney; carol plays from New York; bob
plays from Tokyo (paused, transcoded) and, at the same time, through a VPN in Frankfurt;
dave plays from Amsterdam, near Frankfurt on a world map; erin plays on the LAN. Each
size checks the range's counts, bob's group, the Stop button, the map's zoom, pan,
clusters, legend, tap targets and tooltips; then Plex goes away and both sizes say so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from simulator.places import place
from simulator.plex import FailureMode
from simulator.scenario import SimDecision, SimState, lan_session, wan_session

from .conftest import wait_for
from .stage import (
    ALICE_LONDON,
    ALICE_SYDNEY,
    STATE_SECONDS,
    UI_MS,
    BrowserWatch,
    Stage,
    assert_text_readable,
    assert_within_viewport,
    centre,
    screenshot,
)

if TYPE_CHECKING:
    from playwright.async_api import Locator, Page

LIVE = (
    ALICE_SYDNEY,
    wan_session("new_york", user_id=102, user_name="carol", title="Heat", rating_key=3003),
    wan_session(
        "tokyo",
        user_id=105,
        user_name="bob",
        title="Alien",
        rating_key=3005,
        player_title="Bob's TV",
        player_machine_id="bob-tv",
        state=SimState.PAUSED,
        decision=SimDecision.TRANSCODE,
        video_height=2160,  # a 4K film sent at 720p
        transcode_height=720,
        view_offset_ms=3_420_000,  # 3_480_000 of 6_960_000 once polled again: half-way
    ),
    wan_session(
        "frankfurt_vpn",
        user_id=105,
        user_name="bob",
        title="Brazil",
        rating_key=3006,
        player_title="Bob's Laptop",
        player_machine_id="bob-laptop",
    ),
    wan_session(
        "amsterdam",
        user_id=106,
        user_name="dave",
        title="Contact",
        rating_key=3007,
        player_title="Dave's Box",
        player_machine_id="dave-box",
    ),
    lan_session(user_id=107, user_name="erin", title="Gravity", rating_key=3008),
)
STOP_MESSAGE = "Stopped by the browser test"


def _view_box(value: str | None) -> tuple[float, float, float, float]:
    assert value, "the map has no viewBox"
    x, y, w, h = (float(n) for n in value.split())
    return x, y, w, h


async def _check_counts(page: Page, size: str) -> None:
    """Item 5: the range's counts add up; the live count is the streams listed."""
    from playwright.async_api import expect

    view = page.locator("plexgeo-live-view")
    summary = view.locator(".toolbar .muted")
    await expect(summary).to_have_text(re.compile(r"streams? · "), timeout=UI_MS)
    text = await summary.inner_text()
    found = re.fullmatch(r"(\d+) streams? · (\d+) LAN · (\d+) WAN(?: \((\d+) located\))?", text)
    assert found, f"unexpected range summary {text!r}"
    total, lan, wan, located = (int(n or 0) for n in found.groups())
    # alice's London stream and the six live ones; LAN and WAN make the total, and the
    # located ones are part of WAN (the LAN stream counts at home on the map, not here).
    assert (total, lan, wan) == (7, 1, 6), text
    assert 0 < located <= wan, text
    heading = view.get_by_role("heading", name=re.compile("^Live now"))
    await expect(heading.locator(".count")).to_have_text(str(len(LIVE)), timeout=UI_MS)
    await expect(view.locator("ul.live .stream")).to_have_count(len(LIVE))
    await screenshot(page, f"05-counts-{size}")


async def _check_live_list(page: Page, size: str) -> Locator:
    """Items 4 and 6: the server's state, bob's two places, progress, playback, quality,
    the admin's address; returns bob's group."""
    from playwright.async_api import expect

    view = page.locator("plexgeo-live-view")
    await expect(view.locator(".server.connected")).to_contain_text("Connected", timeout=UI_MS)
    await expect(view.locator(".server.connected")).to_contain_text("last poll")
    groups = view.locator("ul.live > li.group")
    await expect(groups).to_have_count(5, timeout=UI_MS)
    bob = groups.first  # users streaming from two places come first
    await expect(bob.locator(".group-head")).to_contain_text("bob")
    await expect(bob).to_have_class(re.compile(r"\bapart\b"))
    await expect(bob.locator(".chip.warn").first).to_have_text("2 streams from 2 places")
    await expect(bob.locator(".place-apart")).to_have_count(2)
    tokyo = bob.locator(".stream").filter(has_text="Alien")
    await expect(tokyo.locator(".state.paused")).to_have_count(1)
    await expect(tokyo).to_contain_text("Paused")
    await expect(tokyo.locator(".chip.warn")).to_have_text("Transcode")
    # The quality delivered: the transcode's resolution and the session's bitrate.
    await expect(tokyo.locator(".chip.quality")).to_have_text("720p · 9.2 Mbps")
    await expect(tokyo.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "50")
    await expect(tokyo).to_contain_text(place("tokyo").city)
    address = f"{place('tokyo').ipv4[0]} · {place('tokyo').isp}"  # whose network, not "wan"
    await expect(tokyo.locator(".address")).to_have_text(address)
    frankfurt = bob.locator(".stream").filter(has_text="Brazil")
    await expect(frankfurt).to_contain_text("Direct play")
    await expect(frankfurt.locator(".chip.quality")).to_have_text("1080p · 9.2 Mbps")
    await expect(frankfurt).to_contain_text("Playing")
    await expect(groups.filter(has_text="erin").locator(".chip.lan")).to_have_text("LAN")
    if size == "phone":
        await assert_text_readable(page, "live list, phone")
        await assert_within_viewport(page, view.locator(".live-card"), "live list")
    await centre(bob)
    await screenshot(page, f"06-live-groups-{size}")
    return bob


async def _check_stop(page: Page, stage: Stage, size: str) -> None:
    """Item 6: Stop asks first, with the message; a refusal explains Plex Pass; then it
    stops dave's stream with that message."""
    from playwright.async_api import expect

    dave = page.locator("plexgeo-live-view ul.live > li.group").filter(has_text="dave")
    await dave.get_by_role("button", name="Stop…").click()
    confirm = dave.get_by_role("alertdialog", name="Stop this stream")
    await expect(confirm).to_contain_text("Stop dave's stream of Contact?")
    message = confirm.get_by_label("Message to the viewer")
    await expect(message).to_have_value(re.compile(r"stopped by the server's owner"))
    if size == "phone":
        await assert_within_viewport(page, confirm, "stop confirmation")
        await screenshot(page, "06-stop-confirm-phone")
        await confirm.get_by_role("button", name="Cancel").click()
        await expect(confirm).to_have_count(0)
        return
    await message.fill(STOP_MESSAGE)
    stage.plex.plex_pass = False
    await confirm.get_by_role("button", name="Stop stream").click()
    await expect(confirm.get_by_role("alert")).to_contain_text("Plex Pass", timeout=UI_MS)
    await screenshot(page, "06-stop-refused-desktop")
    assert stage.plex.terminated == []
    stage.plex.plex_pass = True
    await confirm.get_by_role("button", name="Stop stream").click()

    async def stopped() -> bool | None:
        return True if stage.plex.terminated else None

    await wait_for("the stop to reach Plex", stopped, seconds=10, explain=stage.house.explain)
    assert [reason for _, reason in stage.plex.terminated] == [STOP_MESSAGE]
    # dave's stream goes; no other stream claims to have been stopped (the button's
    # state stays with the stream it was for when the list changes).
    await stage.polled()
    view = page.locator("plexgeo-live-view")
    await expect(dave).to_have_count(0, timeout=UI_MS)
    await expect(view.get_by_text("Stop sent to Plex.")).to_have_count(0)
    await expect(view.get_by_role("button", name="Stop…")).to_have_count(len(LIVE) - 1)


async def _check_map(page: Page, size: str) -> None:
    """Item 9: legend, clusters, tap targets, buttons, keys, wheel, pinch, tooltips, and
    a dot that opens its user."""
    from playwright.async_api import expect

    view = page.locator("plexgeo-live-view")
    world = view.locator("plexgeo-world-map")
    svg = world.locator("svg[role=img]")
    await expect(world.locator("path.country").first).to_be_attached(timeout=UI_MS)
    await expect(world.locator(".legend")).to_contain_text("live stream")
    await expect(world.locator(".legend")).to_contain_text("nearby places grouped")
    # Amsterdam and Frankfurt are one dot at world scale, counted.
    group = world.locator(".dot.live.group")
    await expect(group).to_have_count(1, timeout=UI_MS)
    await expect(group.locator("text")).to_have_text("2")
    await expect(group).to_have_attribute("aria-label", re.compile(r"2 streams: "))
    for hit in await world.locator(".dot circle.hit").all():
        box = await hit.bounding_box()
        assert box and box["width"] >= 23.5 and box["height"] >= 23.5, f"tap target {box}"
    whole = _view_box(await svg.get_attribute("viewBox"))
    await centre(world.locator("svg"))
    await screenshot(page, f"09-map-world-{size}")
    # A group of several users zooms in on them, and splits.
    zoomed = whole
    for _ in range(3):
        await (group.tap() if size == "phone" else group.click())
        closer = _view_box(await svg.get_attribute("viewBox"))
        assert closer[2] < zoomed[2], f"the group did not zoom in: {zoomed} → {closer}"
        zoomed = closer
        if await group.count() == 0:
            break
    await expect(group).to_have_count(0)
    await expect(world.locator(".dot.live[aria-label^='dave:']")).to_have_count(1)
    await screenshot(page, f"09-map-zoomed-{size}")
    reset = world.get_by_role("button", name="Show the whole world")
    await reset.click()
    await expect(svg).to_have_attribute("viewBox", " ".join(f"{n:g}" for n in whole))
    # The buttons, the keyboard (+, arrows, 0), the wheel and a pinch all move the map.
    await world.get_by_role("button", name="Zoom in").click()
    await expect(svg).not_to_have_attribute(
        "viewBox", re.compile(f"^{whole[0]:g} {whole[1]:g} {whole[2]:g} ")
    )
    await world.get_by_role("button", name="Zoom out").click()
    await world.locator(".wrap").focus()
    await page.keyboard.press("+")
    before = _view_box(await svg.get_attribute("viewBox"))
    assert before[2] < whole[2]
    await page.keyboard.press("ArrowRight")
    assert _view_box(await svg.get_attribute("viewBox"))[0] > before[0], "ArrowRight did not pan"
    await page.keyboard.press("0")
    assert _view_box(await svg.get_attribute("viewBox")) == whole
    if size == "desktop":
        await svg.hover()
        await page.mouse.wheel(0, -400)
        await expect(reset).to_be_enabled(timeout=UI_MS)
        assert _view_box(await svg.get_attribute("viewBox"))[2] < whole[2], "wheel"
    else:
        await _pinch(svg)
        await expect(reset).to_be_enabled(timeout=UI_MS)
        assert _view_box(await svg.get_attribute("viewBox"))[2] < whole[2], "pinch"
    await reset.click()
    await _check_tooltip_and_open(page, world, size)


async def _pinch(svg: Locator) -> None:
    """Two fingers moving apart over the map (Playwright has one touch point: events)."""
    await svg.evaluate(
        """(svg) => {
          const r = svg.getBoundingClientRect();
          const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
          const fire = (type, id, x) => svg.dispatchEvent(new PointerEvent(type, {
            pointerId: id, pointerType: 'touch', clientX: x, clientY: cy, bubbles: true,
            isPrimary: id === 1 }));
          fire('pointerdown', 1, cx - 20); fire('pointerdown', 2, cx + 20);
          fire('pointermove', 2, cx + 50); fire('pointermove', 2, cx + 80);
          fire('pointerup', 1, cx - 20); fire('pointerup', 2, cx + 80);
        }"""
    )


async def _check_tooltip_and_open(page: Page, world: Locator, size: str) -> None:
    """A dot's tooltip stays until closed and fits the screen; a click (on a phone, the
    pinned tooltip's Open user) opens that stream's user."""
    from playwright.async_api import expect

    sydney = world.locator(".dot.live[aria-label^='alice:']")
    await expect(sydney).to_have_count(1)
    tooltip = world.get_by_role("tooltip")
    if size == "phone":
        await sydney.tap()
        await expect(tooltip).to_contain_text("alice", timeout=UI_MS)
        await expect(tooltip).to_contain_text(place("sydney").city)
        await expect(tooltip.get_by_role("button", name="Close")).to_be_visible()
        await assert_within_viewport(page, tooltip, "pinned tooltip")
        await assert_text_readable(page, "map, phone")
        await page.wait_for_timeout(1_500)  # pinned: still there a moment later
        await expect(tooltip).to_be_visible()
        await screenshot(page, "09-map-tooltip-phone")
        await tooltip.get_by_role("button", name="Open user").tap()
    else:
        await sydney.hover()
        await expect(tooltip).to_contain_text("Dune", timeout=UI_MS)
        await assert_within_viewport(page, tooltip, "tooltip")
        await screenshot(page, "09-map-tooltip-desktop")
        await sydney.click()
    await expect(page).to_have_url(re.compile(r"/plexgeo/users/101$"), timeout=UI_MS)
    heading = page.locator("plexgeo-user-view").get_by_role("heading", name="alice")
    await expect(heading).to_be_visible(timeout=UI_MS)
    await page.get_by_role("tab", name="Live map").click()
    await expect(world.locator("path.country").first).to_be_attached(timeout=UI_MS)


async def _check_outage(stage: Stage, pages: dict[str, Page]) -> None:
    """Item 4: Plex stops answering; both sizes say since when, and stop calling the
    last polled streams live."""
    from playwright.async_api import expect

    await stage.plex.fail(FailureMode.REFUSE)
    try:
        await stage.house.poll_now()
        for size, page in pages.items():
            view = page.locator("plexgeo-live-view")
            server = view.locator(".server.failing")
            await expect(server).to_contain_text("unreachable", timeout=STATE_SECONDS * 1000)
            await expect(server).to_contain_text("since")
            await expect(
                view.get_by_role("heading", name=re.compile("^Last known"))
            ).to_be_visible()
            await expect(view.locator("ul.live.stale")).to_have_count(1)
            await expect(view.locator(".state.playing")).to_have_count(0)
            await expect(view.locator("ul.live.stale")).to_contain_text("Last seen playing")
            await expect(view.locator("ul.live.stale")).not_to_contain_text(
                re.compile(r"(^|· )Playing")
            )
            await expect(view.locator("plexgeo-world-map .dot.live")).to_have_count(0)
            await expect(view.get_by_role("button", name="Stop…")).to_have_count(0)
            await centre(server)
            await screenshot(page, f"04-plex-unreachable-{size}")
    finally:
        await stage.plex.recover()


@pytest.mark.timeout(360)
async def test_live_map_at_both_sizes(stage: Stage) -> None:
    """Counts, live groups, Stop, map interactions at 1440x900 and 390x844; an outage."""
    await stage.end(await stage.play(ALICE_LONDON))
    await stage.play(*LIVE)
    await stage.wait_for_alerts(2)  # alice's rare country, bob's two places
    pages: dict[str, Any] = {}
    # The desk logs in first (it confirms newer HA's HTTP-settings dialog for both); the
    # phone is checked first, since the desk's Stop ends dave's stream.
    async with stage.page("desktop") as desk, stage.page("phone") as phone:
        pages = {"phone": phone, "desktop": desk}
        for size, page in pages.items():
            watch = BrowserWatch(page)
            await _check_counts(page, size)
            await _check_live_list(page, size)
            await _check_map(page, size)
            await _check_stop(page, stage, size)
            watch.assert_clean(f"live view, {size}")
        await _check_outage(stage, pages)
